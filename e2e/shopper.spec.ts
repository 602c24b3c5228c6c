// What the shopper sees, read with the customer ticket: the cart (named by id, or the current
// one), orders newest first with one opened, wishlists, and what happens without a ticket or with
// one Kibo refuses. The demo tenant is the emulator with seed 7 and 500 accounts, so the test
// derives every cart, order and wishlist it expects from the same generator.
import type { Locator, Page } from '@playwright/test'
import { DEMO_CLIENT, startEmulator, type Emulator } from '../src/main/emulator'
import { generateAccounts } from '../src/main/emulator/generate'
import { CustomerWorld } from '../src/main/emulator/world'
import { test, expect, screenshot, api, type AppHost } from './fixtures'
import { expectAccessible, fillTarget, impersonate, reloadApp } from './helpers'

// Each test reads several sections and runs axe more than once: more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 })

const demo = generateAccounts({ seed: 7, count: 500 })
const world = new CustomerWorld(demo, new Map(demo.accounts.map((a) => [a.id!, a])))
const accountOf = (id: number) => demo.accounts.find((a) => a.id === id)!

type Doc = Record<string, unknown>
interface CartLine {
  product: { name: string; productCode: string }
}
interface Cart {
  id: string
  total: number
  items: CartLine[]
  invalidCoupons: { couponCode: string; reason: string }[]
  couponCodes: string[]
  changeMessages: { message: string }[]
}

// A cart that is not its shopper's current one (an older cart), with a coupon taken and one
// refused: seeing it proves the view shows the cart named, not whatever is current.
const older = (() => {
  const seen = new Map<number, number>()
  for (const c of demo.carts) {
    const age = seen.get(c.accountId) ?? 0
    seen.set(c.accountId, age + 1)
    const cart = world.cart(c.cartId)!.cart as unknown as Cart
    if (age > 0 && cart.invalidCoupons.length > 0 && cart.couponCodes.length > 0 && cart.items.length > 1) return { ...c, cart }
  }
  throw new Error('the demo tenant has no older cart with a refused coupon')
})()

// An account with more than one page of orders and more than one wishlist.
const shopper = demo.accounts.find((a) => (a.commerceSummary?.orderCount ?? 0) > 25 && (a.commerceSummary?.wishlistCount ?? 0) > 1)!
// Newest first by when the shopper placed it: submitted, or created for an order not submitted yet.
const placed = (o: Doc) => Date.parse(String(o.submittedDate ?? (o.auditInfo as Doc).createDate))
const orders = (world.of(shopper).orders as Doc[]).slice().sort((a, b) => placed(b) - placed(a))
const wishlists = world.of(shopper).wishlists as (Doc & { name: string; items: CartLine[] })[]

const usd = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n)
const inspector = (app: Page) => app.getByRole('region', { name: 'Inspector' })
const tabNamed = (app: Page, name: string) => app.getByRole('tab', { name, exact: true })

/** The table ends inside its section's frame: nothing is cut off or needs scrolling sideways. */
async function expectFits(app: Page, table: Locator, section: string) {
  // Polled: a resize settles over a frame or two (the panes follow the window, then the table its pane).
  const overflow = async () => {
    const [box, frame] = [await table.boundingBox(), await app.getByTestId(`section-${section}`).boundingBox()]
    return box!.x + box!.width - (frame!.x + frame!.width)
  }
  await expect.poll(overflow, { message: `the ${section} table's right edge is past its frame's` }).toBeLessThanOrEqual(0)
}

async function open(app: Page, target: { accountId?: string; cartId?: string }, accountId: number) {
  await fillTarget(app, target)
  await impersonate(app)
  await expect(inspector(app)).toContainText(`#${accountId}`)
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme })

    test(`impersonating by cart id shows that very cart (${scheme})`, async ({ app }) => {
      await open(app, { cartId: older.cartId }, older.accountId)
      await tabNamed(app, 'Cart').click()
      const view = app.getByTestId('cart-view')
      await expect(view).toBeVisible()
      const summary = view.getByRole('definition').first()
      await expect(summary).toContainText(older.cartId)
      await expect(summary).toContainText('the cart id impersonated')

      const lines = view.getByRole('table', { name: 'Items' }).locator('tbody tr')
      await expect(lines).toHaveCount(older.cart.items.length)
      for (const item of older.cart.items) await expect(view.getByRole('table', { name: 'Items' })).toContainText(item.product.productCode)

      const totals = view.getByRole('region', { name: 'Totals' })
      await expect(totals.getByRole('row', { name: /^Total\b/ })).toContainText(usd(older.cart.total))
      await expect(app.getByTestId('totals-check')).toHaveText(/^Adds up/)

      const coupons = view.getByRole('region', { name: 'Coupons' })
      for (const code of older.cart.couponCodes) await expect(coupons.getByText(code, { exact: true })).toBeVisible()
      const refused = older.cart.invalidCoupons[0]
      await expect(coupons.getByRole('listitem').filter({ hasText: refused.couponCode })).toContainText(refused.reason)

      const messages = view.getByRole('region', { name: 'Cart messages' })
      await expect(messages).toContainText(older.cart.changeMessages[0].message)
      // Kibo lists messages for the current cart only: those stand apart, never as this cart's.
      const currentMessages = world.cart(world.currentCartId(older.userId)!)!.messages
      const onlyCurrent = currentMessages.find((m) => !older.cart.changeMessages.some((o) => o.message === m.message))!
      await expect(messages).not.toContainText(onlyCurrent.message)
      await expect(view.getByRole('region', { name: 'Messages on the current cart' })).toContainText(onlyCurrent.message)
      // An older cart: fourteen days after its last change, long past.
      await expect(view.getByRole('definition').filter({ hasText: /expired/ })).toBeVisible()

      await screenshot(app, `shopper-cart-by-id-${scheme}`)
      await expectAccessible(app, `cart by id, ${scheme}`)
      await coupons.scrollIntoViewIfNeeded()
      await screenshot(app, `shopper-cart-by-id-totals-${scheme}`)
      await view.getByRole('region', { name: 'Messages on the current cart' }).scrollIntoViewIfNeeded()
      await screenshot(app, `shopper-cart-by-id-messages-${scheme}`)
    })

    test(`orders newest first, paging, one order's detail (${scheme})`, async ({ app }) => {
      await open(app, { accountId: String(shopper.id) }, shopper.id!)
      await tabNamed(app, 'Orders').click()
      const view = app.getByTestId('orders-view')
      const firstCells = view.locator('tbody tr td:first-child').getByRole('button')
      await expect(firstCells).toHaveCount(20)
      expect(await firstCells.allInnerTexts()).toEqual(orders.slice(0, 20).map((o) => `Order ${String(o.orderNumber)}`))
      await expect(view.getByRole('navigation', { name: 'Order pages' })).toContainText(`1–20 of ${orders.length}`)
      // An order not submitted is dated by its creation, and says so.
      for (const [i, o] of orders.slice(0, 20).entries()) {
        const date = view.locator('tbody tr').nth(i)
        if (o.submittedDate) await expect(date).not.toContainText('not submitted')
        else await expect(date).toContainText('created, not submitted')
      }
      await expectFits(app, view.getByRole('table'), 'orders')
      await screenshot(app, `shopper-orders-${scheme}`)
      await expectAccessible(app, `orders, ${scheme}`)

      await view.getByRole('button', { name: 'Next' }).click()
      await expect(view.getByRole('navigation', { name: 'Order pages' })).toContainText(`21–40 of ${orders.length}`)
      expect(await firstCells.allInnerTexts()).toEqual(orders.slice(20, 40).map((o) => `Order ${String(o.orderNumber)}`))

      const picked = orders[21]
      await view.getByRole('button', { name: `Order ${String(picked.orderNumber)}` }).click()
      const detail = app.getByTestId('order-detail')
      await expect(detail.getByRole('heading', { name: `Order ${String(picked.orderNumber)}` })).toBeVisible()
      for (const item of picked.items as CartLine[])
        await expect(detail.getByRole('table', { name: 'Items' })).toContainText(item.product.productCode)
      await expect(detail.getByRole('region', { name: 'Totals' }).getByRole('row', { name: /^Total\b/ })).toContainText(
        usd(Number(picked.total)),
      )
      await expect(app.getByTestId('order-totals-check')).toHaveText(/^Adds up/)
      await expect(detail.getByRole('region', { name: 'Payments' })).not.toContainText('No payment on the order.')
      await screenshot(app, `shopper-order-detail-${scheme}`)
      await expectAccessible(app, `order detail, ${scheme}`)
      await detail.getByRole('region', { name: 'Notes' }).scrollIntoViewIfNeeded()
      await screenshot(app, `shopper-order-detail-more-${scheme}`)

      // Back to the list, on the page it was left at; at 1024 px it still fits.
      await app.getByRole('button', { name: '← All orders' }).click()
      await expect(view.getByRole('navigation', { name: 'Order pages' })).toContainText(`21–40 of ${orders.length}`)
      await app.setViewportSize({ width: 1024, height: 860 })
      await expectFits(app, view.getByRole('table'), 'orders')
      await screenshot(app, `shopper-orders-1024-${scheme}`)
    })

    test(`wishlists with their items (${scheme})`, async ({ app }) => {
      await open(app, { accountId: String(shopper.id) }, shopper.id!)
      await tabNamed(app, 'Wishlists').click()
      const view = app.getByTestId('wishlists-view')
      for (const list of wishlists) {
        const block = view.getByRole('region', { name: `Wishlist ${list.name}` }).first()
        await expect(block).toBeVisible()
      }
      const first = view.getByRole('region', { name: `Wishlist ${wishlists[0].name}` }).first()
      await expect(first.locator('tbody tr')).toHaveCount(wishlists[0].items.length)
      for (const item of wishlists[0].items) await expect(first).toContainText(item.product.name)
      await app.setViewportSize({ width: 1024, height: 860 })
      await expectFits(app, first.getByRole('table'), 'wishlists')
      await screenshot(app, `shopper-wishlists-${scheme}`)
      await expectAccessible(app, `wishlists, ${scheme}`)
    })
  })
}

test('impersonating by account id shows the current cart', async ({ app }) => {
  const account = accountOf(shopper.id!)
  const currentId = world.currentCartId(account.userId!)!
  const current = world.cart(currentId)!.cart as unknown as Cart
  await open(app, { accountId: String(account.id) }, account.id!)
  await tabNamed(app, 'Cart').click()
  const view = app.getByTestId('cart-view')
  await expect(view.getByRole('definition').first()).toContainText(currentId)
  await expect(view.getByRole('definition').first()).toContainText('current cart')
  await expect(view.getByRole('table', { name: 'Items' }).locator('tbody tr')).toHaveCount(Math.max(1, current.items.length))
  await expect(view.getByRole('region', { name: 'Totals' }).getByRole('row', { name: /^Total\b/ })).toContainText(usd(current.total))
  // The current cart is live by Kibo's summary, whatever this computer's clock says of its date.
  await expect(view.getByRole('definition').filter({ hasText: 'not expired, Kibo says' })).toBeVisible()
  await app.setViewportSize({ width: 1024, height: 860 })
  await expectFits(app, view.getByRole('table', { name: 'Items' }), 'cart')
  await screenshot(app, 'shopper-cart-current-1024')
  await expectAccessible(app, 'current cart at 1024 px')
})

test('the Cart tab before impersonating offers to impersonate, and doing so reads the cart', async ({ app }) => {
  const someone = demo.accounts[10]
  await app.getByRole('button', { name: 'Search accounts' }).click()
  await app.getByLabel('Search (q)').fill(someone.lastName!)
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await app.getByRole('button', { name: `Open account ${someone.id}` }).click()
  await expect(inspector(app)).toContainText(`#${someone.id}`)
  await tabNamed(app, 'Cart').click()
  const gate = app.getByTestId('shopper-gate')
  await expect(gate).toContainText('impersonate the customer first')
  await expect(app.getByTestId('cart-view')).toHaveCount(0)
  await screenshot(app, 'shopper-cart-gate')
  await expectAccessible(app, 'cart before impersonating')

  await gate.getByRole('button', { name: new RegExp(`^Impersonate ${someone.id} on `) }).click()
  await expect(app.getByTestId('cart-view')).toBeVisible()
  await expect(app.getByTestId('shopper-gate')).toHaveCount(0)
})

test.describe('a ticket Kibo refuses', () => {
  let emulator: Emulator
  // The emulator's clock, moved ahead to expire the customer ticket without waiting.
  let ahead = 0

  test.beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: demo, now: () => Date.now() + ahead })
  })
  test.afterAll(() => emulator.close())
  test.afterEach(() => (ahead = 0))

  async function useEmulator(host: AppHost, app: Page) {
    const profile = await api<{ id: string }>(host, 'profiles.save', {
      profile: {
        name: 'Clocked tenant',
        color: '#3c6db5',
        environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
        clientId: DEMO_CLIENT.clientId,
        target: { accountId: older.accountId },
        responseFields: '',
        production: false,
      },
    })
    await api(host, 'secrets.setClientSecret', { profileId: profile.id, secret: DEMO_CLIENT.clientSecret, storage: 'session' })
    await api(host, 'profiles.activate', { id: profile.id })
    await reloadApp(app)
    await expect(app.getByTestId('active-profile')).toContainText('Clocked tenant')
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`an expired ticket says so and impersonating again reads the cart (${scheme})`, async ({ app, host }) => {
      await app.emulateMedia({ colorScheme: scheme })
      await useEmulator(host, app)
      await open(app, { cartId: older.cartId }, older.accountId)

      // Two hours on: the customer's access token (30 minutes) has expired at Kibo.
      ahead = 2 * 3600_000
      await tabNamed(app, 'Cart').click()
      const gate = app.getByTestId('shopper-gate')
      await expect(gate).toContainText('The customer ticket no longer works.')
      await expect(app.getByTestId('section-error')).toContainText('expired or was revoked')
      await expect(app.getByTestId('cart-view')).toHaveCount(0)
      await screenshot(app, `shopper-ticket-refused-${scheme}`)
      await expectAccessible(app, `ticket refused, ${scheme}`)

      await gate.getByRole('button', { name: 'Impersonate again' }).click()
      const view = app.getByTestId('cart-view')
      await expect(view).toBeVisible()
      // The impersonation named a cart, so impersonating again reads that same cart.
      await expect(view.getByRole('definition').first()).toContainText(older.cartId)
      await expect(app.getByTestId('shopper-gate')).toHaveCount(0)
    })
  }
})
