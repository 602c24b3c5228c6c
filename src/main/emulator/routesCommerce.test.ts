// What the shopper sees, as the emulator answers it (routesCommerce.ts): carts, messages, summary,
// orders and wishlists answer spec-shaped and only for the shopper whose user claims come with the
// call, as the client calls them (src/main/kibo/shopper.ts: the application bearer plus the
// customer ticket's accessToken in x-vol-user-claims).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { validateResponse } from '../../../test/openapi'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'
import { type Emulator, startEmulator } from './index'
import { CustomerWorld } from './world'

const IMPERSONATE = '/commerce/customer/authtickets/impersonatecart'
const CLAIMS = 'x-vol-user-claims'

let emu: Emulator
let headers: Record<string, string>
let world: CustomerWorld

beforeAll(async () => {
  emu = await startEmulator({ accounts: 300, seed: 9 })
  headers = kiboHeaders(emu, await appToken(emu))
  world = new CustomerWorld(emu.data, new Map(emu.data.accounts.map((a) => [a.id!, a])))
})
afterAll(() => emu.close())

interface Ticket {
  accessToken: string
  userId?: string | null
  customerAccount: CustomerAccount
}

async function signIn(body: Record<string, unknown>): Promise<Ticket> {
  const res = await call(emu, 'POST', IMPERSONATE, { headers, body })
  expect(res.status, JSON.stringify(res.json)).toBe(200)
  return res.json as Ticket
}

const as = (t: Ticket): Record<string, string> => ({ ...headers, [CLAIMS]: t.accessToken })
const get = (path: string, h: Record<string, string>, query: Record<string, string | number> = {}) =>
  call(emu, 'GET', path, { headers: h, query })

async function valid(template: string, path: string, h: Record<string, string>, query: Record<string, string | number> = {}) {
  const res = await get(path, h, query)
  expect(res.status, `${path} ${JSON.stringify(res.json)}`).toBe(200)
  expect(validateResponse('GET', template, 200, res.json, { strict: true }), path).toEqual([])
  return res.json
}

const accounts = () => emu.data.accounts
const b2b = () => accounts().filter((a) => a.accountType === 'B2B')

/** Accounts of every kind a shopper view meets: registered, anonymous, B2B, without orders or wishlists. */
function shoppers(): CustomerAccount[] {
  const picks = [
    ...accounts().slice(0, 8),
    ...accounts()
      .filter((a) => a.isAnonymous)
      .slice(0, 2),
    ...b2b().slice(0, 3),
    ...accounts()
      .filter((a) => (a.commerceSummary?.orderCount ?? 0) === 0)
      .slice(0, 2),
    ...accounts()
      .filter((a) => (a.commerceSummary?.wishlistCount ?? 0) === 0)
      .slice(0, 2),
    ...accounts()
      .filter((a) => a.isLocked)
      .slice(0, 2),
  ]
  return [...new Set(picks)]
}

describe('every shopper endpoint answers spec-shaped (strict)', () => {
  it('current cart, its messages, the cart by id and its summary, orders, an order by id, wishlists', async () => {
    let carts = 0
    let orders = 0
    let wishlists = 0
    for (const a of shoppers()) {
      const h = as(await signIn({ accountId: a.id }))
      const cart = await valid('/commerce/carts/current', '/commerce/carts/current', h)
      const messages = await valid('/commerce/carts/current/messages', '/commerce/carts/current/messages', h)
      expect(await valid('/commerce/carts/{cartId}', `/commerce/carts/${cart.id}`, h)).toEqual(cart)
      const summary = await valid('/commerce/carts/{cartId}/summary', `/commerce/carts/${cart.id}/summary`, h)
      expect(summary.itemCount).toBe(cart.items.length)
      expect(summary.total).toBe(cart.total)
      if (a.isAnonymous) expect(messages.items).toEqual([])
      carts += cart.items.length > 0 ? 1 : 0

      const placed = await valid('/commerce/orders', '/commerce/orders', h, { filter: `customerAccountId eq ${a.id}`, pageSize: 200 })
      expect(placed.totalCount).toBe(a.commerceSummary?.orderCount ?? 0)
      for (const o of (placed.items as Array<{ id: string }>).slice(0, 2)) {
        expect(await valid('/commerce/orders/{orderId}', `/commerce/orders/${o.id}`, h)).toEqual(o)
        orders++
      }
      const lists = await valid('/commerce/wishlists', '/commerce/wishlists', h, { filter: `customerAccountId eq ${a.id}` })
      expect(lists.totalCount).toBe(a.commerceSummary?.wishlistCount ?? 0)
      wishlists += lists.totalCount
    }
    expect(carts).toBeGreaterThan(5)
    expect(orders).toBeGreaterThan(5)
    expect(wishlists).toBeGreaterThan(5)
  })

  it('orders sort by submittedDate newest first by default, page, and refuse an unknown field', async () => {
    const a = accounts().find((x) => (x.commerceSummary?.orderCount ?? 0) >= 4)!
    const h = as(await signIn({ accountId: a.id }))
    const all = (await get('/commerce/orders', h, { pageSize: 200 })).json.items as Array<{ id: string; submittedDate: string | null }>
    // An order not yet submitted has no date: it sorts as the newest, as a missing value does in every emulator sort.
    const dates = all.map((o) => o.submittedDate ?? '~')
    expect(dates).toEqual([...dates].sort().reverse())
    const second = (await get('/commerce/orders', h, { pageSize: 2, startIndex: 2 })).json
    expect(second.items.map((o: { id: string }) => o.id)).toEqual(all.slice(2, 4).map((o) => o.id))
    expect(second.pageCount).toBe(Math.ceil(all.length / 2))
    const oldest = (await get('/commerce/orders', h, { sortBy: 'submittedDate asc', pageSize: 1 })).json.items[0]
    expect(oldest.id).toBe(all[all.length - 1].id)
    expect((await get('/commerce/orders', h, { filter: 'nope eq 1' })).status).toBe(400)
  })
})

describe('a shopper reads only their own', () => {
  it('without user claims, with garbage or a forged token, the carts are 401', async () => {
    const cartId = emu.data.carts[0].cartId
    const forged = `${(await signIn({ accountId: 1001 })).accessToken.slice(0, -4)}AAAA`
    for (const path of [
      '/commerce/carts/current',
      '/commerce/carts/current/messages',
      `/commerce/carts/${cartId}`,
      `/commerce/carts/${cartId}/summary`,
    ]) {
      expect((await get(path, headers)).status, path).toBe(401)
      for (const claims of ['garbage', 'a.b.c', forged]) {
        const res = await get(path, { ...headers, [CLAIMS]: claims })
        expect(res.status, `${path} ${claims}`).toBe(401)
        expect(res.json.errorCode).toBe('UNAUTHORIZED')
      }
    }
    // The tenant header comes first, claims or not.
    const { ['x-vol-tenant']: _t, ...noTenant } = as(await signIn({ accountId: 1001 }))
    expect((await get('/commerce/carts/current', noTenant)).status).toBe(400)
    expect((await get('/commerce/orders', noTenant)).status).toBe(400)
    // The shopper's claims never stand in for the application's bearer.
    const t = await signIn({ accountId: 1001 })
    expect((await get('/commerce/carts/current', { ...as(t), authorization: `Bearer ${t.accessToken}` })).status).toBe(401)
  })

  it('another shopper’s cart by id, or its summary, is not found', async () => {
    const mine = emu.data.carts[0]
    const theirs = emu.data.carts.find((c) => c.accountId !== mine.accountId)!
    const h = as(await signIn({ accountId: mine.accountId }))
    expect((await get(`/commerce/carts/${mine.cartId}`, h)).status).toBe(200)
    for (const path of [
      `/commerce/carts/${theirs.cartId}`,
      `/commerce/carts/${theirs.cartId}/summary`,
      `/commerce/carts/${'f'.repeat(32)}`,
    ]) {
      const res = await get(path, h)
      expect(res.status, path).toBe(404)
      expect(res.text).not.toContain(String(theirs.accountId))
    }
  })

  it('a shopper with no cart gets an empty one of their own, readable by its id, never a stranger’s', async () => {
    const known = new Set(emu.data.carts.map((c) => c.cartId))
    const ids = new Set<string>()
    for (const a of accounts()
      .filter((x) => x.isAnonymous)
      .slice(0, 3)) {
      const h = as(await signIn({ accountId: a.id }))
      const cart = (await get('/commerce/carts/current', h)).json
      expect(cart.items).toEqual([])
      expect(cart.total).toBe(0)
      expect(known.has(cart.id)).toBe(false)
      ids.add(cart.id)
      expect((await get(`/commerce/carts/${cart.id}`, h)).json).toEqual(cart)
      expect((await get(`/commerce/carts/${cart.id}/summary`, h)).json).toMatchObject({ itemCount: 0, total: 0, hasActiveCart: false })
      // Another shopper cannot read it.
      expect((await get(`/commerce/carts/${cart.id}`, as(await signIn({ accountId: 1001 })))).status).toBe(404)
    }
    expect(ids.size).toBe(3)
  })

  it('orders and wishlists with claims are the claimed account’s only, whatever the filter says', async () => {
    const [a, b] = accounts().filter((x) => (x.commerceSummary?.orderCount ?? 0) > 0 && (x.commerceSummary?.wishlistCount ?? 0) > 0)
    const h = as(await signIn({ accountId: a.id }))
    for (const path of ['/commerce/orders', '/commerce/wishlists']) {
      const own = (await get(path, h, { pageSize: 200 })).json.items as Array<{ customerAccountId: number }>
      expect(own.length).toBeGreaterThan(0)
      expect(own.every((x) => x.customerAccountId === a.id)).toBe(true)
      const other = (await get(path, h, { filter: `customerAccountId eq ${b.id}` })).json
      expect(other.totalCount, path).toBe(0)
    }
    const theirOrder = world.of(b).orders[0]
    expect((await get(`/commerce/orders/${String(theirOrder.id)}`, h)).status).toBe(404)
    expect((await get(`/commerce/orders/${'0'.repeat(32)}`, h)).status).toBe(404)
    // An id that names the shopper's own account but no order of theirs.
    expect((await get(`/commerce/orders/${a.id!.toString(16).padStart(8, '0')}${'0'.repeat(24)}`, h)).status).toBe(404)
    // The application alone reads any order, as an admin would.
    expect((await get(`/commerce/orders/${String(theirOrder.id)}`, headers)).json.id).toBe(theirOrder.id)
  })

  it('expired user claims are 401 and say so', async () => {
    let clock = Date.now()
    const timed = await startEmulator({ accounts: 20, seed: 9, now: () => clock, accessTokenSeconds: 60 })
    try {
      const h = kiboHeaders(timed, await appToken(timed))
      const ticket = (await call(timed, 'POST', IMPERSONATE, { headers: h, body: { accountId: 1001 } })).json as Ticket
      const withClaims = { ...h, [CLAIMS]: ticket.accessToken }
      expect((await call(timed, 'GET', '/commerce/carts/current', { headers: withClaims })).status).toBe(200)
      clock += 61_000
      const res = await call(timed, 'GET', '/commerce/carts/current', { headers: withClaims })
      expect(res.status).toBe(401)
      expect(res.json.message).toMatch(/expired/i)
      expect((await call(timed, 'GET', '/commerce/orders', { headers: withClaims })).status).toBe(401)
    } finally {
      await timed.close()
    }
  })
})

describe('impersonating a B2B user', () => {
  it('by the user id from /users: the ticket is that user’s, and so is the current cart', async () => {
    let checked = 0
    for (const company of b2b().slice(0, 4)) {
      const users = (await get(`/commerce/customer/b2baccounts/${company.id}/users`, headers)).json.items as Array<{ userId: string }>
      for (const u of users.filter((x) => x.userId !== company.userId).slice(0, 2)) {
        const ticket = await signIn({ userId: u.userId })
        expect(ticket.userId).toBe(u.userId)
        expect(ticket.customerAccount.id).toBe(company.id)
        const cart = await valid('/commerce/carts/current', '/commerce/carts/current', as(ticket))
        expect(cart.userId).toBe(u.userId)
        // The same cart, named by id, signs the same user in.
        const again = await signIn({ cartId: cart.id })
        expect(again.userId).toBe(u.userId)
        expect((await get('/commerce/carts/current', as(again))).json.id).toBe(cart.id)
        // A refreshed ticket is still the buyer's, with the buyer's cart.
        const refreshed = await call(emu, 'PUT', '/commerce/customer/authtickets/refresh', {
          headers,
          query: { refreshToken: (again as Ticket & { refreshToken: string }).refreshToken, accountId: company.id! },
        })
        expect(refreshed.json.userId).toBe(u.userId)
        expect((await get('/commerce/carts/current', as(refreshed.json as Ticket))).json.id).toBe(cart.id)
        // The company's own login does not read this buyer's cart.
        expect((await get(`/commerce/carts/${cart.id}`, as(await signIn({ accountId: company.id })))).status).toBe(404)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(3)
  })
})
