// The 360's calls as the client is asked for them: the checks on what a person typed, the query
// each sends, what shape of answer each accepts and which answers it refuses, and the masking of
// what comes back. A fake client records the request instead of sending it.
import { describe, expect, it } from 'vitest'
import { MAX_INT32 } from '../../shared/int32'
import { appErrorOf } from '../../../test/failures'
import type { KiboClient, KiboResult, ReadSpec } from './client'
import * as customer from './customer360'
import * as shopper from './shopper'

function fake(data: unknown = {}) {
  const specs: (ReadSpec<unknown> & { signal?: AbortSignal })[] = []
  const client = {
    read: async (spec: ReadSpec<unknown>, signal?: AbortSignal): Promise<KiboResult<unknown>> => {
      specs.push({ ...spec, signal })
      return { data, correlationId: 'c-1', status: 200, elapsedMs: 5, requestId: 'r-1' }
    },
  } as unknown as KiboClient
  return { client, specs, spec: () => specs[specs.length - 1] }
}

const claims = { accessToken: 'claims-token-1' }
const visa = '4111111111111111'

describe('what a person typed', () => {
  it('account ids are positive 32-bit whole numbers', async () => {
    const { client, specs } = fake()
    for (const id of [0, -1, 1.5, MAX_INT32 + 1, Number.NaN])
      expect(await appErrorOf(() => customer.loginState(client, id, {}))).toEqual({
        kind: 'invalid-input',
        message: 'The account id must be a positive whole number.',
        hint: 'Enter an account id such as 1001.',
        where: 'accountId',
      })
    await customer.loginState(client, 1, {})
    await customer.loginState(client, MAX_INT32, {})
    expect(specs.map((s) => s.path)).toEqual([
      '/commerce/customer/accounts/1/loginstate',
      `/commerce/customer/accounts/${MAX_INT32}/loginstate`,
    ])
  })

  it('paging: startIndex from 0 to the int32 maximum, pageSize from 1 to 200, whole numbers', () => {
    expect(customer.pageQuery({ startIndex: 0, pageSize: 1 })).toEqual({
      startIndex: 0,
      pageSize: 1,
      sortBy: undefined,
      filter: undefined,
      responseFields: undefined,
    })
    expect(customer.pageQuery({ startIndex: MAX_INT32, pageSize: 200 })).toMatchObject({ startIndex: MAX_INT32, pageSize: 200 })
    for (const startIndex of [-1, 1.5, MAX_INT32 + 1])
      expect(() => customer.pageQuery({ startIndex })).toThrow(
        expect.objectContaining({
          error: {
            kind: 'invalid-input',
            message: 'startIndex must be a whole number, 0 or more.',
            hint: 'Start from 0.',
            where: 'startIndex',
          },
        }),
      )
    for (const pageSize of [0, 201, 2.5])
      expect(() => customer.pageQuery({ pageSize })).toThrow(
        expect.objectContaining({
          error: {
            kind: 'invalid-input',
            message: 'pageSize must be between 1 and 200.',
            hint: 'Kibo returns at most 200 items a page.',
            where: 'pageSize',
          },
        }),
      )
  })

  it('texts are trimmed, blank ones left out, long ones refused by name', () => {
    expect(customer.pageQuery({ sortBy: ' id desc ', filter: ' a eq 1 ', responseFields: ' id ' })).toEqual({
      startIndex: undefined,
      pageSize: undefined,
      sortBy: 'id desc',
      filter: 'a eq 1',
      responseFields: 'id',
    })
    expect(customer.pageQuery({ sortBy: ' ', filter: '', responseFields: '\t' })).toMatchObject({
      sortBy: undefined,
      filter: undefined,
      responseFields: undefined,
    })
    expect(customer.pageQuery({ sortBy: 's'.repeat(200), filter: 'f'.repeat(2000), responseFields: 'r'.repeat(4000) })).toMatchObject({
      sortBy: 's'.repeat(200),
      filter: 'f'.repeat(2000),
      responseFields: 'r'.repeat(4000),
    })
    expect(customer.cleanText(` ${'x'.repeat(10)} `, 'note', 10)).toBe('x'.repeat(10))
    expect(() => customer.cleanText('x'.repeat(11), 'note', 10)).toThrow(
      expect.objectContaining({
        error: { kind: 'invalid-input', message: 'note is too long.', hint: 'Keep note under 10 characters.', where: 'note' },
      }),
    )
    for (const [params, where] of [
      [{ sortBy: 's'.repeat(201) }, 'sortBy'],
      [{ filter: 'f'.repeat(2001) }, 'filter'],
      [{ responseFields: 'r'.repeat(4001) }, 'responseFields'],
    ] as const)
      expect(() => customer.pageQuery(params)).toThrow(expect.objectContaining({ error: expect.objectContaining({ where }) }))
  })

  it('the customer’s own condition, the person’s inside it', () => {
    expect(customer.pageQuery({}, 'customerId eq 1').filter).toBe('customerId eq 1')
    expect(customer.pageQuery({ filter: 'x eq 2' }, 'customerId eq 1').filter).toBe('customerId eq 1 and (x eq 2)')
    expect(customer.pageQuery({ filter: 'x eq 2' }).filter).toBe('x eq 2')
    expect(customer.pageQuery({ filter: ' ' }, 'customerId eq 1').filter).toBe('customerId eq 1')
    expect(customer.pageQuery({})).toMatchObject({ filter: undefined })
  })

  it('credit codes, user ids, cart ids and order ids: trimmed, up to 200, encoded', async () => {
    const { client, specs } = fake({ items: [] })
    const long = 'k'.repeat(200)
    await customer.credit(client, ` ${long} `, 1001, {})
    await customer.creditTransactions(client, 'a b', {})
    await customer.creditAuditEntries(client, 'a/b', {})
    await customer.b2bUserRoles(client, 1001, ` ${long} `)
    await shopper.cartById(client, claims, ` ${long} `, {})
    await shopper.cartSummary(client, claims, 'c?1')
    await shopper.order(client, claims, ` ${long} `, 1001, {})
    expect(specs.map((s) => s.path)).toEqual([
      `/commerce/customer/credits/${long}`,
      '/commerce/customer/credits/a%20b/transactions',
      '/commerce/customer/credits/a%2Fb/auditentries',
      `/commerce/customer/b2baccounts/1001/user/${long}/roles`,
      `/commerce/carts/${long}`,
      '/commerce/carts/c%3F1/summary',
      `/commerce/orders/${long}`,
    ])
    const tooLong = `${long}k`
    const refused = [
      [() => customer.credit(client, tooLong, 1001, {}), 'key'],
      [() => customer.creditTransactions(client, tooLong, {}), 'key'],
      [() => customer.creditAuditEntries(client, ' ', {}), 'key'],
      [() => customer.b2bUserRoles(client, 1001, tooLong), 'userId'],
      [() => shopper.cartById(client, claims, tooLong, {}), 'cartId'],
      [() => shopper.cartSummary(client, claims, '  '), 'cartId'],
      [() => shopper.order(client, claims, tooLong, 1001, {}), 'key'],
      [() => shopper.order(client, claims, ' ', 1001, {}), 'key'],
    ] as const
    for (const [work, where] of refused) expect(await appErrorOf(work)).toMatchObject({ kind: 'invalid-input', where })
    expect(specs).toHaveLength(7)
  })

  it('every account-scoped call checks the account id first', async () => {
    const { client, specs } = fake()
    const calls = [
      () => customer.auditLog(client, 0, {}),
      () => customer.cards(client, 0, {}),
      () => customer.transactions(client, 0, {}),
      () => customer.purchaseOrderAccount(client, 0, {}),
      () => customer.purchaseOrderTransactions(client, 0, {}),
      () => customer.credits(client, 0, {}),
      () => customer.credit(client, 'GC1', 0, {}),
      () => customer.visits(client, 0, {}),
      () => customer.b2bAccount(client, 0, {}),
      () => customer.b2bHierarchy(client, 0),
      () => customer.b2bUsers(client, 0, {}),
      () => customer.b2bUserRoles(client, 0, 'u1'),
      () => customer.b2bAttributes(client, 0, {}),
      () => shopper.orders(client, claims, 0, {}),
      () => shopper.wishlists(client, claims, 0, {}),
    ]
    for (const call of calls) expect(await appErrorOf(call)).toMatchObject({ kind: 'invalid-input', where: 'accountId' })
    expect(specs).toEqual([])
  })
})

describe('the shape of an answer', () => {
  it('a page: an object whose items, if any, are a list', () => {
    expect(customer.isPage({})).toBe(true)
    expect(customer.isPage({ items: null })).toBe(true)
    expect(customer.isPage({ items: [] })).toBe(true)
    expect(customer.isPage({ items: {} })).toBe(false)
    expect(customer.isPage({ items: 'x' })).toBe(false)
    expect(customer.isPage([])).toBe(false)
    expect(customer.isPage(null)).toBe(false)
    expect(customer.isPage('page')).toBe(false)
  })

  it('an object is not a list nor null', () => {
    expect(customer.isObject({})).toBe(true)
    expect(customer.isObject([])).toBe(false)
    expect(customer.isObject(null)).toBe(false)
    expect(customer.isObject(3)).toBe(false)
  })

  it('items that are not objects are named by their index', () => {
    const check = customer.itemsAreObjects('a thing')
    expect(check({})).toBeNull()
    expect(check({ items: 'x' })).toBeNull()
    expect(check({ items: [{}, {}] })).toBeNull()
    expect(check({ items: [{}, [], 'x'] })).toEqual({
      sentence: 'Kibo answered with something that is not a thing at items[1].',
      where: 'items[1]',
    })
    expect(check({ items: [null] })).toEqual({
      sentence: 'Kibo answered with something that is not a thing at items[0].',
      where: 'items[0]',
    })
  })

  it('transactions are a list of objects', async () => {
    const { client, spec } = fake([])
    await customer.transactions(client, 1001, {})
    expect(spec().check([])).toBe(true)
    expect(spec().check({ items: [] })).toBe(false)
    expect(spec().holdsUp!([{}, 5])).toEqual({
      sentence: 'Kibo answered with something that is not a transaction at items[1].',
      where: 'items[1]',
    })
    expect(spec().holdsUp!([{}])).toBeNull()
  })

  it('single objects are objects; lists of cards, roles and messages are pages', async () => {
    const { client, specs } = fake()
    await customer.loginState(client, 1001, {})
    await customer.purchaseOrderAccount(client, 1001, {})
    await customer.credit(client, 'GC1', 1001, {})
    await customer.b2bAccount(client, 1001, {})
    await customer.b2bHierarchy(client, 1001)
    await shopper.currentCart(client, claims, {})
    await shopper.cartById(client, claims, 'c1', {})
    await shopper.cartSummary(client, claims, 'c1')
    await shopper.order(client, claims, 'o1', 1001, {})
    for (const s of specs) {
      expect([s.path, s.check({})]).toEqual([s.path, true])
      expect([s.path, s.check([])]).toEqual([s.path, false])
    }
    const lists = fake()
    await customer.cards(lists.client, 1001, {})
    await customer.b2bUserRoles(lists.client, 1001, 'u1')
    await shopper.currentCartMessages(lists.client, claims)
    for (const s of lists.specs) {
      expect([s.path, s.check({ items: [] })]).toEqual([s.path, true])
      expect([s.path, s.check({ items: 1 })]).toEqual([s.path, false])
      expect([s.path, s.holdsUp!({ items: [1] })]).toEqual([s.path, expect.objectContaining({ where: 'items[0]' })])
    }
  })
})

describe('answers refused for what they say', () => {
  it('a credit of another account', async () => {
    const { client, spec } = fake()
    await customer.credit(client, 'GC1', 1001, {})
    const holdsUp = spec().holdsUp!
    expect(holdsUp({ customerId: 1001 })).toBeNull()
    expect(holdsUp({})).toBeNull()
    expect(holdsUp({ customerId: '2002' })).toBeNull()
    expect(holdsUp({ customerId: 2002 })).toEqual({
      sentence: 'Kibo answered with a credit of account 2002, not of account 1001.',
      where: 'customerId',
    })
  })

  it('a B2B account other than the one asked for', async () => {
    const { client, spec } = fake()
    await customer.b2bAccount(client, 1001, {})
    const holdsUp = spec().holdsUp!
    expect(holdsUp({ id: 1001 })).toBeNull()
    expect(holdsUp({})).toBeNull()
    expect(holdsUp({ id: '1001' })).toEqual({
      sentence: 'Kibo answered with B2B account 1001; expected 1001, the account asked for.',
      where: 'id',
    })
  })

  it('a hierarchy whose accounts are not a list', async () => {
    const { client, spec } = fake()
    await customer.b2bHierarchy(client, 1001)
    const holdsUp = spec().holdsUp!
    expect(holdsUp({})).toBeNull()
    expect(holdsUp({ accounts: null })).toBeNull()
    expect(holdsUp({ accounts: [] })).toBeNull()
    expect(holdsUp({ accounts: {} })).toEqual({ sentence: 'Kibo answered with accounts that are not a list.', where: 'accounts' })
    expect(holdsUp({ accounts: 'x' })).toEqual({ sentence: 'Kibo answered with accounts that are not a list.', where: 'accounts' })
  })

  it('orders and wishlists of another customer, after items that are not objects', async () => {
    const { client, specs } = fake({ items: [] })
    await shopper.orders(client, claims, 1001, {})
    await shopper.wishlists(client, claims, 1001, {})
    for (const [s, what] of [
      [specs[0], 'an order'],
      [specs[1], 'a wishlist'],
    ] as const) {
      const holdsUp = s.holdsUp!
      expect(holdsUp({})).toBeNull()
      expect(holdsUp({ items: [{ customerAccountId: 1001 }, { customerAccountId: null }, { customerAccountId: '7' }, {}] })).toBeNull()
      expect(holdsUp({ items: [{ customerAccountId: 1001 }, { customerAccountId: 7 }, { customerAccountId: 8 }] })).toEqual({
        sentence: `Kibo answered with ${what} of account 7 among those of account 1001.`,
        where: 'items[1].customerAccountId',
      })
      expect(holdsUp({ items: [{ customerAccountId: 7 }, 'x'] })).toEqual(expect.objectContaining({ where: 'items[1]' }))
    }
  })

  it('one order of another customer', async () => {
    const { client, spec } = fake()
    await shopper.order(client, claims, 'o1', 1001, {})
    expect(spec().holdsUp!({ customerAccountId: 1001 })).toBeNull()
    expect(spec().holdsUp!({ id: 'o1' })).toBeNull()
    expect(spec().holdsUp!({ customerAccountId: 2 })).toEqual({
      sentence: 'Kibo answered with an order of account 2 among those of account 1001.',
      where: 'items[0].customerAccountId',
    })
  })
})

describe('as the shopper', () => {
  it('the claims go in their header and are known as a secret; the signal is passed on', async () => {
    const { client, specs } = fake({ items: [] })
    const signal = new AbortController().signal
    await shopper.currentCart(client, claims, { responseFields: ' id ' }, signal)
    await shopper.currentCartMessages(client, claims, signal)
    await shopper.cartById(client, claims, 'c1', {}, signal)
    await shopper.cartSummary(client, claims, 'c1', signal)
    await shopper.orders(client, claims, 1001, {}, signal)
    await shopper.order(client, claims, 'o1', 1001, {}, signal)
    await shopper.wishlists(client, claims, 1001, {}, signal)
    for (const s of specs) {
      expect(s.headers).toEqual({ 'x-vol-user-claims': 'claims-token-1' })
      expect(s.knownSecrets).toEqual(['claims-token-1'])
      expect(s.signal).toBe(signal)
    }
    expect(specs[0].query).toEqual({ responseFields: 'id' })
    expect(specs[5].query).toEqual({ responseFields: undefined })
  })

  it('no claims, no call', async () => {
    const { client, specs } = fake()
    expect(await appErrorOf(() => shopper.currentCart(client, { accessToken: '' }, {}))).toEqual({
      kind: 'invalid-input',
      message: 'There is no customer ticket to call Kibo as the shopper.',
      hint: 'Impersonate the customer first.',
      where: 'ticket',
    })
    expect(specs).toEqual([])
  })

  it('orders are newest first unless the person sorts them', async () => {
    const { client, specs } = fake({ items: [] })
    await shopper.orders(client, claims, 1001, {})
    await shopper.orders(client, claims, 1001, { sortBy: '  ' })
    await shopper.orders(client, claims, 1001, { sortBy: ' total asc ' })
    expect(specs.map((s) => s.query?.sortBy)).toEqual(['submittedDate desc', 'submittedDate desc', 'total asc'])
    expect(specs[0].query?.filter).toBe('customerAccountId eq 1001')
  })
})

describe('the customer side sends', () => {
  it('the paging of each collection, and the signal', async () => {
    const { client, specs } = fake({ items: [] })
    const signal = new AbortController().signal
    const paging = { startIndex: 5, pageSize: 7, sortBy: 'id', filter: 'x eq 1', responseFields: 'items' }
    await customer.auditLog(client, 1001, paging, signal)
    await customer.purchaseOrderTransactions(client, 1001, paging, signal)
    await customer.credits(client, 1001, paging, signal)
    await customer.creditTransactions(client, 'GC1', paging, signal)
    await customer.creditAuditEntries(client, 'GC1', paging, signal)
    await customer.visits(client, 1001, paging, signal)
    await customer.b2bUsers(client, 1001, paging, signal)
    await customer.b2bAttributes(client, 1001, paging, signal)
    const own = { startIndex: 5, pageSize: 7, sortBy: 'id', filter: 'x eq 1', responseFields: 'items' }
    expect(specs.map((s) => s.query)).toEqual([
      own,
      own,
      { ...own, filter: 'customerId eq 1001 and (x eq 1)' },
      own,
      own,
      { ...own, filter: 'accountId eq 1001 and (x eq 1)' },
      own,
      own,
    ])
    for (const s of specs) expect(s.signal).toBe(signal)
  })

  it('only responseFields where there is no paging; nothing at all for the hierarchy and roles', async () => {
    const { client, specs } = fake({ items: [] })
    const signal = new AbortController().signal
    await customer.loginState(client, 1001, { userId: ' u1 ', responseFields: ' f ' }, signal)
    await customer.cards(client, 1001, { responseFields: ' f ' }, signal)
    await customer.transactions(client, 1001, { responseFields: 'f' }, signal)
    await customer.purchaseOrderAccount(client, 1001, { responseFields: 'f' }, signal)
    await customer.credit(client, 'GC1', 1001, { responseFields: 'f' }, signal)
    await customer.b2bAccount(client, 1001, { responseFields: 'f' }, signal)
    await customer.b2bHierarchy(client, 1001, signal)
    await customer.b2bUserRoles(client, 1001, 'u1', signal)
    expect(specs.map((s) => s.query)).toEqual([
      { userId: 'u1', responseFields: 'f' },
      { responseFields: 'f' },
      { responseFields: 'f' },
      { responseFields: 'f' },
      { responseFields: 'f' },
      { responseFields: 'f' },
      undefined,
      undefined,
    ])
    for (const s of specs) expect(s.signal).toBe(signal)
    expect(await appErrorOf(() => customer.loginState(client, 1001, { userId: 'u'.repeat(201) }))).toMatchObject({ where: 'userId' })
  })
})

describe('card numbers in what comes back', () => {
  it('masked in the answers that may hold one, the rest of the result kept', async () => {
    const data = { items: [{ cardNumberPart: visa, note: `paid ${visa}` }], cardNumber: visa }
    const masked = { items: [{ cardNumberPart: '••••••••••••1111', note: 'paid ••••••••••••1111' }], cardNumber: '••••••••••••1111' }
    const { client } = fake(data)
    const results = [
      await customer.auditLog(client, 1001, {}),
      await customer.cards(client, 1001, {}),
      await customer.purchaseOrderTransactions(client, 1001, {}),
      await shopper.currentCart(client, claims, {}),
      await shopper.cartById(client, claims, 'c1', {}),
      await shopper.orders(client, claims, 1001, {}),
      await shopper.order(client, claims, 'o1', 1001, {}),
    ]
    for (const result of results)
      expect(result).toEqual({ data: masked, correlationId: 'c-1', status: 200, elapsedMs: 5, requestId: 'r-1' })
    const list = fake([{ note: visa }])
    expect((await customer.transactions(list.client, 1001, {})).data).toEqual([{ note: '••••••••••••1111' }])
    expect(data.cardNumber).toBe(visa)
  })
})

describe('what the person is told is being done', () => {
  it('names a credit, a cart or an order as typed, without its spaces', async () => {
    const { client, specs } = fake({ items: [] })
    await customer.credit(client, ' GC1 ', 1001, {})
    await customer.creditTransactions(client, ' GC1 ', {})
    await customer.creditAuditEntries(client, ' GC1 ', {})
    await shopper.cartById(client, claims, ' c1 ', {})
    await shopper.cartSummary(client, claims, ' c1 ')
    await shopper.order(client, claims, ' o1 ', 1001, {})
    expect(specs.map((s) => s.action)).toEqual([
      'Reading credit GC1',
      'Reading the transactions of credit GC1',
      'Reading the audit entries of credit GC1',
      'Reading cart c1',
      'Reading the summary of cart c1',
      'Reading order o1',
    ])
  })
})
