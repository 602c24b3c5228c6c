// Orders and wishlists read by the application alone (no user claims), and an empty claims
// header, as routesCommerce.ts answers them: across the tenant, or the one account a filter names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'
import { type Emulator, startEmulator } from './index'

let emu: Emulator
let headers: Record<string, string>

beforeAll(async () => {
  emu = await startEmulator({ accounts: 30, seed: 9 })
  headers = kiboHeaders(emu, await appToken(emu))
})
afterAll(() => emu.close())

const get = (path: string, query: Record<string, string | number> = {}, h = headers) => call(emu, 'GET', path, { headers: h, query })

describe('the application alone', () => {
  it('reads orders and wishlists across the tenant, or of the one account a filter names', async () => {
    const orders = emu.data.accounts.reduce((n, a) => n + (a.commerceSummary?.orderCount ?? 0), 0)
    const lists = emu.data.accounts.reduce((n, a) => n + (a.commerceSummary?.wishlistCount ?? 0), 0)
    expect(orders).toBeGreaterThan(0)
    expect((await get('/commerce/orders', { pageSize: 1 })).json.totalCount).toBe(orders)
    expect((await get('/commerce/wishlists', { pageSize: 1 })).json.totalCount).toBe(lists)
    const a = emu.data.accounts.find((x) => (x.commerceSummary?.orderCount ?? 0) > 0)!
    expect((await get('/commerce/orders', { filter: `customerAccountId eq ${a.id}`, pageSize: 200 })).json.totalCount).toBe(
      a.commerceSummary?.orderCount,
    )
    // An account the tenant does not have: nothing, not an error.
    expect((await get('/commerce/orders', { filter: 'customerAccountId eq 999999' })).json).toMatchObject({ totalCount: 0, items: [] })
  })

  it('an empty claims header is no claims: the cart needs them, orders are read as the application', async () => {
    const empty = { ...headers, 'x-vol-user-claims': '' }
    const cart = await get('/commerce/carts/current', {}, empty)
    expect(cart.status).toBe(401)
    expect(cart.json.message).toContain('x-vol-user-claims')
    const a = emu.data.accounts.find((x) => (x.commerceSummary?.orderCount ?? 0) > 0)!
    expect((await get('/commerce/orders', { filter: `customerAccountId eq ${a.id}`, pageSize: 200 }, empty)).json.totalCount).toBe(
      a.commerceSummary?.orderCount,
    )
  })
})
