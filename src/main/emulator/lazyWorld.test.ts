// A 100k-account emulator starts without drawing anyone's 360: audit logs, cards, orders, carts
// and B2B companies are drawn on the first question about them, and only what was asked is kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'
import { generateAccounts } from './generate'
import { type Emulator, startEmulator } from './index'
import { WORLD_CACHE_SIZE } from './world'

const COUNT = 100_000
let emu: Emulator
let generating = 0
let starting = 0

beforeAll(async () => {
  let t = performance.now()
  const data = generateAccounts({ seed: 7, count: COUNT })
  generating = performance.now() - t
  t = performance.now()
  emu = await startEmulator({ data })
  starting = performance.now() - t
}, 180_000)
afterAll(() => emu.close())

describe(`a ${COUNT}-account emulator`, () => {
  it('draws nothing of the 360 at start, and its start costs a fraction of making the accounts', () => {
    expect(emu.worldSizes()).toEqual({ customers: 0, carts: 0, b2bIndex: false, cartIndex: false })
    // Both are measured in the same run, so the ratio holds on a slow or busy machine alike.
    expect(starting / generating, `start ${starting.toFixed(0)} ms, accounts ${generating.toFixed(0)} ms`).toBeLessThan(0.5)
  })

  it('draws one customer for a question about one customer, and nothing of carts or companies', async () => {
    const headers = kiboHeaders(emu, await appToken(emu))
    const last = emu.data.accounts[COUNT - 1]
    for (const section of ['cards', 'loginstate', 'AuditLog/Entries']) {
      const res = await call(emu, 'GET', `/commerce/customer/accounts/${last.id}/${section}`, { headers })
      expect(res.status === 200 || (section === 'loginstate' && res.status === 404)).toBe(true)
    }
    expect(emu.worldSizes()).toMatchObject({ customers: 1, carts: 0, b2bIndex: false, cartIndex: false })

    // Impersonating by a cart id indexes the carts and draws that one cart only.
    const cart = emu.data.carts[COUNT / 2]
    const ticket = await call(emu, 'POST', '/commerce/customer/authtickets/impersonatecart', { headers, body: { cartId: cart.cartId } })
    expect(ticket.json.customerAccount.id).toBe(cart.accountId)
    expect(emu.worldSizes()).toMatchObject({ carts: 1, cartIndex: true })
    expect(emu.worldSizes().customers).toBeLessThanOrEqual(2)

    // An order by id, read by the application alone, draws its own customer's orders, not the tenant's.
    const buyer = emu.data.accounts.findLast((a) => (a.commerceSummary?.orderCount ?? 0) > 0)!
    const list = await call(emu, 'GET', '/commerce/orders', { headers, query: { filter: `customerAccountId eq ${buyer.id}` } })
    const order = await call(emu, 'GET', `/commerce/orders/${list.json.items[0].id}`, { headers })
    expect(order.json.customerAccountId).toBe(buyer.id)
    expect(emu.worldSizes().customers).toBeLessThanOrEqual(3)
  })

  it('keeps at most the most recent customers drawn', async () => {
    const headers = kiboHeaders(emu, await appToken(emu))
    // Sections of accounts read through a B2B company question count too: the cache stays bounded.
    const b2b = emu.data.accounts.find((a) => a.accountType === 'B2B')!
    expect((await call(emu, 'GET', `/commerce/customer/b2baccounts/${b2b.id}/hierarchy`, { headers })).status).toBe(200)
    expect(emu.worldSizes().b2bIndex).toBe(true)
    expect(emu.worldSizes().customers).toBeLessThanOrEqual(WORLD_CACHE_SIZE)
  })
})
