// The ticket rules of Inspector.readSection, against the scripted stub: no ticket is invalid input
// at the ticket; a ticket with under a minute left is refreshed first and the fresh claims are the
// ones sent; a refused or spent ticket is auth-expired at the ticket; a ticket held for another
// account is never used; the cart the impersonation named survives a refresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SectionId } from '../../shared/customer360'
import type { Profile } from '../../shared/profile'
import { appErrorOf } from '../../../test/failures'
import { json, startStub, withAppAuth, type Stub, type StubRequest } from '../../../test/stubKibo'
import { Inspector } from './inspector'

const T0 = Date.parse('2026-03-01T10:00:00Z')
let clock = T0
let stub: Stub
let issued = 0
/** Seconds each issued access token lives. */
let ttl = 1800
let refuseRefresh = false
let refuseClaims = new Set<string>()

function ticket(accountId: number, prefix: string) {
  issued++
  return {
    accessToken: `${prefix}-claims-${issued}-aabbccddeeff00112233`,
    accessTokenExpiration: new Date(clock + ttl * 1000).toISOString(),
    refreshToken: `${prefix}-refresh-${issued}-99887766554433221100`,
    refreshTokenExpiration: new Date(clock + 86_400_000).toISOString(),
    userId: `user-${accountId}`,
    customerAccount: { id: accountId },
  }
}

const accountOfRefresh = new Map<string, number>()

function kibo(req: StubRequest, res: Parameters<Parameters<typeof startStub>[0]>[1]) {
  if (req.path === '/commerce/customer/authtickets/impersonatecart') {
    const body = req.body as { accountId?: number; cartId?: string }
    const t = ticket(body.accountId ?? 1001, 'imp')
    accountOfRefresh.set(t.refreshToken, t.customerAccount.id)
    return json(res, 200, t)
  }
  if (req.path === '/commerce/customer/authtickets/refresh') {
    if (refuseRefresh) return json(res, 401, { message: 'Refresh token expired' })
    const t = ticket(accountOfRefresh.get(req.query.refreshToken) ?? 0, 'ref')
    accountOfRefresh.set(t.refreshToken, t.customerAccount.id)
    return json(res, 200, t)
  }
  const claims = req.headers['x-vol-user-claims']
  if (typeof claims === 'string' && refuseClaims.has(claims)) return json(res, 401, { message: 'Invalid user claims' })
  if (req.path === '/commerce/orders') return json(res, 200, { startIndex: 0, pageSize: 20, pageCount: 0, totalCount: 0, items: [] })
  if (req.path.startsWith('/commerce/carts/') && req.path.endsWith('/messages')) return json(res, 200, { totalCount: 0, items: [] })
  if (req.path.endsWith('/summary')) return json(res, 200, { itemCount: 0 })
  if (req.path.startsWith('/commerce/carts/'))
    return json(res, 200, { id: req.path.split('/').pop() === 'current' ? 'cart-current' : req.path.split('/').pop() })
  if (req.path === '/commerce/wishlists') return json(res, 200, { totalCount: 0, items: [] })
  if (req.path.endsWith('/AuditLog/Entries')) return json(res, 200, { totalCount: 0, items: [] })
  return json(res, 404, { message: 'no such path' })
}

let profile: Profile
const signal = new AbortController().signal

beforeEach(async () => {
  clock = T0
  issued = 0
  ttl = 1800
  refuseRefresh = false
  refuseClaims = new Set()
  stub = await startStub(withAppAuth(kibo))
  profile = {
    id: 'p1',
    name: 'Stub',
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: 100001, site: 100002, baseUrl: stub.url },
    clientId: 'Inspector.Test.p1',
    target: {},
    responseFields: '',
    production: false,
  }
})
afterEach(() => stub.close())

const inspector = () =>
  new Inspector({
    getProfile: (id) => (id === profile.id ? profile : undefined),
    getSecret: async () => 'secret-of-p1',
    demoUrl: async () => stub.url,
    now: () => clock,
  })

const read = (subject: Inspector, section: SectionId, accountId = 1001) =>
  subject.readSection('p1', { source: { kind: 'live', profileId: 'p1', accountId }, section }, signal)

const shopperCalls = () => stub.requests.filter((r) => /^\/commerce\/(carts|orders|wishlists)/.test(r.path))
const refreshes = () => stub.to('/commerce/customer/authtickets/refresh')

describe('Inspector.readSection and the customer ticket', () => {
  it('without a ticket: invalid input at the ticket, naming the account, and nothing sent as the shopper', async () => {
    const subject = inspector()
    for (const section of ['cart', 'orders', 'wishlists'] as const) {
      const error = await appErrorOf(read(subject, section))
      expect(error).toMatchObject({ kind: 'invalid-input', where: 'ticket' })
      expect(error.message).toContain('account 1001')
      expect(error.hint).toContain('Impersonate account 1001')
    }
    expect(shopperCalls()).toEqual([])
    // The customer side needs no ticket.
    await expect(read(subject, 'auditLog')).resolves.toMatchObject({ section: 'auditLog' })
  })

  it('a ticket held for another account is never used for this one', async () => {
    const subject = inspector()
    await subject.impersonate('p1', { target: { accountId: 2002 } }, signal)
    const error = await appErrorOf(read(subject, 'orders', 1001))
    expect(error).toMatchObject({ kind: 'invalid-input', where: 'ticket' })
    expect(error.message).toContain('account 1001')
    expect(shopperCalls()).toEqual([])
    await read(subject, 'orders', 2002)
    expect(shopperCalls()).toHaveLength(1)
    expect(shopperCalls()[0].query.filter).toBe('customerAccountId eq 2002')
  })

  it('uses the held ticket as it is while it has a minute or more left', async () => {
    const subject = inspector()
    await subject.impersonate('p1', { target: { accountId: 1001 } }, signal)
    clock = T0 + (ttl - 61) * 1000
    await read(subject, 'orders')
    expect(refreshes()).toEqual([])
    expect(shopperCalls()[0].headers['x-vol-user-claims']).toMatch(/^imp-claims-/)
  })

  it('refreshes first when under a minute is left, and sends the fresh claims', async () => {
    const subject = inspector()
    await subject.impersonate('p1', { target: { accountId: 1001 } }, signal)
    clock = T0 + (ttl - 59) * 1000
    await read(subject, 'orders')
    expect(refreshes()).toHaveLength(1)
    expect(refreshes()[0].query.accountId).toBe('1001')
    const sent = shopperCalls()[0].headers['x-vol-user-claims']
    expect(sent).toMatch(/^ref-claims-/)
    // The ticket view moved on too; no token is in it.
    const view = subject.ticketView('p1')
    expect(view?.accountId).toBe(1001)
    expect(JSON.stringify(view)).not.toContain(sent as string)
    // Once refreshed, the next read needs no other refresh.
    await read(subject, 'wishlists')
    expect(refreshes()).toHaveLength(1)
    // The request log lists every shopper call, with a placeholder for the claims, never them.
    const log = JSON.stringify(subject.requestLog.list({ profileId: 'p1' }))
    expect(log).toContain('$KIBO_USER_CLAIMS')
    for (const r of stub.requests) {
      for (const secret of [r.headers['x-vol-user-claims'], r.query.refreshToken, r.headers.authorization?.replace('Bearer ', '')])
        if (typeof secret === 'string') expect(log).not.toContain(secret)
    }
  })

  it('an already expired ticket that cannot be refreshed is auth-expired at the ticket', async () => {
    const subject = inspector()
    await subject.impersonate('p1', { target: { accountId: 1001 } }, signal)
    clock = T0 + (ttl + 5) * 1000
    refuseRefresh = true
    const error = await appErrorOf(read(subject, 'orders'))
    expect(error).toMatchObject({ kind: 'auth-expired', where: 'ticket' })
    expect(shopperCalls()).toEqual([])
  })

  it('claims Kibo refuses (401) are auth-expired at the ticket, Kibo’s status and log entry kept', async () => {
    const subject = inspector()
    await subject.impersonate('p1', { target: { accountId: 1001 } }, signal)
    refuseClaims = new Set([`imp-claims-1-aabbccddeeff00112233`])
    for (const section of ['cart', 'orders', 'wishlists'] as const) {
      const error = await appErrorOf(read(subject, section))
      expect(error).toMatchObject({ kind: 'auth-expired', where: 'ticket', status: 401, requestId: expect.any(String) })
      expect(error.hint).toContain('Impersonate the customer again')
      expect(JSON.stringify(error)).not.toContain('imp-claims-1')
    }
  })

  it('the cart the impersonation named is read by its id, before and after a refresh', async () => {
    const subject = inspector()
    await subject.impersonate('p1', { target: { accountId: 1001, cartId: ' cart-9 ' } }, signal)
    const before = await read(subject, 'cart')
    expect(before.data).toMatchObject({ via: 'cart id', cart: { id: 'cart-9' } })
    clock = T0 + (ttl - 30) * 1000
    const after = await read(subject, 'cart')
    expect(refreshes()).toHaveLength(1)
    expect(after.data).toMatchObject({ via: 'cart id', cart: { id: 'cart-9' } })
    const byId = stub.to('/commerce/carts/cart-9')
    expect(byId).toHaveLength(2)
    expect(byId[1].headers['x-vol-user-claims']).toMatch(/^ref-claims-/)
    expect(stub.to('/commerce/carts/current')).toEqual([])
  })
})
