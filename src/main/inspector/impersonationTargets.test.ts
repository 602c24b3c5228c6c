// Whom to impersonate: an account id, a cart id or a user id, each reaching Kibo as given (blank
// ones left out), and the ticket remembered for the account Kibo named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { startEmulator, type Emulator } from '../emulator'
import { Inspector } from './inspector'

let emulator: Emulator
const signal = new AbortController().signal

beforeAll(async () => {
  emulator = await startEmulator({ seed: 6, accounts: 20 })
})
afterAll(() => emulator.close())

function inspector(): Inspector {
  const profile: Profile = {
    id: 'p',
    name: 'Targets test',
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
    clientId: 'Inspector.Test.targets',
    target: {},
    responseFields: '',
    production: false,
  }
  return new Inspector({
    getProfile: (id) => (id === profile.id ? profile : undefined),
    getSecret: async () => 'secret-for-targets-test',
    demoUrl: async () => emulator.url,
  })
}

const lastImpersonation = () => emulator.requests.filter((r) => r.path.includes('impersonatecart')).at(-1)

describe('impersonating by cart id or user id', () => {
  it("finds the cart's account and keeps the ticket for it", async () => {
    const cart = emulator.data.carts[0]
    const subject = inspector()
    const view = await subject.impersonate('p', { target: { cartId: cart.cartId, userId: '' } }, signal)
    expect(view.account?.id).toBe(cart.accountId)
    expect(view.responseFields).toBeNull()
    expect(subject.ticketView('p')).toEqual(view.ticket)
    expect(lastImpersonation()?.body).toEqual({ cartId: cart.cartId })
  })

  it("finds the user's account", async () => {
    const account = emulator.data.accounts.find((a) => a.userId)!
    const view = await inspector().impersonate('p', { target: { userId: account.userId!, cartId: '' }, responseFields: '   ' }, signal)
    expect(view.account?.id).toBe(account.id)
    expect(view.responseFields).toBeNull()
    expect(lastImpersonation()?.body).toEqual({ userId: account.userId })
  })

  it('refreshes against the account the ticket was issued for', async () => {
    const cart = emulator.data.carts[1]
    const subject = inspector()
    await subject.impersonate('p', { target: { cartId: cart.cartId } }, signal)
    await subject.refreshTicket('p', signal)
    const refresh = emulator.requests.filter((r) => r.path.includes('authtickets/refresh')).at(-1)
    expect(refresh?.query.accountId).toBe(String(cart.accountId))
  })
})
