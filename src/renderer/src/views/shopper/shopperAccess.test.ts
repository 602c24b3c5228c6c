import { describe, expect, it } from 'vitest'
import { impersonateAgainTarget, shopperAccess } from './shopperAccess'

const live = { kind: 'live', profileId: 'p1', accountId: 1001 } as const
const bundle = { kind: 'bundle', datasetId: 'd1', index: 0 } as const

describe('shopper access', () => {
  it('needs an impersonation for a live account with no ticket', () => {
    expect(shopperAccess(live, false, null)).toEqual({ state: 'needs-impersonation', accountId: 1001 })
  })

  it('is ready with a ticket, and from a bundle with none', () => {
    expect(shopperAccess(live, true, null)).toEqual({ state: 'ready' })
    expect(shopperAccess(bundle, false, { kind: 'auth-expired', message: 'x' })).toEqual({ state: 'ready' })
  })

  it('offers to impersonate again when Kibo refused the ticket', () => {
    expect(shopperAccess(live, true, { kind: 'auth-expired', message: 'expired' })).toEqual({
      state: 'ticket-refused',
      accountId: 1001,
      message: 'expired',
    })
  })

  it('needs an impersonation when main holds no ticket for the account, and nothing without a source', () => {
    expect(shopperAccess(live, true, { kind: 'invalid-input', message: 'no ticket', where: 'ticket' }).state).toBe('needs-impersonation')
    expect(shopperAccess(live, true, { kind: 'server', message: 'boom' }).state).toBe('ready')
    expect(shopperAccess(null, false, null)).toEqual({ state: 'no-source' })
  })
})

describe('impersonate again', () => {
  const last = { profileId: 'p1', target: { cartId: 'cart-9' }, responseFields: 'id' }

  it('repeats the impersonation that gave this customer’s ticket, cart id and all', () => {
    expect(impersonateAgainTarget(last, 'p1', 1001, 1001)).toEqual({ target: { cartId: 'cart-9' }, responseFields: 'id' })
  })

  it('impersonates the account by id when the last impersonation was someone else or another profile', () => {
    expect(impersonateAgainTarget(last, 'p1', 1001, 1005)).toEqual({ target: { accountId: 1001 }, responseFields: 'id' })
    expect(impersonateAgainTarget(last, 'p2', 1001, 1001)).toEqual({ target: { accountId: 1001 }, responseFields: '' })
    expect(impersonateAgainTarget(null, 'p1', 1001, null)).toEqual({ target: { accountId: 1001 }, responseFields: '' })
  })
})
