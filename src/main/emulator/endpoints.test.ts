// impersonatecart and the account endpoints: resolution, headers, errors, responseFields, and the
// contract (every answer validates against Kibo's spec with unknown properties rejected).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { validateResponse } from '../../../test/openapi'
import { type Emulator, startEmulator } from './index'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'

const IMPERSONATE = '/commerce/customer/authtickets/impersonatecart'
const ACCOUNT = '/commerce/customer/accounts/{accountId}'

let emu: Emulator
let headers: Record<string, string>
beforeAll(async () => {
  emu = await startEmulator({ accounts: 200, seed: 11 })
  headers = kiboHeaders(emu, await appToken(emu))
})
afterAll(() => emu.close())

const impersonate = (body: unknown, query: Record<string, string> = {}, h = headers) =>
  call(emu, 'POST', IMPERSONATE, { body, query, headers: h })

describe('impersonatecart', () => {
  it('resolves a cart, an account id or a user id to the same account', async () => {
    const cart = emu.data.carts[5]
    const account = emu.data.accounts.find((a) => a.id === cart.accountId)!
    for (const body of [{ cartId: cart.cartId }, { accountId: cart.accountId }, { userId: cart.userId }, { ...cart }]) {
      const res = await impersonate(body)
      expect(res.status).toBe(200)
      expect(res.json.customerAccount).toEqual(account)
      expect(res.json.userId).toBe(account.userId)
    }
  })

  it('answers spec-shaped tickets for many accounts (strict)', async () => {
    for (const a of emu.data.accounts.slice(0, 120)) {
      const res = await impersonate({ accountId: a.id })
      expect(res.status).toBe(200)
      expect(validateResponse('POST', IMPERSONATE, 200, res.json, { strict: true }), `account ${a.id}`).toEqual([])
    }
  })

  it('refuses unknown, missing, mistyped or disagreeing targets with Kibo errors', async () => {
    const [c1, c2] = [emu.data.carts[0], emu.data.carts.find((c) => c.accountId !== emu.data.carts[0].accountId)!]
    const cases: Array<[unknown, number, string]> = [
      [{ cartId: 'f'.repeat(32) }, 404, 'ITEM_NOT_FOUND'],
      [{ accountId: 999_999 }, 404, 'ITEM_NOT_FOUND'],
      [{ userId: '0'.repeat(32) }, 404, 'ITEM_NOT_FOUND'],
      [{}, 400, 'MISSING_OR_INVALID_PARAMETER'],
      [undefined, 400, 'MISSING_OR_INVALID_PARAMETER'],
      [{ accountId: '1001' }, 400, 'MISSING_OR_INVALID_PARAMETER'],
      [[1], 400, 'MISSING_OR_INVALID_PARAMETER'],
      [{ cartId: c1.cartId, accountId: c2.accountId }, 400, 'VALIDATION_CONFLICT'],
      [{ cartId: c1.cartId, userId: c2.userId }, 400, 'VALIDATION_CONFLICT'],
      ['{not json', 400, 'MISSING_OR_INVALID_PARAMETER'],
    ]
    for (const [body, status, errorCode] of cases) {
      const res = await impersonate(body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.json).toEqual({
        message: expect.any(String),
        errorCode,
        applicationName: 'Customer',
        additionalErrorData: expect.any(Array),
        items: [],
      })
    }
  })

  it('checks x-vol-tenant and x-vol-site', async () => {
    const body = { accountId: 1001 }
    const { ['x-vol-tenant']: _t, ...noTenant } = headers
    const { ['x-vol-site']: _s, ...noSite } = headers
    expect((await impersonate(body, {}, noTenant)).status).toBe(400)
    expect((await impersonate(body, {}, noSite)).status).toBe(400)
    expect((await impersonate(body, {}, { ...headers, 'x-vol-tenant': 'abc' })).status).toBe(400)
    const wrongTenant = await impersonate(body, {}, { ...headers, 'x-vol-tenant': '999' })
    expect(wrongTenant.status).toBe(401)
    expect(wrongTenant.json.errorCode).toBe('UNAUTHORIZED')
    expect((await impersonate(body, {}, { ...headers, 'x-vol-site': '999' })).status).toBe(401)
    // The account endpoints work at tenant level: the site is optional there.
    expect((await call(emu, 'GET', '/commerce/customer/accounts/1001', { headers: noSite })).status).toBe(200)
  })

  it('honors responseFields, and refuses a malformed one before issuing anything', async () => {
    const res = await impersonate(
      { accountId: 1001 },
      { responseFields: 'accessToken,customerAccount(id,emailAddress,contacts(id,address(cityOrTown)))' },
    )
    expect(Object.keys(res.json)).toEqual(['customerAccount', 'accessToken'])
    const a = emu.data.accounts[1]
    expect(res.json.customerAccount).toEqual({
      id: a.id,
      contacts: a.contacts!.map((c) => ({ id: c.id, address: { cityOrTown: c.address!.cityOrTown } })),
      emailAddress: a.emailAddress,
    })
    expect(validateResponse('POST', IMPERSONATE, 200, res.json, { strict: true })).toEqual([])

    const before = emu.issuedSecrets().length
    const bad = await impersonate({ accountId: 1001 }, { responseFields: 'customerAccount(id' })
    expect(bad.status).toBe(400)
    expect(bad.json.message).toMatch(/responseFields/)
    expect(bad.json.additionalErrorData).toContainEqual({ name: 'parameter', value: 'responseFields' })
    expect(emu.issuedSecrets().length).toBe(before)
  })
})

describe('GET accounts/{accountId}', () => {
  it('returns the account, spec-shaped, for many ids', async () => {
    for (const a of emu.data.accounts.slice(0, 200)) {
      const res = await call(emu, 'GET', `/commerce/customer/accounts/${a.id}`, { headers })
      expect(res.json).toEqual(a)
      expect(validateResponse('GET', ACCOUNT, 200, res.json, { strict: true })).toEqual([])
    }
  })

  it('404 when absent, 400 when not a number, responseFields honored', async () => {
    const missing = await call(emu, 'GET', '/commerce/customer/accounts/5', { headers })
    expect(missing.status).toBe(404)
    expect(missing.json.errorCode).toBe('ITEM_NOT_FOUND')
    expect((await call(emu, 'GET', '/commerce/customer/accounts/abc', { headers })).status).toBe(400)
    const res = await call(emu, 'GET', '/commerce/customer/accounts/1010', {
      headers,
      query: { responseFields: 'id,commerceSummary(orderCount),segments(code)' },
    })
    const a = emu.data.accounts[10]
    expect(res.json).toEqual({
      id: 1010,
      commerceSummary: { orderCount: a.commerceSummary!.orderCount },
      segments: a.segments!.map((s) => ({ code: s.code })),
    })
  })
})

describe('GET accounts (list)', () => {
  const list = (query: Record<string, string | number>) => call(emu, 'GET', '/commerce/customer/accounts', { headers, query })
  const all = () => emu.data.accounts
  const idsOf = (items: CustomerAccount[]) => items.map((a) => a.id)

  it('pages with defaults of 20 and a maximum of 200', async () => {
    const first = await list({})
    expect(first.json).toMatchObject({ startIndex: 0, pageSize: 20, pageCount: 10, totalCount: 200 })
    expect(idsOf(first.json.items)).toEqual(idsOf(all().slice(0, 20)))
    const last = await list({ startIndex: 190, pageSize: 15 })
    expect(last.json).toMatchObject({ startIndex: 190, pageSize: 15, pageCount: 14, totalCount: 200 })
    expect(idsOf(last.json.items)).toEqual(idsOf(all().slice(190)))
    const whole = await list({ pageSize: 200 })
    expect(whole.json.items).toEqual(all())
    expect(validateResponse('GET', '/commerce/customer/accounts', 200, whole.json, { strict: true })).toEqual([])
    expect((await list({ startIndex: 500 })).json.items).toEqual([])
    for (const bad of [{ pageSize: 201 }, { pageSize: -1 }, { startIndex: 'x' }] as Array<Record<string, string | number>>) {
      const res = await list(bad)
      expect(res.status).toBe(400)
      expect(res.json.errorCode).toBe('MISSING_OR_INVALID_PARAMETER')
    }
  })

  it('sorts by plain and dotted paths, both directions, several keys', async () => {
    const key = (a: CustomerAccount) => (a.lastName ?? '\uffff').toLowerCase()
    const byLast = [...all()].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x.id! - y.id!))
    expect(idsOf((await list({ sortBy: 'lastName asc', pageSize: 200 })).json.items)).toEqual(idsOf(byLast))
    expect(idsOf((await list({ sortBy: 'id desc', pageSize: 5 })).json.items)).toEqual([1199, 1198, 1197, 1196, 1195])
    const byUpdate = [...all()].sort((x, y) => y.auditInfo!.updateDate!.localeCompare(x.auditInfo!.updateDate!))
    expect(idsOf((await list({ sortBy: 'auditInfo.updateDate desc', pageSize: 10 })).json.items)).toEqual(idsOf(byUpdate.slice(0, 10)))
    const two = (await list({ sortBy: 'accountType asc, id desc', pageSize: 200 })).json.items as CustomerAccount[]
    const b2b = all()
      .filter((a) => a.accountType === 'B2B')
      .map((a) => a.id!)
      .reverse()
    expect(idsOf(two.slice(0, b2b.length))).toEqual(b2b)
    expect((await list({ sortBy: 'lastName sideways' })).status).toBe(400)
    expect((await list({ sortBy: 'lastNam asc' })).status).toBe(400)
  })

  it('q searches names, email, userName, id and externalId, case-insensitively', async () => {
    const a = all().find((x) => x.externalId && x.firstName)!
    const search = async (q: string) => idsOf((await list({ q, pageSize: 200 })).json.items)
    expect(await search(a.externalId!.toLowerCase())).toEqual([a.id])
    expect(await search(String(a.id))).toContain(a.id)
    expect(await search(a.emailAddress!.toUpperCase())).toContain(a.id)
    const byName = all().filter(
      (x) =>
        x.firstName?.toLowerCase().includes(a.firstName!.toLowerCase()) ||
        x.lastName?.toLowerCase().includes(a.firstName!.toLowerCase()) ||
        x.emailAddress?.toLowerCase().includes(a.firstName!.toLowerCase()) ||
        x.userName?.toLowerCase().includes(a.firstName!.toLowerCase()),
    )
    expect(await search(a.firstName!)).toEqual(idsOf(byName))
    expect(await search(`${a.firstName} ${a.lastName}`)).toContain(a.id)
    expect(await search('zzzz-nobody')).toEqual([])
  })

  it('filters with every operator, and/or and parentheses', async () => {
    const filter = async (f: string) => {
      const res = await list({ filter: f, pageSize: 200 })
      expect(res.status, f).toBe(200)
      return idsOf(res.json.items)
    }
    const expectIds = (pred: (a: CustomerAccount) => boolean) => idsOf(all().filter(pred))
    const someone = all()[17]
    const lower = (s: string | null | undefined) => (s ?? '').toLowerCase()

    expect(await filter(`lastName eq '${someone.lastName!.replace(/'/g, "''")}'`)).toEqual(
      expectIds((a) => lower(a.lastName) === lower(someone.lastName)),
    )
    expect(await filter('accountType ne "B2C"')).toEqual(expectIds((a) => a.accountType !== 'B2C'))
    expect(await filter('id gt 1190')).toEqual(expectIds((a) => a.id! > 1190))
    expect(await filter('id ge 1190')).toEqual(expectIds((a) => a.id! >= 1190))
    expect(await filter('commerceSummary.orderCount lt 2')).toEqual(expectIds((a) => a.commerceSummary!.orderCount! < 2))
    expect(await filter('commerceSummary.orderCount le 2')).toEqual(expectIds((a) => a.commerceSummary!.orderCount! <= 2))
    expect(await filter("emailAddress sw 'ma'")).toEqual(expectIds((a) => lower(a.emailAddress).startsWith('ma')))
    expect(await filter("emailAddress cont 'example.org'")).toEqual(expectIds((a) => lower(a.emailAddress).includes('example.org')))
    expect(await filter("auditInfo.createDate ge '2024-01-01'")).toEqual(expectIds((a) => a.auditInfo!.createDate! >= '2024-01-01'))
    expect(await filter("segments.code eq 'VIP'")).toEqual(expectIds((a) => a.segments!.some((s) => s.code === 'VIP')))
    expect(await filter("isActive eq false or isLocked eq true and accountType eq 'B2B'")).toEqual(
      expectIds((a) => a.isActive === false || (a.isLocked === true && a.accountType === 'B2B')),
    )
    expect(await filter("(isActive eq false or isLocked eq true) and contacts.address.countryCode eq 'CA'")).toEqual(
      expectIds((a) => (a.isActive === false || a.isLocked === true) && a.contacts!.some((c) => c.address!.countryCode === 'CA')),
    )
    expect(await filter('externalid ne null and ISANONYMOUS eq false')).toEqual(
      expectIds((a) => a.externalId !== null && a.isAnonymous === false),
    )
  })

  it('answers a bad filter with 400 naming the position', async () => {
    const res = await list({ filter: "lastName eq 'x' and (id gt" })
    expect(res.status).toBe(400)
    // 1-based, like every position the app shows: the 'gt' that has no value after it.
    expect(res.json.message).toMatch(/character 25: Expected a value after 'gt'/)
    expect(res.json.additionalErrorData).toEqual([
      { name: 'parameter', value: 'filter' },
      { name: 'position', value: '25' },
    ])
    expect((await list({ filter: "nosuchfield eq 'x'" })).json.message).toMatch(/character 1: Unknown field 'nosuchfield'/)
    expect((await list({ filter: "lastName = 'x'" })).json.message).toMatch(/character 10: Kibo's filter has no '='/)
  })

  it('honors responseFields on the collection and isAnonymous', async () => {
    const res = await list({ pageSize: 3, responseFields: 'totalCount,items(id,emailAddress)' })
    expect(res.json).toEqual({
      totalCount: 200,
      items: all()
        .slice(0, 3)
        .map((a) => ({ id: a.id, emailAddress: a.emailAddress })),
    })
    const anon = await list({ isAnonymous: 'true', pageSize: 200, responseFields: 'items(isAnonymous)' })
    expect(anon.json.items.length).toBe(all().filter((a) => a.isAnonymous).length)
  })
})
