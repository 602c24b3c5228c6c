// A customer bundle, end to end: export one customer of the live demo tenant with every section
// (Export dialog → Customer bundle), then open it in a fresh app whose demo tenant was never
// started and whose first app (and its tenant) has stopped, and see every view filled from the
// file with no Kibo call at all; then compare it with a later bundle of the same customer.
import type { Page } from '@playwright/test'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CustomerBundle } from '../src/shared/customer360'
import { generateAccounts } from '../src/main/emulator/generate'
import { wishlists } from '../src/main/emulator/generateCommerce'
import { orders } from '../src/main/emulator/generateOrders'
import { test, expect, screenshot, startHost, api } from './fixtures'
import { expectAccessible, fillTarget, impersonate } from './helpers'

// The demo tenant is seeded (seed 7, 500 accounts): a B2B customer with a cart, a few orders and
// a wishlist, so every view has something of its own to show.
const demo = generateAccounts({ seed: 7, count: 500 })
const customer = demo.accounts.find(
  (a) =>
    a.accountType === 'B2B' &&
    orders(7, a, demo.tenant, demo.site).length > 0 &&
    demo.carts.some((c) => c.accountId === a.id) &&
    wishlists(7, a, demo.tenant, demo.site).length > 0,
)!

let dir: string
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-bundle-'))
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

type Json = Record<string, unknown>
const dataOf = (bundle: CustomerBundle, section: keyof CustomerBundle['sections']) => {
  const stored = bundle.sections[section]
  if (!stored || !('data' in stored)) throw new Error(`the bundle has no ${section} data`)
  return stored.data as Json
}

async function openFile(app: Page, path: string) {
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await app.getByLabel('File path').fill(path)
  await app.getByRole('button', { name: 'Open', exact: true }).click()
}

const inspector = (app: Page) => app.getByRole('region', { name: 'Inspector' })
const panel = (app: Page) => inspector(app).getByRole('tabpanel')
async function showTab(app: Page, name: string) {
  await inspector(app).getByRole('tab', { name, exact: true }).click()
  await expect(inspector(app).getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true')
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme })
    test.describe.configure({ timeout: 300_000 })

    test(`export a customer bundle live, open it offline, every view from the file, compare two (${scheme})`, async ({ page }) => {
      const host = await startHost()
      let offline: Awaited<ReturnType<typeof startHost>> | null = null
      try {
        const app = page
        await app.goto(host.url)
        await expect(app.getByTestId('active-profile')).toBeVisible()
        // ---- live: the demo tenant, the customer impersonated (so the shopper's sections are readable too) ----
        await fillTarget(app, { accountId: String(customer.id) })
        await impersonate(app)
        await expect(inspector(app)).toContainText(`#${customer.id}`)
        await app.keyboard.press('Control+K')
        await app.getByRole('combobox', { name: 'Type a command' }).fill('Export accounts')
        await app.keyboard.press('Enter')
        const dialog = app.getByRole('dialog', { name: 'Export accounts' })
        await expect(dialog.getByRole('radio', { name: /^This account/ })).toBeChecked()
        await dialog.getByRole('radio', { name: /^Customer bundle/ }).check()
        await dialog.getByLabel(/^Save as/).fill('customer-bundle.json')
        await screenshot(app, `bundle-export-form-${scheme}`)
        await expectAccessible(app, `export dialog, customer bundle, ${scheme}`)
        await dialog.getByRole('button', { name: 'Export', exact: true }).click()
        const exported = join(host.exportDir, 'customer-bundle.json')
        await expect(dialog).toContainText(`Exported 1 customer bundle to ${exported}`, { timeout: 60_000 })

        const earlier = join(dir, `earlier-${scheme}.json`)
        copyFileSync(exported, earlier)
        const bundle = JSON.parse(readFileSync(earlier, 'utf8')) as CustomerBundle
        expect(bundle).toMatchObject({ kind: 'kibo-customer-bundle', version: 1, account: { id: customer.id }, redacted: false })
        // Every section the profile can read, each with when and from where; the shopper's too.
        for (const section of ['auditLog', 'loginState', 'cards', 'credits', 'visits', 'b2b', 'cart', 'orders', 'wishlists'] as const) {
          expect(bundle.sections[section], section).toMatchObject({ readAt: expect.any(String), tenant: expect.any(String) })
        }
        expect(readFileSync(earlier, 'utf8')).not.toMatch(/"(accessToken|refreshToken|jwtAccessToken)"/)

        // A later bundle of the same customer: the cart lost its first item and gained a coupon.
        const cart = dataOf(bundle, 'cart') as { cart: Json & { items: Json[]; couponCodes?: string[] } }
        const gone = cart.cart.items[0]
        const goneName = String((gone.product as Json).name)
        const later: CustomerBundle = structuredClone(bundle)
        later.exportedAt = new Date(Date.parse(bundle.exportedAt) + 2 * 86_400_000).toISOString()
        const laterCart = (later.sections.cart as { data: { cart: Json & { items: Json[]; couponCodes?: string[] } } }).data.cart
        laterCart.items = laterCart.items.slice(1)
        laterCart.couponCodes = [...(laterCart.couponCodes ?? []), 'WINTER10']
        const laterPath = join(dir, `later-${scheme}.json`)
        writeFileSync(laterPath, JSON.stringify(later))

        // ---- offline: the first app and its demo tenant stop; a fresh app never starts one ----
        await host.stop()
        offline = await startHost()
        await page.goto(offline.url)
        await expect(page.getByTestId('active-profile')).toBeVisible()
        const profiles = await api<{ activeId: string }>(offline, 'profiles.list', {})

        await openFile(page, earlier)
        const grid = page.getByRole('grid')
        await expect(grid.getByRole('row').nth(1)).toContainText(String(customer.id))
        // The Files list says what the file is: a customer bundle, not a single account.
        await expect(page.getByText('customer bundle', { exact: true })).toBeVisible()
        await grid.getByRole('row').nth(1).click()
        await expect(inspector(page)).toContainText('From a file')

        // Account: the login state, read from the bundle.
        await showTab(page, 'Account')
        await expect(page.getByTestId('login-state')).toBeVisible()
        await expect(panel(page)).toContainText('from a bundle')
        await screenshot(page, `bundle-offline-account-${scheme}`)
        await expectAccessible(page, `account from a bundle, ${scheme}`)

        // Audit: Kibo's field-level log as exported, beside the stamps.
        await showTab(page, 'Audit')
        const auditItems = (dataOf(bundle, 'auditLog') as { items: unknown[] }).items
        await expect(page.getByTestId('audit-table').locator('tbody tr[data-source="log"]')).toHaveCount(auditItems.length)
        await screenshot(page, `bundle-offline-audit-${scheme}`)

        // Customer: cards, credits, transactions, visits, the purchase-order account.
        await showTab(page, 'Customer')
        await expect(panel(page)).toContainText('from a bundle')
        await expect(panel(page)).not.toContainText(/couldn.t|could not be read|not in this bundle/i)
        await screenshot(page, `bundle-offline-customer-${scheme}`)

        // B2B: the company the customer is.
        await showTab(page, 'B2B')
        await expect(panel(page)).toContainText(customer.companyOrOrganization!)
        await expect(panel(page)).toContainText('from a bundle')
        await screenshot(page, `bundle-offline-b2b-${scheme}`)

        // Cart, Orders, Wishlists: what the shopper saw, without a ticket or an impersonation.
        await showTab(page, 'Cart')
        await expect(panel(page)).toContainText(goneName)
        await expect(panel(page)).toContainText('from a bundle')
        await expect(panel(page)).not.toContainText(/Impersonate to/i)
        // Its expiry is told from when the bundle was read, not from today.
        await expect(panel(page)).toContainText(/(after|before) it was read/)
        await screenshot(page, `bundle-offline-cart-${scheme}`)
        await expectAccessible(page, `cart from a bundle, ${scheme}`)

        await showTab(page, 'Orders')
        const firstOrder = (dataOf(bundle, 'orders') as { items: Json[] }).items[0]
        await expect(panel(page)).toContainText(String(firstOrder.orderNumber))
        await screenshot(page, `bundle-offline-orders-${scheme}`)

        await showTab(page, 'Wishlists')
        const firstList = (dataOf(bundle, 'wishlists') as { items: Json[] }).items[0]
        await expect(panel(page)).toContainText(String(firstList.name))
        await screenshot(page, `bundle-offline-wishlists-${scheme}`)

        // No network: not one Kibo request was made by the offline app.
        const log = await api<{ total: number }>(offline, 'log.requests', { profileId: profiles.activeId })
        expect(log.total).toBe(0)

        // ---- compare the two bundles, section by section ----
        await openFile(page, laterPath)
        await expect(page.getByLabel('Open files')).toContainText(`later-${scheme}.json`, { timeout: 60_000 })
        await screenshot(page, `bundle-two-files-${scheme}`)
        await page.getByRole('button', { name: 'Compare', exact: true }).click()
        const compare = page.getByRole('region', { name: 'Compare two customer bundles' })
        await compare
          .getByLabel('Bundle file')
          .first()
          .selectOption({ label: `earlier-${scheme}.json (1)` })
        await compare.getByLabel('Customer (row)').first().fill('1')
        await compare
          .getByLabel('Bundle file')
          .nth(1)
          .selectOption({ label: `later-${scheme}.json (1)` })
        await compare.getByLabel('Customer (row)').nth(1).fill('1')
        await compare.getByRole('button', { name: 'Compare bundles' }).click()
        const cartSection = compare.locator('li.section', { has: page.locator('.label', { hasText: /^Cart$/ }) })
        await expect(cartSection).toContainText('changed')
        await expect(cartSection).toContainText(goneName)
        await expect(cartSection).toContainText('WINTER10')
        await expect(compare.locator('li.section', { has: page.locator('.label', { hasText: /^Orders$/ }) })).toContainText('no change')
        await compare.locator('li.section', { hasText: goneName }).scrollIntoViewIfNeeded()
        await screenshot(page, `bundle-compare-${scheme}`)
        await expectAccessible(page, `bundle comparison, ${scheme}`)
        expect((await api<{ total: number }>(offline, 'log.requests', { profileId: profiles.activeId })).total).toBe(0)
      } finally {
        await host.stop()
        await offline?.stop()
      }
    })
  })
}
