// The customer side of the 360 against the scripted stub: what each call sends (method, path,
// query, headers: the application token, never a customer's claims), what shape it accepts, and
// the card numbers it never passes on.
import { afterEach, describe, expect, it } from 'vitest'
import { appErrorOf } from '../../../test/failures'
import { stubClient, type StubClient } from '../../../test/kiboStubClient'
import { json, type StubHandler } from '../../../test/stubKibo'
import * as customer from './customer360'
import type { KiboClient, KiboResult } from './client'

let current: StubClient | undefined
afterEach(async () => {
  await current?.stub.close()
  current = undefined
})

async function setup(handler: StubHandler) {
  current = await stubClient(handler)
  return current
}

const page = (items: unknown[]) => ({ startIndex: 0, pageSize: 20, pageCount: 1, totalCount: items.length, items })
const paging = { startIndex: 20, pageSize: 10, filter: 'entryDate gt 2024-01-01', sortBy: 'entryDate desc', responseFields: 'items(id)' }

interface Case {
  name: string
  call: (client: KiboClient) => Promise<KiboResult<unknown>>
  path: string
  query: Record<string, string>
  good: unknown
  /** A body of the wrong shape, and what the failure must say. */
  bad: unknown
  badSays: RegExp
}

const cases: Case[] = [
  {
    name: 'auditLog',
    call: (c) => customer.auditLog(c, 1001, paging),
    path: '/commerce/customer/accounts/1001/AuditLog/Entries',
    query: { startIndex: '20', pageSize: '10', filter: 'entryDate gt 2024-01-01', sortBy: 'entryDate desc', responseFields: 'items(id)' },
    good: page([{ customerAuditEntryId: 1 }]),
    bad: page(['oops']),
    badSays: /not an audit entry at items\[0\]/,
  },
  {
    name: 'loginState',
    call: (c) => customer.loginState(c, 1001, { userId: ' u-7 ', responseFields: 'isLocked' }),
    path: '/commerce/customer/accounts/1001/loginstate',
    query: { userId: 'u-7', responseFields: 'isLocked' },
    good: { isLocked: false },
    bad: [1],
    badSays: /not a login state/,
  },
  {
    name: 'cards',
    call: (c) => customer.cards(c, 1001, { responseFields: 'totalCount,items(cardType)' }),
    path: '/commerce/customer/accounts/1001/cards',
    query: { responseFields: 'totalCount,items(cardType)' },
    good: { totalCount: 1, items: [{ id: 'c1', cardType: 'VISA', cardNumberPart: '****1111' }] },
    bad: { totalCount: 1, items: 'x' },
    badSays: /not a list of cards/,
  },
  {
    name: 'transactions',
    call: (c) => customer.transactions(c, 1001, {}),
    path: '/commerce/customer/accounts/1001/transactions',
    query: {},
    good: [{ transactionId: 't1', amount: 3 }],
    bad: { items: [] },
    badSays: /not a list of transactions/,
  },
  {
    name: 'purchaseOrderAccount',
    call: (c) => customer.purchaseOrderAccount(c, 1001, { responseFields: 'creditLimit' }),
    path: '/commerce/customer/accounts/1001/purchaseOrderAccount',
    query: { responseFields: 'creditLimit' },
    good: { id: 5, creditLimit: 100 },
    bad: 'none',
    badSays: /not a purchase-order account/,
  },
  {
    name: 'purchaseOrderTransactions',
    call: (c) => customer.purchaseOrderTransactions(c, 1001, { pageSize: 5, sortBy: 'transactionDate desc' }),
    path: '/commerce/customer/accounts/1001/PurchaseOrderTransaction',
    query: { pageSize: '5', sortBy: 'transactionDate desc' },
    good: page([{ orderId: 'o1' }]),
    bad: page([null]),
    badSays: /not a purchase-order transaction at items\[0\]/,
  },
  {
    name: 'credits',
    call: (c) => customer.credits(c, 1001, { filter: 'creditType eq GiftCard', pageSize: 3 }),
    path: '/commerce/customer/credits',
    query: { pageSize: '3', filter: 'customerId eq 1001 and (creditType eq GiftCard)' },
    good: page([{ code: 'GC1', customerId: 1001 }]),
    bad: page([7]),
    badSays: /not a credit at items\[0\]/,
  },
  {
    name: 'credit',
    call: (c) => customer.credit(c, ' GC 1/2 ', 1001, {}),
    path: '/commerce/customer/credits/GC%201%2F2',
    query: {},
    good: { code: 'GC 1/2', customerId: 1001 },
    bad: [],
    badSays: /not a credit/,
  },
  {
    name: 'creditTransactions',
    call: (c) => customer.creditTransactions(c, 'GC1', { pageSize: 20 }),
    path: '/commerce/customer/credits/GC1/transactions',
    query: { pageSize: '20' },
    good: page([{ id: 1 }]),
    bad: page(['x']),
    badSays: /not a credit transaction/,
  },
  {
    name: 'creditAuditEntries',
    call: (c) => customer.creditAuditEntries(c, 'GC1', { startIndex: 0 }),
    path: '/commerce/customer/credits/GC1/auditentries',
    query: { startIndex: '0' },
    good: page([{ id: 1 }]),
    bad: page(['x']),
    badSays: /not a credit audit entry/,
  },
  {
    name: 'visits',
    call: (c) => customer.visits(c, 1001, { sortBy: 'date desc' }),
    path: '/commerce/customer/visits',
    query: { sortBy: 'date desc', filter: 'accountId eq 1001' },
    good: page([{ id: 'v1', accountId: 1001 }]),
    bad: page([[1]]),
    badSays: /not a visit at items\[0\]/,
  },
  {
    name: 'b2bAccount',
    call: (c) => customer.b2bAccount(c, 1001, { responseFields: 'id,companyOrOrganization' }),
    path: '/commerce/customer/b2baccounts/1001',
    query: { responseFields: 'id,companyOrOrganization' },
    good: { id: 1001, companyOrOrganization: 'Acme' },
    bad: 3,
    badSays: /not a B2B account/,
  },
  {
    name: 'b2bHierarchy',
    call: (c) => customer.b2bHierarchy(c, 1001),
    path: '/commerce/customer/b2baccounts/1001/hierarchy',
    query: {},
    good: { accounts: [{ id: 1001 }], hierarchy: { id: 1001 } },
    bad: { accounts: { id: 1 } },
    badSays: /accounts that are not a list/,
  },
  {
    name: 'b2bUsers',
    call: (c) => customer.b2bUsers(c, 1001, { pageSize: 50 }),
    path: '/commerce/customer/b2baccounts/1001/users',
    query: { pageSize: '50' },
    good: page([{ userId: 'u1' }]),
    bad: page(['u1']),
    badSays: /not a B2B user/,
  },
  {
    name: 'b2bUserRoles',
    call: (c) => customer.b2bUserRoles(c, 1001, ' u/1 '),
    path: '/commerce/customer/b2baccounts/1001/user/u%2F1/roles',
    query: {},
    good: { totalCount: 1, items: [{ roleId: 1 }] },
    bad: { items: ['admin'] },
    badSays: /not a role/,
  },
  {
    name: 'b2bAttributes',
    call: (c) => customer.b2bAttributes(c, 1001, {}),
    path: '/commerce/customer/b2baccounts/1001/attributes',
    query: {},
    good: page([{ fullyQualifiedName: 'tenant~x', values: [1] }]),
    bad: page([1]),
    badSays: /not an attribute/,
  },
]

describe('each call of the customer side', () => {
  it.each(cases)('$name: a GET of its path and query, with the application token and no claims', async (c) => {
    const { client, calls, issued } = await setup((_req, res) => json(res, 200, c.good, { 'x-vol-correlation': 'corr-1' }))
    const result = await c.call(client)
    expect(result.data).toEqual(c.good)
    expect(result.correlationId).toBe('corr-1')
    const [sent, ...more] = calls()
    expect(more).toEqual([])
    expect(sent.method).toBe('GET')
    expect(sent.path).toBe(c.path)
    expect(sent.query).toEqual(c.query)
    expect(sent.headers.authorization).toBe(`Bearer ${issued[0]}`)
    expect(sent.headers['x-vol-tenant']).toBe('100001')
    expect(sent.headers['x-vol-site']).toBe('100002')
    expect(sent.headers['x-vol-user-claims']).toBeUndefined()
  })

  it.each(cases)('$name: a body of the wrong shape is a clear bad-response', async (c) => {
    const { client } = await setup((_req, res) => json(res, 200, c.bad))
    const error = await appErrorOf(c.call(client))
    expect(['bad-response', 'unexpected-answer']).toContain(error.kind)
    expect(`${error.message} ${error.hint ?? ''}`).toMatch(c.badSays)
    expect(error.requestId).toEqual(expect.any(String))
  })
})

describe('checks before and after the call', () => {
  it('refuses a bad account id, paging or over-long text without calling Kibo', async () => {
    const { client, calls } = await setup((_req, res) => json(res, 200, page([])))
    expect(await appErrorOf(() => customer.auditLog(client, 0, {}))).toMatchObject({ kind: 'invalid-input', where: 'accountId' })
    expect(await appErrorOf(() => customer.auditLog(client, 1001, { pageSize: 201 }))).toMatchObject({ where: 'pageSize' })
    expect(await appErrorOf(() => customer.auditLog(client, 1001, { startIndex: -1 }))).toMatchObject({ where: 'startIndex' })
    expect(await appErrorOf(() => customer.visits(client, 1001, { filter: 'x'.repeat(2001) }))).toMatchObject({ where: 'filter' })
    expect(await appErrorOf(() => customer.cards(client, 1001, { responseFields: 'x'.repeat(4001) }))).toMatchObject({
      where: 'responseFields',
    })
    expect(await appErrorOf(() => customer.creditTransactions(client, '  ', {}))).toMatchObject({ where: 'key' })
    expect(await appErrorOf(() => customer.b2bUserRoles(client, 1001, ' '))).toMatchObject({ where: 'userId' })
    expect(calls()).toEqual([])
  })

  it('refuses another customer’s credit and a B2B account other than the one asked for', async () => {
    const { client } = await setup((req, res) =>
      req.path.includes('credits') ? json(res, 200, { code: 'GC1', customerId: 2002 }) : json(res, 200, { id: 2002 }),
    )
    const credit = await appErrorOf(customer.credit(client, 'GC1', 1001, {}))
    expect(credit.message).toContain('a credit of account 2002, not of account 1001')
    const b2b = await appErrorOf(customer.b2bAccount(client, 1001, {}))
    expect(b2b.message).toContain('B2B account 2002; expected 1001')
  })

  it('the person’s filter narrows within the customer’s own condition, never replaces it', async () => {
    const { client, calls } = await setup((_req, res) => json(res, 200, page([])))
    await customer.credits(client, 1001, { filter: 'customerId eq 2002 or code ne x' })
    await customer.visits(client, 1001, { filter: '  ' })
    expect(calls().map((r) => r.query.filter)).toEqual(['customerId eq 1001 and (customerId eq 2002 or code ne x)', 'accountId eq 1001'])
  })
})

describe('card numbers', () => {
  const visa = '4111111111111111'
  const amex = '3782 822463 10005'
  it('a saved card keeps only its last four, Kibo’s own mask as it is', async () => {
    const { client } = await setup((_req, res) =>
      json(res, 200, {
        totalCount: 2,
        items: [
          { id: 'a', cardNumberPart: visa, nameOnCard: 'A' },
          { id: 'b', cardNumberPart: '************1881' },
        ],
      }),
    )
    const cards = (await customer.cards(client, 1001, {})).data
    expect(cards.items?.[0]).toMatchObject({ id: 'a', cardNumberPart: '••••••••••••1111', nameOnCard: 'A' })
    expect(cards.items?.[1]).toMatchObject({ cardNumberPart: '************1881' })
    expect(JSON.stringify(cards)).not.toContain(visa)
  })
  it('a number written in the audit log, transactions or purchase-order transactions is cut to its last four', async () => {
    const { client } = await setup((req, res) => {
      if (req.path.endsWith('/AuditLog/Entries'))
        return json(res, 200, page([{ fieldPath: 'cards', oldValue: visa, newValue: `card ${amex}` }]))
      if (req.path.endsWith('/transactions')) return json(res, 200, [{ transactionId: 't', interactionType: `paid with ${visa}` }])
      return json(res, 200, page([{ transactionDescription: `card ${visa}`, orderId: 'o1' }]))
    })
    const all = [
      (await customer.auditLog(client, 1001, {})).data,
      (await customer.transactions(client, 1001, {})).data,
      (await customer.purchaseOrderTransactions(client, 1001, {})).data,
    ]
    const text = JSON.stringify(all)
    expect(text).not.toContain(visa)
    expect(text).not.toContain('822463')
    expect(text).toContain('••••••••••••1111')
    expect(text).toContain('•••••••••••0005')
  })
})
