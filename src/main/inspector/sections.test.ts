// Each section of the 360 read live against the scripted stub: a fault on one section's own call
// (401, 403, 404, 429, 5xx, timeout) fails that section alone while the others of the same account
// load; a refusal names the section and what the application lacks; no B2B or purchase-order
// account is data; a failed part stays in its section; responseFields is written against one item.
import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { sectionIds, type SectionId, type SectionQuery } from '../../shared/customer360'
import { fail } from '../../shared/errors'
import { appErrorOf } from '../../../test/failures'
import { stubClient, type StubClient } from '../../../test/kiboStubClient'
import { json, type StubRequest } from '../../../test/stubKibo'
import { readLiveSection, type SectionContext, type ShopperTicket } from './sections'

const CLAIMS = 'customer-claims-1a2b3c4d5e6f7a8b9c0d'
const ACCOUNT = 1001
const acc = `/commerce/customer/accounts/${ACCOUNT}`
const page = (items: unknown[]) => ({ startIndex: 0, pageSize: 20, pageCount: 1, totalCount: items.length, items })

/** What a healthy Kibo answers for this account, by path. */
function healthy(req: StubRequest): unknown {
  const p = req.path
  if (p === `${acc}/AuditLog/Entries`) return page([{ customerAuditEntryId: 1, customerAccountId: ACCOUNT }])
  if (p === `${acc}/loginstate`) return { isLocked: false }
  if (p === `${acc}/cards`) return { totalCount: 1, items: [{ id: 'c1', cardNumberPart: '************1111' }] }
  if (p === `${acc}/transactions`) return [{ transactionId: 't1' }]
  if (p === `${acc}/purchaseOrderAccount`) return { id: 5, accountId: ACCOUNT, creditLimit: 100 }
  if (p === `${acc}/PurchaseOrderTransaction`) return page([{ orderId: 'o1' }])
  if (p === '/commerce/customer/credits') return page([{ code: 'GC1', customerId: ACCOUNT, currentBalance: 5 }])
  if (p.startsWith('/commerce/customer/credits/GC1/')) return page([{ id: 1 }])
  if (p === '/commerce/customer/credits/GC1') return { code: 'GC1', customerId: ACCOUNT }
  if (p === '/commerce/customer/visits') return page([{ id: 'v1', accountId: ACCOUNT }])
  if (p === `/commerce/customer/b2baccounts/${ACCOUNT}`) return { id: ACCOUNT, companyOrOrganization: 'Acme' }
  if (p.endsWith('/hierarchy')) return { accounts: [{ id: ACCOUNT }] }
  if (p.endsWith('/users')) return page([{ userId: 'u1', userName: 'ann' }])
  if (p.endsWith('/roles')) return { totalCount: 1, items: [{ roleId: 1, roleName: 'Admin' }] }
  if (p.endsWith('/attributes')) return page([])
  if (p === '/commerce/carts/current' || p === '/commerce/carts/cart-9') return { id: p.endsWith('cart-9') ? 'cart-9' : 'cart1', total: 3 }
  if (p.endsWith('/summary')) return { itemCount: 1, total: 3 }
  if (p === '/commerce/carts/current/messages') return { totalCount: 0, items: [] }
  if (p === '/commerce/orders') return page([{ id: 'o1', customerAccountId: ACCOUNT, total: 9 }])
  if (p === '/commerce/orders/o1') return { id: 'o1', customerAccountId: ACCOUNT }
  if (p === '/commerce/wishlists') return page([{ id: 'w1', customerAccountId: ACCOUNT }])
  return undefined
}

/** The path of each section's own first call (the one whose failure fails the section). */
const firstCall: Record<SectionId, string> = {
  auditLog: `${acc}/AuditLog/Entries`,
  loginState: `${acc}/loginstate`,
  cards: `${acc}/cards`,
  transactions: `${acc}/transactions`,
  purchaseOrder: `${acc}/purchaseOrderAccount`,
  credits: '/commerce/customer/credits',
  visits: '/commerce/customer/visits',
  b2b: `/commerce/customer/b2baccounts/${ACCOUNT}`,
  cart: '/commerce/carts/current',
  orders: '/commerce/orders',
  order: '/commerce/orders/o1',
  wishlists: '/commerce/wishlists',
}

type Fault = 401 | 403 | 404 | 429 | 500 | 503 | 'timeout'

function answer(req: StubRequest, res: ServerResponse, faults: Map<string, Fault>): void {
  const fault = faults.get(req.path)
  if (fault === 'timeout') return // never answers: the client's timeout ends it
  if (fault !== undefined)
    return json(res, fault, { errorCode: `E${fault}`, message: `Injected ${fault}` }, { 'x-vol-correlation': `corr-${fault}` })
  const body = healthy(req)
  if (body === undefined) return json(res, 404, { message: `No route ${req.path}` })
  json(res, 200, body)
}

let current: StubClient | undefined
afterEach(async () => {
  await current?.stub.close()
  current = undefined
})

async function setup(
  faults: Map<string, Fault> = new Map(),
  ticket: (s: AbortSignal) => Promise<ShopperTicket> = async () => ({ claims: { accessToken: CLAIMS }, cartId: null }),
) {
  current = await stubClient((req, res) => answer(req, res, faults), { timeoutMs: 1000, maxRetries: 1 })
  const ctx: SectionContext = {
    client: current.client,
    accountId: ACCOUNT,
    tenant: 'stub tenant',
    shopperTicket: ticket,
    now: () => new Date('2026-01-02T03:04:05Z'),
  }
  return { ctx, stub: current.stub }
}

const signal = new AbortController().signal
const query = (section: SectionId, extra: Partial<SectionQuery> = {}): SectionQuery => ({
  source: { kind: 'live', profileId: 'p', accountId: ACCOUNT },
  section,
  ...(section === 'order' ? { key: 'o1' } : {}),
  ...extra,
})

const labels: Record<SectionId, RegExp> = {
  auditLog: /Audit log/,
  loginState: /Login state/,
  cards: /Payment cards/,
  transactions: /Account transactions/,
  purchaseOrder: /Purchase-order account/,
  credits: /Store credits and gift cards/,
  visits: /Visits/,
  b2b: /B2B account/,
  cart: /Cart/,
  orders: /Orders/,
  order: /Order/,
  wishlists: /Wishlists/,
}
const shopperSide = new Set<SectionId>(['cart', 'orders', 'order', 'wishlists'])

describe('every section reads healthy Kibo', () => {
  it('as a SectionView of the live tenant, with the correlation and request ids of its first call', async () => {
    const { ctx } = await setup()
    for (const section of sectionIds) {
      const view = await readLiveSection(ctx, query(section), signal)
      expect(view).toMatchObject({
        section,
        from: 'live',
        tenant: 'stub tenant',
        readAt: '2026-01-02T03:04:05.000Z',
        requestId: expect.any(String),
      })
      expect(view.data).not.toBeNull()
    }
  })
})

describe('a fault on one section', () => {
  const faults: Fault[] = [401, 403, 404, 429, 500, 503, 'timeout']
  const cases = sectionIds.flatMap((section) => faults.map((fault) => ({ section, fault })))

  it.each(cases)('$section answering $fault fails that section alone', async ({ section, fault }) => {
    const { ctx } = await setup(new Map([[firstCall[section], fault]]))
    const results = await Promise.allSettled(sectionIds.map((s) => readLiveSection(ctx, query(s), signal)))
    for (const [index, other] of sectionIds.entries()) {
      if (other === section) continue
      // The order list and one order share no path; everything else must load.
      const result = results[index]
      const why = result.status === 'rejected' ? String((result.reason as Error).message) : ''
      expect(result.status, `${other} while ${section} answers ${fault}: ${why}`).toBe('fulfilled')
    }
    const own = results[sectionIds.indexOf(section)]
    if (fault === 404 && (section === 'purchaseOrder' || section === 'b2b')) {
      // No purchase-order account, not a B2B account: that is the answer, not a fault.
      expect(own.status).toBe('fulfilled')
      const view = (own as PromiseFulfilledResult<{ data: { account: unknown; problems: unknown[]; correlationId?: string } }>).value
      expect(view.data.account).toBeNull()
      expect(view.data.problems).toEqual([])
      expect(view).toMatchObject({ correlationId: 'corr-404', requestId: expect.any(String) })
      return
    }
    expect(own.status).toBe('rejected')
    const error = await appErrorOf(Promise.reject((own as PromiseRejectedResult).reason))
    if (fault === 401 && shopperSide.has(section)) {
      expect(error).toMatchObject({ kind: 'auth-expired', where: 'ticket', status: 401 })
      expect(error.message).toContain('customer ticket')
    } else if (fault === 401 || fault === 403) {
      expect(error).toMatchObject({ kind: fault === 401 ? 'auth-failed' : 'forbidden', status: fault, correlationId: `corr-${fault}` })
      expect(error.message).toMatch(labels[section])
      expect(error.message).toContain('the application lacks the behaviour to read this section')
      expect(error.hint).toMatch(/Dev Center.*(Customer|Cart|Order|Wishlist) read behaviours/)
    } else {
      const kind = { 404: 'not-found', 429: 'rate-limited', 500: 'server', 503: 'server', timeout: 'timeout' }[fault]
      expect(error.kind).toBe(kind)
      expect(error.message).not.toContain('behaviour')
    }
    expect(JSON.stringify(error)).not.toContain(CLAIMS)
  })
})

describe('a failed part stays in its section', () => {
  it('purchase-order transactions, a credit’s details, B2B users’ roles and cart messages are named, the rest shown', async () => {
    const faults = new Map<string, Fault>([
      [`${acc}/PurchaseOrderTransaction`, 500],
      ['/commerce/customer/credits/GC1/auditentries', 403],
      [`/commerce/customer/b2baccounts/${ACCOUNT}/user/u1/roles`, 403],
      ['/commerce/carts/current/messages', 404],
    ])
    const { ctx } = await setup(faults)
    const po = (await readLiveSection(ctx, query('purchaseOrder'), signal)).data as any
    expect(po.account).toMatchObject({ creditLimit: 100 })
    expect(po.transactions).toBeNull()
    expect(po.problems).toEqual([{ part: 'purchase-order transactions', error: expect.objectContaining({ kind: 'server' }) }])
    const credits = (await readLiveSection(ctx, query('credits'), signal)).data as any
    expect(credits.details.GC1).toEqual({ transactions: page([{ id: 1 }]), auditEntries: null })
    expect(credits.problems).toEqual([{ part: 'audit entries of credit GC1', error: expect.objectContaining({ kind: 'forbidden' }) }])
    const b2b = (await readLiveSection(ctx, query('b2b'), signal)).data as any
    expect(b2b.users.items[0]).toEqual({ userId: 'u1', userName: 'ann' })
    expect(b2b.problems).toEqual([{ part: 'roles of user ann', error: expect.objectContaining({ kind: 'forbidden' }) }])
    const cart = (await readLiveSection(ctx, query('cart'), signal)).data as any
    expect(cart).toMatchObject({ cart: { id: 'cart1' }, summary: { itemCount: 1 }, messages: null, via: 'current' })
    expect(cart.problems.map((p: { part: string }) => p.part)).toEqual(['messages'])
  })
})

describe('paging and sorting of a section', () => {
  it('sorts newest first unless the person sorts, and passes paging and filter on', async () => {
    const { ctx, stub } = await setup()
    for (const section of ['auditLog', 'visits', 'purchaseOrder', 'orders'] as const) {
      await readLiveSection(ctx, query(section), signal)
      await readLiveSection(ctx, query(section, { sortBy: 'x asc', startIndex: 40, pageSize: 20, filter: 'y eq 1' }), signal)
    }
    const sorts = (path: string) => stub.to(path).map((r) => r.query.sortBy)
    expect(sorts(`${acc}/AuditLog/Entries`)).toEqual(['entryDate desc', 'x asc'])
    expect(sorts('/commerce/customer/visits')).toEqual(['date desc', 'x asc'])
    expect(sorts(`${acc}/PurchaseOrderTransaction`)).toEqual(['transactionDate desc', 'x asc'])
    expect(sorts('/commerce/orders')).toEqual(['submittedDate desc', 'x asc'])
    expect(stub.to('/commerce/orders')[1].query).toMatchObject({
      startIndex: '40',
      pageSize: '20',
      filter: `customerAccountId eq ${ACCOUNT} and (y eq 1)`,
    })
    expect(stub.to('/commerce/customer/visits')[1].query.filter).toBe(`accountId eq ${ACCOUNT} and (y eq 1)`)
  })
})

describe('responseFields of a section', () => {
  it('is sent inside Kibo’s envelope with the fields the app checks, and shown as the person wrote it', async () => {
    const { ctx, stub } = await setup()
    const orders = await readLiveSection(ctx, query('orders', { responseFields: 'id' }), signal)
    expect(stub.to('/commerce/orders')[0].query.responseFields).toBe('startIndex,pageSize,pageCount,totalCount,items(id,customerAccountId)')
    expect(orders.data).toEqual({ startIndex: 0, pageSize: 20, pageCount: 1, totalCount: 1, items: [{ id: 'o1' }] })
    await readLiveSection(ctx, query('cards', { responseFields: 'cardNumberPart' }), signal)
    expect(stub.to(`${acc}/cards`)[0].query.responseFields).toBe('totalCount,items(cardNumberPart)')
    const po = await readLiveSection(ctx, query('purchaseOrder', { responseFields: 'creditLimit' }), signal)
    expect(stub.to(`${acc}/purchaseOrderAccount`)[0].query.responseFields).toBe('creditLimit')
    expect(stub.to(`${acc}/PurchaseOrderTransaction`)[0].query.responseFields).toBeUndefined()
    expect((po.data as any).account).toEqual({ creditLimit: 100 })
    const credits = await readLiveSection(ctx, query('credits', { responseFields: 'currentBalance' }), signal)
    expect(stub.to('/commerce/customer/credits')[0].query.responseFields).toBe(
      'startIndex,pageSize,pageCount,totalCount,items(currentBalance,code)',
    )
    // The code was asked for to read the credit's details; it is not shown.
    expect((credits.data as any).credits.items).toEqual([{ currentBalance: 5 }])
    expect((credits.data as any).details.GC1.transactions).not.toBeNull()
    await readLiveSection(ctx, query('credits', { key: 'GC1', responseFields: 'currentBalance' }), signal)
    expect(stub.to('/commerce/customer/credits/GC1')[0].query.responseFields).toBe('currentBalance,code,customerId')
    const cart = await readLiveSection(ctx, query('cart', { responseFields: 'total' }), signal)
    expect(stub.to('/commerce/carts/current')[0].query.responseFields).toBe('total,id')
    expect((cart.data as any).cart).toEqual({ total: 3 })
    expect((cart.data as any).summary).toEqual({ itemCount: 1, total: 3 })
  })

  it('that does not parse is refused before any call, pointing at responseFields', async () => {
    const { ctx, stub } = await setup()
    const error = await appErrorOf(readLiveSection(ctx, query('auditLog', { responseFields: 'id(' }), signal))
    expect(error).toMatchObject({ kind: 'invalid-input', where: 'responseFields' })
    expect(error.message).toContain('Audit log')
    expect(stub.requests).toEqual([])
  })
})

describe('the shopper’s ticket', () => {
  it('without one, the shopper sections say so at the ticket and call nothing as the shopper; the customer side loads', async () => {
    const noTicket = async (): Promise<ShopperTicket> =>
      fail('invalid-input', `There is no customer ticket for account ${ACCOUNT}.`, { where: 'ticket' })
    const { ctx, stub } = await setup(new Map(), noTicket)
    for (const section of shopperSide) {
      expect(await appErrorOf(readLiveSection(ctx, query(section), signal))).toMatchObject({ kind: 'invalid-input', where: 'ticket' })
    }
    expect(
      stub.requests.filter(
        (r) => r.path.startsWith('/commerce/carts') || r.path.startsWith('/commerce/orders') || r.path.startsWith('/commerce/wishlists'),
      ),
    ).toEqual([])
    await expect(readLiveSection(ctx, query('auditLog'), signal)).resolves.toMatchObject({ section: 'auditLog' })
  })

  it('a ticket that can no longer be refreshed is auth-expired at the ticket', async () => {
    const spent = async (): Promise<ShopperTicket> =>
      fail('auth-expired', 'The customer ticket can no longer be refreshed.', { status: 401 })
    const { ctx } = await setup(new Map(), spent)
    expect(await appErrorOf(readLiveSection(ctx, query('orders'), signal))).toMatchObject({ kind: 'auth-expired', where: 'ticket' })
  })

  it('every shopper call carries that ticket’s claims; a named cart is read by its id', async () => {
    const { ctx, stub } = await setup(new Map(), async () => ({ claims: { accessToken: CLAIMS }, cartId: 'cart-9' }))
    const cart = await readLiveSection(ctx, query('cart'), signal)
    expect((cart.data as any).via).toBe('cart id')
    expect(stub.to('/commerce/carts/cart-9')).toHaveLength(1)
    expect(stub.to('/commerce/carts/current')).toHaveLength(0)
    expect(stub.to('/commerce/carts/cart-9/summary')).toHaveLength(1)
    await readLiveSection(ctx, query('orders'), signal)
    await readLiveSection(ctx, query('wishlists'), signal)
    const shopperCalls = stub.requests.filter((r) => /^\/commerce\/(carts|orders|wishlists)/.test(r.path))
    expect(shopperCalls.length).toBeGreaterThanOrEqual(5)
    for (const r of shopperCalls) expect(r.headers['x-vol-user-claims']).toBe(CLAIMS)
    for (const r of stub.requests.filter((r) => r.path.startsWith('/commerce/customer')))
      expect(r.headers['x-vol-user-claims']).toBeUndefined()
  })
})
