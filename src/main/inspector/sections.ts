// One section of a customer's 360, read live: the Kibo calls it takes, composed into the shape the
// views read (kibo360.ts). A composite section (purchase orders, credits, B2B, cart) shows what
// Kibo gave even when one of its parts failed, naming the part; a section's own first call failing
// fails the section, and only that section.
import {
  narrowSection,
  sectionInfo,
  sectionResponseFields,
  type SectionId,
  type SectionQuery,
  type SectionView,
} from '../../shared/customer360'
import { AppFailure, fail } from '../../shared/errors'
import type {
  B2BSection,
  B2BUser,
  CartSection,
  CreditsSection,
  KiboPage,
  PurchaseOrderSection,
  SectionProblem,
  UserRole,
} from '../../shared/kibo360'
import type { KiboClient, KiboResult } from '../kibo'
import * as customer from '../kibo/customer360'
import * as shopper from '../kibo/shopper'
import { ResponseFieldsSyntaxError } from '../../shared/responseFields'

/** The customer ticket to call Kibo as the shopper with, checked for this very account. */
export interface ShopperTicket {
  claims: shopper.ShopperClaims
  /** The cart the impersonation named, if it named one. */
  cartId: string | null
}

export interface SectionContext {
  client: KiboClient
  accountId: number
  /** Where it is read from, for a person. */
  tenant: string
  /** The held ticket for this account, refreshed when about to expire; fails when there is none. */
  shopperTicket(signal: AbortSignal): Promise<ShopperTicket>
  now?: () => Date
}

/** How many of a page's items get their own details at once (credit transactions, user roles). */
const DETAIL_CONCURRENCY = 4

type Params = Pick<SectionQuery, 'startIndex' | 'pageSize' | 'filter' | 'sortBy' | 'responseFields'>

/**
 * Fields the app reads from a section's first answer whatever the person narrowed it to: whose
 * order, wishlist or credit it is (to refuse another customer's), a credit's code (to read its details),
 * the B2B account's id, the cart's id (for its summary). Asked of Kibo, cut again before showing.
 */
function neededFields(section: SectionId, key: string | null): readonly string[] {
  switch (section) {
    case 'orders':
    case 'order':
    case 'wishlists':
      return ['customerAccountId']
    case 'credits':
      return key ? ['code', 'customerId'] : ['code']
    case 'b2b':
    case 'cart':
      return ['id']
    default:
      return []
  }
}

/** The Dev Center behaviours a section's calls need, for a refusal to name. */
const behaviours: Record<SectionId, string> = {
  auditLog: 'Customer read behaviours',
  loginState: 'Customer read behaviours',
  cards: 'Customer read behaviours',
  transactions: 'Customer read behaviours',
  purchaseOrder: 'Customer read behaviours',
  credits: 'Customer read behaviours (store credits)',
  visits: 'Customer read behaviours',
  b2b: 'Customer read behaviours (B2B accounts)',
  cart: 'Cart read behaviours',
  orders: 'Order read behaviours',
  order: 'Order read behaviours',
  wishlists: 'Wishlist read behaviours',
}

function wireFields(section: SectionId, expression: string | undefined, key: string | null): string | undefined {
  try {
    return sectionResponseFields(section, expression, { key, also: neededFields(section, key) })
  } catch (error) {
    if (!(error instanceof ResponseFieldsSyntaxError)) throw error
    return fail('invalid-input', `responseFields of ${sectionInfo[section].label}: ${error.message}`, {
      where: 'responseFields',
      hint: 'Write it against one item of the section, e.g. id,name(first).',
    })
  }
}

export async function readLiveSection(ctx: SectionContext, query: SectionQuery, signal: AbortSignal): Promise<SectionView> {
  const key = query.key?.trim() || null
  const params: Params = {
    startIndex: query.startIndex,
    pageSize: query.pageSize,
    filter: query.filter,
    sortBy: query.sortBy,
    // Written against one item; Kibo is asked with its envelope around it (see sectionResponseFields).
    responseFields: wireFields(query.section, query.responseFields, key),
  }
  let answer: Answer
  try {
    answer = await read(ctx, query.section, key, params, signal)
  } catch (error) {
    throw asSectionRefusal(query.section, error)
  }
  return {
    section: query.section,
    key,
    // Narrowed here too, by the same builder a bundle uses: what is shown is what was asked for,
    // whether or not Kibo honoured every field, and the fields the app added are gone again.
    data: narrowSection(query.section, answer.data, query.responseFields),
    readAt: (ctx.now?.() ?? new Date()).toISOString(),
    tenant: ctx.tenant,
    from: 'live',
    correlationId: answer.correlationId,
    requestId: answer.requestId,
  }
}

interface Answer {
  data: unknown
  correlationId: string | null
  /** null: no exchange to point at (an answer made of a 404, say, still has one; a ticket check has none). */
  requestId: string | null
}

/**
 * What a refusal of a section's own call means. A 401 on a shopper call, after the client already
 * fetched a fresh application token: Kibo refuses the customer's claims (expired or revoked), and
 * the remedy is a new impersonation. Any other 401 or 403: the application may not read this
 * section, and the person needs to know which behaviour to give it.
 */
function asSectionRefusal(section: SectionId, error: unknown): unknown {
  if (!(error instanceof AppFailure)) return error
  const { status, kind } = error.error
  const info = sectionInfo[section]
  if (info.side === 'shopper' && (status === 401 || kind === 'auth-expired')) {
    // Kibo's own words, status, correlation id and request log entry stay; what it means changes.
    return new AppFailure({
      ...error.error,
      kind: 'auth-expired',
      message: status === 401 ? 'Kibo refused the customer ticket (HTTP 401): it has expired or was revoked.' : error.error.message,
      hint: 'Impersonate the customer again, then read this section again.',
      where: 'ticket',
    })
  }
  if (status === 401 || status === 403) {
    return new AppFailure({
      ...error.error,
      message: `Kibo refused ${info.label} (HTTP ${status}): the application lacks the behaviour to read this section.`,
      hint: `In Dev Center, give the application the ${behaviours[section]} (Packages › Behaviors), then reinstall it on the tenant.`,
    })
  }
  return error
}

function read(ctx: SectionContext, section: SectionId, key: string | null, params: Params, signal: AbortSignal): Promise<Answer> {
  const { client, accountId } = ctx
  switch (section) {
    case 'auditLog':
      return customer.auditLog(client, accountId, { ...params, sortBy: params.sortBy?.trim() || 'entryDate desc' }, signal)
    case 'loginState':
      // A key names one of the account's users (a B2B account has several); without it, the account's own.
      return customer.loginState(client, accountId, { userId: key ?? undefined, responseFields: params.responseFields }, signal)
    case 'cards':
      return customer.cards(client, accountId, params, signal)
    case 'transactions':
      return customer.transactions(client, accountId, params, signal)
    case 'purchaseOrder':
      return purchaseOrder(ctx, params, signal)
    case 'credits':
      return credits(ctx, key, params, signal)
    case 'visits':
      return customer.visits(client, accountId, { ...params, sortBy: params.sortBy?.trim() || 'date desc' }, signal)
    case 'b2b':
      return b2b(ctx, key, params, signal)
    case 'cart':
      return cart(ctx, params, signal)
    case 'orders':
      return ctx.shopperTicket(signal).then((t) => shopper.orders(client, t.claims, accountId, params, signal))
    case 'order':
      if (!key) fail('invalid-input', 'Say which order to read: an order id.', { where: 'key', hint: 'Pick an order from the list.' })
      return ctx.shopperTicket(signal).then((t) => shopper.order(client, t.claims, key, accountId, params, signal))
    case 'wishlists':
      return ctx.shopperTicket(signal).then((t) => shopper.wishlists(client, t.claims, accountId, params, signal))
  }
}

/** A part that may fail on its own: its answer, or null with the problem recorded. */
async function part<T>(problems: SectionProblem[], name: string, work: () => Promise<KiboResult<T>>): Promise<KiboResult<T> | null> {
  try {
    return await work()
  } catch (error) {
    // Cancellation is the whole section's, not a part's.
    if (!(error instanceof AppFailure) || error.error.kind === 'cancelled') throw error
    problems.push({ part: name, error: error.error })
    return null
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof AppFailure && error.error.kind === 'not-found'
}

/** Runs `work` on each item, a few at a time, in order. */
async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      out[index] = await work(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(DETAIL_CONCURRENCY, items.length) }, worker))
  return out
}

async function purchaseOrder(ctx: SectionContext, params: Params, signal: AbortSignal): Promise<Answer> {
  const { client, accountId } = ctx
  let account: KiboResult<PurchaseOrderSection['account'] & object> | null
  try {
    account = await customer.purchaseOrderAccount(client, accountId, { responseFields: params.responseFields }, signal)
  } catch (error) {
    // Kibo answers 404 for a customer with no purchase-order account: that is the answer, not a fault.
    if (!isNotFound(error)) throw error
    const failure = (error as AppFailure).error
    const data: PurchaseOrderSection = { account: null, transactions: null, problems: [] }
    return { data, correlationId: failure.correlationId ?? null, requestId: failure.requestId ?? null }
  }
  const problems: SectionProblem[] = []
  const { responseFields: _fields, ...paging } = params
  void _fields
  const transactions = await part(problems, 'purchase-order transactions', () =>
    customer.purchaseOrderTransactions(client, accountId, { ...paging, sortBy: paging.sortBy?.trim() || 'transactionDate desc' }, signal),
  )
  const data: PurchaseOrderSection = { account: account.data, transactions: transactions?.data ?? null, problems }
  return { data, correlationId: account.correlationId, requestId: account.requestId }
}

async function credits(ctx: SectionContext, key: string | null, params: Params, signal: AbortSignal): Promise<Answer> {
  const { client, accountId } = ctx
  const problems: SectionProblem[] = []
  let first: KiboResult<unknown>
  let page: CreditsSection['credits']
  if (key) {
    // One credit, asked for by its code: its transactions and audit entries page by the person's paging.
    const one = await customer.credit(client, key, accountId, { responseFields: params.responseFields }, signal)
    first = one
    page = { startIndex: 0, pageSize: 1, pageCount: 1, totalCount: 1, items: [one.data] }
  } else {
    const list = await customer.credits(client, accountId, params, signal)
    first = list
    page = list.data
  }
  const codes = (page.items ?? []).map((c) => c.code).filter((code): code is string => typeof code === 'string' && code.trim() !== '')
  const detailPaging = key ? { startIndex: params.startIndex, pageSize: params.pageSize } : { pageSize: 20 }
  const details: CreditsSection['details'] = {}
  await eachLimited(codes, async (code) => {
    const [transactions, auditEntries] = await Promise.all([
      part(problems, `transactions of credit ${code}`, () => customer.creditTransactions(client, code, detailPaging, signal)),
      part(problems, `audit entries of credit ${code}`, () => customer.creditAuditEntries(client, code, detailPaging, signal)),
    ])
    details[code] = { transactions: transactions?.data ?? null, auditEntries: auditEntries?.data ?? null }
  })
  const data: CreditsSection = { credits: page, details, problems }
  return { data, correlationId: first.correlationId, requestId: first.requestId }
}

function b2bAccountId(key: string | null, accountId: number): number {
  if (key === null) return accountId
  const id = Number(key)
  if (!/^[0-9]+$/.test(key) || !Number.isSafeInteger(id) || id <= 0)
    fail('invalid-input', `“${key.slice(0, 40)}” is not a B2B account id.`, { where: 'key', hint: 'Pick an account from the hierarchy.' })
  return id
}

async function b2b(ctx: SectionContext, key: string | null, params: Params, signal: AbortSignal): Promise<Answer> {
  const { client } = ctx
  const id = b2bAccountId(key, ctx.accountId)
  let account: KiboResult<NonNullable<B2BSection['account']>>
  try {
    account = await customer.b2bAccount(client, id, { responseFields: params.responseFields }, signal)
  } catch (error) {
    // Kibo knows no B2B account by this id: the customer is a plain shopper. Data, not an error.
    if (!isNotFound(error)) throw error
    const failure = (error as AppFailure).error
    const data: B2BSection = { account: null, hierarchy: null, users: null, attributes: null, problems: [] }
    return { data, correlationId: failure.correlationId ?? null, requestId: failure.requestId ?? null }
  }
  const problems: SectionProblem[] = []
  const { responseFields: _fields, ...paging } = params
  void _fields
  const [hierarchy, users, attributes] = await Promise.all([
    part(problems, 'hierarchy', () => customer.b2bHierarchy(client, id, signal)),
    part(problems, 'users', () => customer.b2bUsers(client, id, paging, signal)),
    part(problems, 'attributes', () => customer.b2bAttributes(client, id, {}, signal)),
  ])
  let usersPage: KiboPage<B2BUser & { roles?: UserRole[] | null }> | null = users?.data ?? null
  if (usersPage?.items) {
    const withRoles = await eachLimited(usersPage.items, async (user) => {
      if (typeof user.userId !== 'string' || user.userId === '') return user
      const roles = await part(problems, `roles of user ${user.userName ?? user.userId}`, () =>
        customer.b2bUserRoles(client, id, user.userId as string, signal),
      )
      return roles ? { ...user, roles: roles.data.items ?? [] } : user
    })
    usersPage = { ...usersPage, items: withRoles }
  }
  const data: B2BSection = {
    account: account.data,
    hierarchy: hierarchy?.data ?? null,
    users: usersPage,
    attributes: attributes?.data ?? null,
    problems,
  }
  return { data, correlationId: account.correlationId, requestId: account.requestId }
}

async function cart(ctx: SectionContext, params: Params, signal: AbortSignal): Promise<Answer> {
  const { client } = ctx
  const ticket = await ctx.shopperTicket(signal)
  const problems: SectionProblem[] = []
  const named = ticket.cartId
  const found = named
    ? await shopper.cartById(client, ticket.claims, named, { responseFields: params.responseFields }, signal)
    : await shopper.currentCart(client, ticket.claims, { responseFields: params.responseFields }, signal)
  const cartId = named ?? (typeof found.data.id === 'string' && found.data.id ? found.data.id : null)
  const [summary, messages] = await Promise.all([
    cartId ? part(problems, 'summary', () => shopper.cartSummary(client, ticket.claims, cartId, signal)) : Promise.resolve(null),
    part(problems, 'messages', () => shopper.currentCartMessages(client, ticket.claims, signal)),
  ])
  const data: CartSection = {
    cart: found.data,
    summary: summary?.data ?? null,
    messages: messages?.data ?? null,
    via: named ? 'cart id' : 'current',
    problems,
  }
  return { data, correlationId: found.correlationId, requestId: found.requestId }
}
