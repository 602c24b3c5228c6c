// The customer's 360 as the emulator answers it (routes360.ts): every endpoint the client calls
// (src/main/kibo/customer360.ts, same paths and filters) answers spec-shaped for accounts of every
// kind, pages and filters like Kibo, and refuses what Kibo refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { validateResponse, validateSchema } from '../../../test/openapi'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'
import { type Emulator, startEmulator } from './index'
import { CustomerWorld } from './world'

const A = '/commerce/customer/accounts/{accountId}'
const B = '/commerce/customer/b2baccounts/{accountId}'

let emu: Emulator
let headers: Record<string, string>
let world: CustomerWorld
let sample: CustomerAccount[]

/** Up to `n` accounts of each kind worth looking at, without repeats. */
function accountsOfEveryKind(n: number): CustomerAccount[] {
  const kinds: Array<(a: CustomerAccount) => boolean> = [
    (a) => a.accountType === 'B2B',
    (a) => a.accountType === 'B2B' && world.b2b().parent.get(a.id!) !== undefined,
    (a) => a.isLocked === true,
    (a) => a.isAnonymous === true,
    (a) => (a.commerceSummary?.orderCount ?? 0) === 0,
    (a) => world.of(a).cards.length === 0,
    (a) => world.of(a).wishlists.length === 0,
    (a) => world.of(a).purchaseOrder !== undefined,
    (a) => world.of(a).credits.length > 0,
    (a) => !a.isLocked && world.of(a).login.failedLoginAttemptCount > 0,
  ]
  const out = new Set<CustomerAccount>()
  for (const kind of kinds) {
    const found = emu.data.accounts.filter(kind).slice(0, n)
    expect(found.length, `no account of kind ${kind.toString()}`).toBeGreaterThan(0)
    for (const a of found) out.add(a)
  }
  return [...out]
}

beforeAll(async () => {
  emu = await startEmulator({ accounts: 300, seed: 5 })
  world = new CustomerWorld(emu.data, new Map(emu.data.accounts.map((a) => [a.id!, a])))
  sample = accountsOfEveryKind(2)
  headers = kiboHeaders(emu, await appToken(emu))
})
afterAll(() => emu.close())

const get = (path: string, query: Record<string, string | number> = {}, h = headers) => call(emu, 'GET', path, { headers: h, query })

/** The answer, after checking it is a 200 that validates strictly against the template's schema. */
async function valid(template: string, path: string, query: Record<string, string | number> = {}) {
  const res = await get(path, query)
  expect(res.status, `${path} ${JSON.stringify(res.json)}`).toBe(200)
  expect(validateResponse('GET', template, 200, res.json, { strict: true }), path).toEqual([])
  return res.json
}

/**
 * Kibo's AccountHierarchyNode lists children as plain objects: its document cannot say they are
 * nodes again, but they are (the same id and children, as deep as the company goes). Each node is
 * checked strictly as a node, and the answer around them as the spec says.
 */
function hierarchyErrors(answer: { hierarchy?: { id?: number; children?: unknown[] } }): string[] {
  const errors: string[] = []
  const walk = (node: unknown, where: string): void => {
    const { children, ...rest } = node as { children?: unknown[] }
    errors.push(...validateSchema('AccountHierarchyNode', { ...rest, children: [] }, { strict: true }).map((e) => `${where}: ${e}`))
    ;(children ?? []).forEach((c, i) => walk(c, `${where}.children[${i}]`))
  }
  if (answer.hierarchy) walk(answer.hierarchy, 'hierarchy')
  errors.push(
    ...validateResponse('GET', `${B}/hierarchy`, 200, { ...answer, hierarchy: { ...answer.hierarchy, children: [] } }, { strict: true }),
  )
  return errors
}

describe('every 360 endpoint answers spec-shaped (strict), for accounts of every kind', () => {
  it('audit log, login state, cards, transactions, purchase orders', async () => {
    for (const a of sample) {
      const p = `/commerce/customer/accounts/${a.id}`
      const c = world.of(a)
      const audit = await valid(`${A}/AuditLog/Entries`, `${p}/AuditLog/Entries`, { pageSize: 200 })
      expect(audit.totalCount).toBe(c.audit.length)
      const cards = await valid(`${A}/cards`, `${p}/cards`)
      expect(cards.items).toEqual(c.cards)
      const transactions = await valid(`${A}/transactions`, `${p}/transactions`)
      expect(transactions).toHaveLength(c.visits.flatMap((v) => v.transactions).length)
      if (a.userId) expect(await valid(`${A}/loginstate`, `${p}/loginstate`)).toEqual(c.login)
      else expect((await get(`${p}/loginstate`)).status).toBe(404)
      if (c.purchaseOrder) {
        expect(await valid(`${A}/purchaseOrderAccount`, `${p}/purchaseOrderAccount`)).toEqual(c.purchaseOrder.account)
        const po = await valid(`${A}/PurchaseOrderTransaction`, `${p}/PurchaseOrderTransaction`, { pageSize: 200 })
        expect(po.totalCount).toBe(c.purchaseOrder.transactions.length)
      } else {
        expect((await get(`${p}/purchaseOrderAccount`)).json.errorCode).toBe('ITEM_NOT_FOUND')
        expect((await get(`${p}/PurchaseOrderTransaction`)).status).toBe(404)
      }
    }
  })

  it('credits (filtered on customerId as the client sends), each with its transactions and audit entries', async () => {
    let seen = 0
    for (const a of sample) {
      const page = await valid('/commerce/customer/credits', '/commerce/customer/credits', { filter: `customerId eq ${a.id}` })
      expect(page.items.map((c: { code: string }) => c.code)).toEqual(world.of(a).credits.map((l) => l.credit.code))
      for (const credit of page.items as Array<{ code: string; customerId: number }>) {
        seen++
        expect(credit.customerId).toBe(a.id)
        const base = `/commerce/customer/credits/${credit.code}`
        expect(await valid('/commerce/customer/credits/{code}', base)).toEqual(credit)
        await valid('/commerce/customer/credits/{code}/transactions', `${base}/transactions`)
        await valid('/commerce/customer/credits/{code}/auditentries', `${base}/auditentries`)
      }
    }
    expect(seen).toBeGreaterThan(0)
  })

  it('visits filtered on accountId, the field Kibo’s Visit has and the client sends', async () => {
    for (const a of sample.slice(0, 12)) {
      const page = await valid('/commerce/customer/visits', '/commerce/customer/visits', { filter: `accountId eq ${a.id}`, pageSize: 200 })
      expect(page.totalCount).toBe(world.of(a).visits.length)
      expect(page.items.every((v: { accountId: number }) => v.accountId === a.id)).toBe(true)
    }
    // Not a field of a visit: Kibo refuses the filter rather than ignoring it.
    const wrong = await get('/commerce/customer/visits', { filter: `customerAccountId eq ${sample[0].id}` })
    expect(wrong.status).toBe(400)
    expect(wrong.json.message).toMatch(/customerAccountId/)
  })

  it('B2B account, hierarchy, users, each user’s roles and attributes', async () => {
    const b2b = sample.filter((a) => a.accountType === 'B2B')
    expect(b2b.length).toBeGreaterThan(1)
    for (const a of b2b) {
      const b = `/commerce/customer/b2baccounts/${a.id}`
      const account = await valid(B, b)
      expect(account.id).toBe(a.id)
      const tree = await get(`${b}/hierarchy`)
      expect(tree.status).toBe(200)
      expect(hierarchyErrors(tree.json), b).toEqual([])
      expect(tree.json.hierarchy.id).toBe(account.rootAccountId)
      const users = await valid(`${B}/users`, `${b}/users`)
      expect(users.totalCount).toBeGreaterThan(0)
      for (const u of users.items as Array<{ userId: string; roles: unknown[] }>) {
        const roles = await valid(`${B}/user/{userId}/roles`, `${b}/user/${u.userId}/roles`)
        expect(roles.items).toEqual(u.roles)
      }
      await valid(`${B}/attributes`, `${b}/attributes`)
    }
  })
})

describe('paging, sorting and filtering the collections', () => {
  it('audit log: pages cover the whole log once, sortBy and filter narrow it', async () => {
    const a = sample.find((x) => world.of(x).audit.length >= 7)!
    const p = `/commerce/customer/accounts/${a.id}/AuditLog/Entries`
    const all = world.of(a).audit
    const ids: number[] = []
    for (let start = 0; start < all.length; start += 3) {
      const page = (await get(p, { startIndex: start, pageSize: 3 })).json
      expect(page).toMatchObject({ startIndex: start, pageSize: 3, totalCount: all.length, pageCount: Math.ceil(all.length / 3) })
      ids.push(...page.items.map((e: { customerAuditEntryId: number }) => e.customerAuditEntryId))
    }
    expect(ids).toEqual(all.map((e) => e.customerAuditEntryId))
    const desc = (await get(p, { sortBy: 'entryDate desc', pageSize: 200 })).json.items as Array<{ entryDate: string }>
    expect(desc.map((e) => e.entryDate)).toEqual([...all.map((e) => e.entryDate)].sort().reverse())
    const email = (await get(p, { filter: "fieldPath eq 'emailAddress'", pageSize: 200 })).json
    expect(email.totalCount).toBe(all.filter((e) => e.fieldPath === 'emailAddress').length)
    expect((await get(p, { sortBy: 'nope asc' })).status).toBe(400)
    expect((await get(p, { filter: 'nope eq 1' })).status).toBe(400)
    expect((await get(p, { pageSize: 201 })).status).toBe(400)
    expect((await get(p, { startIndex: -1 })).status).toBe(400)
  })

  it('credits: across the tenant, narrowed by customerId and by balance; an account with none has an empty page', async () => {
    const holder = sample.find((x) => world.of(x).credits.length > 0)!
    const none = sample.find((x) => world.of(x).credits.length === 0)!
    expect((await get('/commerce/customer/credits', { filter: `customerId eq ${none.id}` })).json).toMatchObject({
      totalCount: 0,
      items: [],
    })
    const spent = await get('/commerce/customer/credits', { filter: `customerId eq ${holder.id} and currentBalance lt 0` })
    expect(spent.json.totalCount).toBe(0)
    const sorted = (await get('/commerce/customer/credits', { filter: `customerId eq ${holder.id}`, sortBy: 'initialBalance desc' })).json
      .items as Array<{ initialBalance: number }>
    expect(sorted.map((c) => c.initialBalance)).toEqual(
      world
        .of(holder)
        .credits.map((l) => l.credit.initialBalance as number)
        .sort((x, y) => y - x),
    )
  })

  it('purchase-order transactions and B2B users page and search', async () => {
    const po = sample.find((x) => (world.of(x).purchaseOrder?.transactions.length ?? 0) > 2)!
    const page = (await get(`/commerce/customer/accounts/${po.id}/PurchaseOrderTransaction`, { pageSize: 2, startIndex: 1 })).json
    expect(page.items).toEqual(world.of(po).purchaseOrder!.transactions.slice(1, 3))
    const b2b = sample.find((x) => x.accountType === 'B2B' && (world.b2b().users.get(x.id!)?.length ?? 0) > 1)!
    const users = world.b2b().users.get(b2b.id!)!
    const found = (await get(`/commerce/customer/b2baccounts/${b2b.id}/users`, { q: users[1].lastName! })).json.items as Array<{
      userId: string
    }>
    expect(found.map((u) => u.userId)).toContain(users[1].userId)
    expect((await get(`/commerce/customer/b2baccounts/${b2b.id}/users`, { q: 'zzzz-nobody' })).json.totalCount).toBe(0)
  })
})

describe('the client’s own filters: the customer’s condition, and the person’s in parentheses', () => {
  it('credits, visits, orders and wishlists narrow within the account', async () => {
    const a = sample.find((x) => world.of(x).credits.length > 0 && world.of(x).orders.length > 1)!
    const c = world.of(a)
    const credits = await get('/commerce/customer/credits', { filter: `customerId eq ${a.id} and (creditType eq 'GiftCard')` })
    expect(credits.json.totalCount).toBe(c.credits.filter((l) => l.credit.creditType === 'GiftCard').length)
    const visits = await get('/commerce/customer/visits', { filter: `accountId eq ${a.id} and (type eq 'Web')`, pageSize: 200 })
    expect(visits.json.totalCount).toBe(c.visits.filter((v) => v.type === 'Web').length)
    const status = String(c.orders[0].status)
    const orders = await get('/commerce/orders', { filter: `customerAccountId eq ${a.id} and (status eq '${status}')`, pageSize: 200 })
    expect(orders.json.totalCount).toBe(c.orders.filter((o) => o.status === status).length)
    const lists = await get('/commerce/wishlists', { filter: `customerAccountId eq ${a.id} and (privacyType eq 'Private')` })
    expect(lists.json.totalCount).toBe(c.wishlists.filter((w) => w.privacyType === 'Private').length)
    // An `or` cannot be narrowed to one account: it is read across the tenant and still answers right.
    const kept = emu.worldSizes().customers
    const either = await get('/commerce/customer/credits', { filter: `customerId eq ${a.id} or customerId eq 0`, pageSize: 200 })
    expect(either.json.totalCount).toBe(c.credits.length)
    // What the tenant-wide read drew is not kept in place of the customers being looked at.
    expect(emu.worldSizes().customers).toBe(kept)
  })
})

describe('errors as Kibo answers them', () => {
  const b2c = () => emu.data.accounts.find((a) => a.accountType !== 'B2B')!
  const paths = (id: string | number) => [
    `/commerce/customer/accounts/${id}/AuditLog/Entries`,
    `/commerce/customer/accounts/${id}/loginstate`,
    `/commerce/customer/accounts/${id}/cards`,
    `/commerce/customer/accounts/${id}/transactions`,
    `/commerce/customer/accounts/${id}/purchaseOrderAccount`,
    `/commerce/customer/accounts/${id}/PurchaseOrderTransaction`,
    `/commerce/customer/b2baccounts/${id}`,
    `/commerce/customer/b2baccounts/${id}/hierarchy`,
    `/commerce/customer/b2baccounts/${id}/users`,
    `/commerce/customer/b2baccounts/${id}/attributes`,
  ]

  it('an unknown account is 404 and a non-integer id 400 on every account endpoint', async () => {
    for (const p of paths(999_999)) {
      const res = await get(p)
      expect(res.status, p).toBe(404)
      expect(res.json.errorCode, p).toBe('ITEM_NOT_FOUND')
    }
    for (const p of paths('abc')) {
      const res = await get(p)
      expect(res.status, p).toBe(400)
      expect(res.json.errorCode, p).toBe('MISSING_OR_INVALID_PARAMETER')
    }
  })

  it('a B2C account is not found on the B2B endpoints', async () => {
    const a = b2c()
    for (const p of paths(a.id!).filter((x) => x.includes('b2baccounts'))) expect((await get(p)).status, p).toBe(404)
    expect((await get(`/commerce/customer/b2baccounts/${a.id}/user/${a.userId}/roles`)).status).toBe(404)
    const b2b = sample.find((x) => x.accountType === 'B2B')!
    expect((await get(`/commerce/customer/b2baccounts/${b2b.id}/user/${'0'.repeat(32)}/roles`)).status).toBe(404)
  })

  it('the login state of another user of the account is 404; its own user is the answer', async () => {
    const a = sample.find((x) => x.userId)!
    const p = `/commerce/customer/accounts/${a.id}/loginstate`
    expect((await get(p, { userId: a.userId! })).json).toEqual(world.of(a).login)
    expect((await get(p, { userId: '0'.repeat(32) })).status).toBe(404)
  })

  it('an unknown credit code is 404', async () => {
    for (const code of ['0000000000000000', '1234099999999900', 'not-a-code'])
      for (const tail of ['', '/transactions', '/auditentries'])
        expect((await get(`/commerce/customer/credits/${code}${tail}`)).status).toBe(404)
  })

  it('without the tenant header 400, with a bad or missing bearer 401', async () => {
    const a = sample[0]
    const { ['x-vol-tenant']: _t, ...noTenant } = headers
    for (const p of [`/commerce/customer/accounts/${a.id}/cards`, '/commerce/customer/credits', '/commerce/customer/visits']) {
      expect((await get(p, {}, noTenant)).status, p).toBe(400)
      const bad = await get(p, {}, { ...headers, authorization: 'Bearer not-a-token' })
      expect(bad.status, p).toBe(401)
      expect(bad.json.errorCode).toBe('UNAUTHORIZED')
      const { authorization: _a, ...noBearer } = headers
      expect((await get(p, {}, noBearer)).status, p).toBe(401)
    }
  })
})
