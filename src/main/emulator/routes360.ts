// The customer side of the 360, as Kibo's Customer API answers it: the field-level audit log,
// login state, cards, transactions, the purchase-order account, store credits and gift cards,
// visits and B2B accounts. Every call is the application's: tenant headers and its bearer.
import type { CustomerAccount } from '../../shared/kibo'
import { accountNamedBy, pageOf } from './collection'
import { accountOfCreditCode } from './generateLedger'
import { b2bAccount, hierarchyOf, membersOf } from './generateB2b'
import { accountFromPath, asApplication } from './guard'
import { KiboHttpError, notFound } from './kiboError'
import type { EmulatorState, RouteRequest, RouteResult } from './routes'
import type { Customer360 } from './world'

export interface Endpoint {
  pattern: RegExp
  methods: string[]
  handle: (state: EmulatorState, req: RouteRequest, match: RegExpExecArray) => Promise<RouteResult>
}

const ok = (body: unknown): RouteResult => ({ status: 200, body })
const ACCOUNT = '/commerce/customer/accounts/([^/]+)'

async function account360(state: EmulatorState, req: RouteRequest, rawId: string): Promise<{ a: CustomerAccount; c: Customer360 }> {
  await asApplication(state, req)
  const a = accountFromPath(state, rawId)
  return { a, c: state.world.of(a) }
}

/** Everything the tenant holds of one kind, drawn from one account when the filter names it. */
function across<T>(state: EmulatorState, filter: string | undefined, field: string, pick: (c: Customer360) => T[]): T[] {
  const only = accountNamedBy(filter, field)
  if (only !== undefined) {
    const a = state.byId.get(only)
    return a ? pick(state.world.of(a)) : []
  }
  return state.data.accounts.flatMap((a) => pick(state.world.draw(a)))
}

function creditLedger(state: EmulatorState, code: string) {
  const accountId = accountOfCreditCode(code)
  const a = accountId === undefined ? undefined : state.byId.get(accountId)
  const ledger = a && state.world.of(a).credits.find((c) => c.credit.code === code)
  if (!ledger) throw notFound(`Credit ${code} not found.`)
  return ledger
}

function b2bOf(state: EmulatorState, rawId: string): CustomerAccount {
  if (!/^\d{1,10}$/.test(rawId))
    throw new KiboHttpError(400, 'MISSING_OR_INVALID_PARAMETER', 'Missing or invalid parameter: accountId must be an integer.')
  const a = state.byId.get(Number(rawId))
  // Kibo keeps B2B accounts apart: a B2C account id is not found here, as an unknown one is not.
  if (!a || a.accountType !== 'B2B') throw notFound(`B2B account ${rawId} not found.`)
  return a
}

const auditLog: Endpoint = {
  pattern: new RegExp(`^${ACCOUNT}/auditlog/entries$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const { c } = await account360(state, req, m[1])
    const fields = state.world.fieldsOf('audit', (x) => x.audit)
    return ok(pageOf(c.audit, req.query, { noun: 'a customer audit entry', fields }))
  },
}

const loginState: Endpoint = {
  pattern: new RegExp(`^${ACCOUNT}/loginstate$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const { a, c } = await account360(state, req, m[1])
    if (!a.userId) throw notFound(`Customer account ${a.id} has no login: it is an anonymous shopper.`)
    const asked = req.query.userId
    if (asked !== undefined && asked !== '' && asked !== a.userId)
      throw notFound(`User ${asked} is not the login of customer account ${a.id}.`)
    return ok(c.login)
  },
}

const cardsEndpoint: Endpoint = {
  pattern: new RegExp(`^${ACCOUNT}/cards$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const { c } = await account360(state, req, m[1])
    return ok({ totalCount: c.cards.length, items: c.cards })
  },
}

const transactions: Endpoint = {
  pattern: new RegExp(`^${ACCOUNT}/transactions$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const { c } = await account360(state, req, m[1])
    return ok(c.visits.flatMap((v) => v.transactions).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)))
  },
}

const poAccount: Endpoint = {
  pattern: new RegExp(`^${ACCOUNT}/purchaseorderaccount$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const { a, c } = await account360(state, req, m[1])
    if (!c.purchaseOrder) throw notFound(`Customer account ${a.id} has no purchase order account.`)
    return ok(c.purchaseOrder.account)
  },
}

const poTransactions: Endpoint = {
  pattern: new RegExp(`^${ACCOUNT}/purchaseordertransaction$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const { a, c } = await account360(state, req, m[1])
    if (!c.purchaseOrder) throw notFound(`Customer account ${a.id} has no purchase order account.`)
    const fields = state.world.fieldsOf('poTransactions', (x) => x.purchaseOrder?.transactions ?? [])
    return ok(pageOf(c.purchaseOrder.transactions, req.query, { noun: 'a purchase order transaction', fields }))
  },
}

const creditList: Endpoint = {
  pattern: /^\/commerce\/customer\/credits$/i,
  methods: ['GET'],
  handle: async (state, req) => {
    await asApplication(state, req)
    const fields = state.world.fieldsOf('credits', (x) => x.credits.map((l) => l.credit))
    const all = across(state, req.query.filter, 'customerId', (c) => c.credits.map((l) => l.credit))
    return ok(pageOf(all, req.query, { noun: 'a credit', fields }))
  },
}

const credit: Endpoint = {
  pattern: /^\/commerce\/customer\/credits\/([^/]+)$/i,
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    return ok(creditLedger(state, decodeURIComponent(m[1])).credit)
  },
}

const creditTransactions: Endpoint = {
  pattern: /^\/commerce\/customer\/credits\/([^/]+)\/transactions$/i,
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const ledger = creditLedger(state, decodeURIComponent(m[1]))
    const fields = state.world.fieldsOf('creditTransactions', (x) => x.credits.flatMap((l) => l.transactions))
    return ok(pageOf(ledger.transactions, req.query, { noun: 'a credit transaction', fields }))
  },
}

const creditAudit: Endpoint = {
  pattern: /^\/commerce\/customer\/credits\/([^/]+)\/auditentries$/i,
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const ledger = creditLedger(state, decodeURIComponent(m[1]))
    const fields = state.world.fieldsOf('creditAudit', (x) => x.credits.flatMap((l) => l.auditEntries))
    return ok(pageOf(ledger.auditEntries, req.query, { noun: 'a credit audit entry', fields }))
  },
}

const visitList: Endpoint = {
  pattern: /^\/commerce\/customer\/visits$/i,
  methods: ['GET'],
  handle: async (state, req) => {
    await asApplication(state, req)
    const fields = state.world.fieldsOf('visits', (x) => x.visits)
    return ok(
      pageOf(
        across(state, req.query.filter, 'accountId', (c) => c.visits),
        req.query,
        { noun: 'a visit', fields },
      ),
    )
  },
}

const B2B = '/commerce/customer/b2baccounts/([^/]+)'

const b2bAccountEndpoint: Endpoint = {
  pattern: new RegExp(`^${B2B}$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const a = b2bOf(state, m[1])
    return ok(b2bAccount(state.world.seed, a, state.world.b2b()))
  },
}

const hierarchy: Endpoint = {
  pattern: new RegExp(`^${B2B}/hierarchy$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const a = b2bOf(state, m[1])
    const index = state.world.b2b()
    const tree = hierarchyOf(index, index.root.get(a.id!) ?? a.id!)
    const accounts = membersOf(tree).map((id) => b2bAccount(state.world.seed, state.byId.get(id)!, index))
    return ok({ accounts, hierarchy: tree })
  },
}

const b2bUsers: Endpoint = {
  pattern: new RegExp(`^${B2B}/users$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const a = b2bOf(state, m[1])
    const index = state.world.b2b()
    const users = index.users.get(a.id!) ?? []
    const terms = (req.query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    const found =
      terms.length === 0
        ? users
        : users.filter((u) =>
            terms.every((t) => [u.emailAddress, u.firstName, u.lastName, u.userName].some((v) => v?.toLowerCase().includes(t))),
          )
    const fields = state.world.fieldsOf('b2bUsers', () => [...index.users.values()].slice(0, 40).flat())
    return ok(pageOf(found, req.query, { noun: 'a B2B user', fields }))
  },
}

const userRoles: Endpoint = {
  pattern: new RegExp(`^${B2B}/user/([^/]+)/roles$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const a = b2bOf(state, m[1])
    const userId = decodeURIComponent(m[2])
    const user = state.world
      .b2b()
      .users.get(a.id!)
      ?.find((u) => u.userId === userId)
    if (!user) throw notFound(`User ${userId} is not a user of B2B account ${a.id}.`)
    return ok({ totalCount: user.roles.length, items: user.roles })
  },
}

const b2bAttributes: Endpoint = {
  pattern: new RegExp(`^${B2B}/attributes$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const a = b2bOf(state, m[1])
    const fields = state.world.fieldsOf('attributes', (_c, x) => x.attributes ?? [])
    return ok(pageOf(a.attributes ?? [], req.query, { noun: 'a customer attribute', fields }))
  },
}

/** In match order: the longer paths first where a shorter pattern could also match. */
export const customerEndpoints: Endpoint[] = [
  auditLog,
  loginState,
  cardsEndpoint,
  transactions,
  poAccount,
  poTransactions,
  creditList,
  creditTransactions,
  creditAudit,
  credit,
  visitList,
  hierarchy,
  b2bUsers,
  userRoles,
  b2bAttributes,
  b2bAccountEndpoint,
]
