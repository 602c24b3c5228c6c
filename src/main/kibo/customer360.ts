// The customer side of the 360, from Kibo's Customer API document: audit log, login state, cards,
// transactions, purchase orders, store credits, visits and B2B accounts. Each is a GET with the
// application token, through the client's one request path (retries, checks, request log).
import { MAX_INT32 } from '../../shared/int32'
import type { CustomerAttribute } from '../../shared/kibo'
import type {
  B2BAccount,
  B2BAccountHierarchy,
  B2BUser,
  CardCollection,
  CreditAuditEntry,
  CreditTransaction,
  CustomerAuditEntry,
  CustomerCredit,
  CustomerPurchaseOrderAccount,
  KiboPage,
  LoginState,
  PurchaseOrderTransaction,
  Transaction,
  UserRoleCollection,
  Visit,
} from '../../shared/kibo360'
import { isKiboId, type Unexpected } from './answerChecks'
import { withoutCardNumbers } from './cardNumbers'
import type { KiboClient, KiboResult } from './client'
import { invalidInput } from './failures'

/** Paging, narrowing and sorting as Kibo's collection calls take them. */
export interface PageParams {
  startIndex?: number
  pageSize?: number
  sortBy?: string
  filter?: string
  responseFields?: string
}

type Query = Record<string, string | number | boolean | undefined>

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const isPage = <T>(json: unknown): json is KiboPage<T> =>
  isObject(json) && (json.items === undefined || json.items === null || Array.isArray(json.items))

/** Every item of a page is an object: anything else would break the views later, far from here. */
export function itemsAreObjects(what: string) {
  return (page: { items?: unknown }): Unexpected | null => {
    if (!Array.isArray(page.items)) return null
    const index = page.items.findIndex((item) => !isObject(item))
    return index < 0 ? null : { sentence: `Kibo answered with something that is not ${what} at items[${index}].`, where: `items[${index}]` }
  }
}

export function checkAccountId(accountId: number): void {
  if (!isKiboId(accountId))
    throw invalidInput('The account id must be a positive whole number.', 'Enter an account id such as 1001.', 'accountId')
}

export function cleanText(value: string | undefined, name: string, max: number): string | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed.length > max) throw invalidInput(`${name} is too long.`, `Keep ${name} under ${max} characters.`, name)
  return trimmed === '' ? undefined : trimmed
}

/** The query of a collection call, checked: Kibo pages from 0 and gives at most 200 a page. */
export function pageQuery(params: PageParams, extraFilter?: string): Query {
  const { startIndex, pageSize } = params
  if (startIndex !== undefined && !(Number.isInteger(startIndex) && startIndex >= 0 && startIndex <= MAX_INT32))
    throw invalidInput('startIndex must be a whole number, 0 or more.', 'Start from 0.', 'startIndex')
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 200))
    throw invalidInput('pageSize must be between 1 and 200.', 'Kibo returns at most 200 items a page.', 'pageSize')
  const filter = cleanText(params.filter, 'filter', 2000)
  return {
    startIndex,
    pageSize,
    sortBy: cleanText(params.sortBy, 'sortBy', 200),
    // The customer's own condition always holds; the person's narrows within it.
    filter: extraFilter && filter ? `${extraFilter} and (${filter})` : (extraFilter ?? filter),
    responseFields: cleanText(params.responseFields, 'responseFields', 4000),
  }
}

function fieldsOnly(responseFields: string | undefined): Query {
  return { responseFields: cleanText(responseFields, 'responseFields', 4000) }
}

const account = (accountId: number) => `/commerce/customer/accounts/${accountId}`
const b2b = (accountId: number) => `/commerce/customer/b2baccounts/${accountId}`

/** The account's audit log; a card number written in an old or new value is cut to its last four. */
export async function auditLog(
  client: KiboClient,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<CustomerAuditEntry>>> {
  checkAccountId(accountId)
  return masked(
    await client.read(
      {
        action: `Reading the audit log of account ${accountId}`,
        path: `${account(accountId)}/AuditLog/Entries`,
        query: pageQuery(params),
        check: isPage<CustomerAuditEntry>,
        what: 'a page of audit entries',
        holdsUp: itemsAreObjects('an audit entry'),
      },
      signal,
    ),
  )
}

export function loginState(
  client: KiboClient,
  accountId: number,
  params: { userId?: string; responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<LoginState>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the login state of account ${accountId}`,
      path: `${account(accountId)}/loginstate`,
      query: { userId: cleanText(params.userId, 'userId', 200), ...fieldsOnly(params.responseFields) },
      check: isObject as (json: unknown) => json is LoginState,
      what: 'a login state',
    },
    signal,
  )
}

/** The saved cards, with nothing of a number but Kibo's masked part. */
export async function cards(
  client: KiboClient,
  accountId: number,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<CardCollection>> {
  checkAccountId(accountId)
  const result = await client.read(
    {
      action: `Reading the payment cards of account ${accountId}`,
      path: `${account(accountId)}/cards`,
      query: fieldsOnly(params.responseFields),
      check: isPage<never> as (json: unknown) => json is CardCollection,
      what: 'a list of cards',
      holdsUp: itemsAreObjects('a card'),
    },
    signal,
  )
  return masked(result)
}

/** An answer with every card number in it cut to its last four (see cardNumbers.ts). */
export function masked<T>(result: KiboResult<T>): KiboResult<T> {
  return { ...result, data: withoutCardNumbers(result.data) }
}

export async function transactions(
  client: KiboClient,
  accountId: number,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<Transaction[]>> {
  checkAccountId(accountId)
  return masked(
    await client.read(
      {
        action: `Reading the transactions of account ${accountId}`,
        path: `${account(accountId)}/transactions`,
        query: fieldsOnly(params.responseFields),
        check: (json): json is Transaction[] => Array.isArray(json),
        what: 'a list of transactions',
        holdsUp: (list) => itemsAreObjects('a transaction')({ items: list }),
      },
      signal,
    ),
  )
}

export function purchaseOrderAccount(
  client: KiboClient,
  accountId: number,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<CustomerPurchaseOrderAccount>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the purchase-order account of account ${accountId}`,
      path: `${account(accountId)}/purchaseOrderAccount`,
      query: fieldsOnly(params.responseFields),
      check: isObject as (json: unknown) => json is CustomerPurchaseOrderAccount,
      what: 'a purchase-order account',
    },
    signal,
  )
}

export async function purchaseOrderTransactions(
  client: KiboClient,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<PurchaseOrderTransaction>>> {
  checkAccountId(accountId)
  return masked(
    await client.read(
      {
        action: `Reading the purchase-order transactions of account ${accountId}`,
        path: `${account(accountId)}/PurchaseOrderTransaction`,
        query: pageQuery(params),
        check: isPage<PurchaseOrderTransaction>,
        what: 'a page of purchase-order transactions',
        holdsUp: itemsAreObjects('a purchase-order transaction'),
      },
      signal,
    ),
  )
}

/** The customer's store credits and gift cards: Kibo's credits filtered on customerId. */
export function credits(
  client: KiboClient,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<CustomerCredit>>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the store credits of account ${accountId}`,
      path: '/commerce/customer/credits',
      query: pageQuery(params, `customerId eq ${accountId}`),
      check: isPage<CustomerCredit>,
      what: 'a page of credits',
      holdsUp: itemsAreObjects('a credit'),
    },
    signal,
  )
}

/** One credit by its code; it must be this customer's. */
export function credit(
  client: KiboClient,
  code: string,
  accountId: number,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<CustomerCredit>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading credit ${code.trim()}`,
      path: `/commerce/customer/credits/${creditCode(code)}`,
      query: fieldsOnly(params.responseFields),
      check: isObject as (json: unknown) => json is CustomerCredit,
      what: 'a credit',
      holdsUp: (found) =>
        typeof found.customerId === 'number' && found.customerId !== accountId
          ? { sentence: `Kibo answered with a credit of account ${found.customerId}, not of account ${accountId}.`, where: 'customerId' }
          : null,
    },
    signal,
  )
}

function creditCode(code: string): string {
  const trimmed = code.trim()
  if (!trimmed || trimmed.length > 200) throw invalidInput('A credit code is needed.', 'Pick a credit from the list.', 'key')
  return encodeURIComponent(trimmed)
}

export function creditTransactions(
  client: KiboClient,
  code: string,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<CreditTransaction>>> {
  return client.read(
    {
      action: `Reading the transactions of credit ${code.trim()}`,
      path: `/commerce/customer/credits/${creditCode(code)}/transactions`,
      query: pageQuery(params),
      check: isPage<CreditTransaction>,
      what: 'a page of credit transactions',
      holdsUp: itemsAreObjects('a credit transaction'),
    },
    signal,
  )
}

export function creditAuditEntries(
  client: KiboClient,
  code: string,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<CreditAuditEntry>>> {
  return client.read(
    {
      action: `Reading the audit entries of credit ${code.trim()}`,
      path: `/commerce/customer/credits/${creditCode(code)}/auditentries`,
      query: pageQuery(params),
      check: isPage<CreditAuditEntry>,
      what: 'a page of credit audit entries',
      holdsUp: itemsAreObjects('a credit audit entry'),
    },
    signal,
  )
}

/** The customer's visits: Kibo's visits filtered on accountId. */
export function visits(
  client: KiboClient,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<Visit>>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the visits of account ${accountId}`,
      path: '/commerce/customer/visits',
      query: pageQuery(params, `accountId eq ${accountId}`),
      check: isPage<Visit>,
      what: 'a page of visits',
      holdsUp: itemsAreObjects('a visit'),
    },
    signal,
  )
}

export function b2bAccount(
  client: KiboClient,
  accountId: number,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<B2BAccount>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading B2B account ${accountId}`,
      path: b2b(accountId),
      query: fieldsOnly(params.responseFields),
      check: isObject as (json: unknown) => json is B2BAccount,
      what: 'a B2B account',
      holdsUp: (found) =>
        found.id !== undefined && found.id !== accountId
          ? { sentence: `Kibo answered with B2B account ${String(found.id)}; expected ${accountId}, the account asked for.`, where: 'id' }
          : null,
    },
    signal,
  )
}

export function b2bHierarchy(client: KiboClient, accountId: number, signal?: AbortSignal): Promise<KiboResult<B2BAccountHierarchy>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the hierarchy of B2B account ${accountId}`,
      path: `${b2b(accountId)}/hierarchy`,
      check: isObject as (json: unknown) => json is B2BAccountHierarchy,
      what: 'an account hierarchy',
      holdsUp: (found) =>
        found.accounts !== undefined && found.accounts !== null && !Array.isArray(found.accounts)
          ? { sentence: 'Kibo answered with accounts that are not a list.', where: 'accounts' }
          : null,
    },
    signal,
  )
}

export function b2bUsers(
  client: KiboClient,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<B2BUser>>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the users of B2B account ${accountId}`,
      path: `${b2b(accountId)}/users`,
      query: pageQuery(params),
      check: isPage<B2BUser>,
      what: 'a page of B2B users',
      holdsUp: itemsAreObjects('a B2B user'),
    },
    signal,
  )
}

export function b2bUserRoles(
  client: KiboClient,
  accountId: number,
  userId: string,
  signal?: AbortSignal,
): Promise<KiboResult<UserRoleCollection>> {
  checkAccountId(accountId)
  const id = userId.trim()
  if (!id || id.length > 200) throw invalidInput('A user id is needed.', 'Pick a user from the list.', 'userId')
  return client.read(
    {
      action: `Reading the roles of user ${id} in B2B account ${accountId}`,
      path: `${b2b(accountId)}/user/${encodeURIComponent(id)}/roles`,
      check: isPage<never> as (json: unknown) => json is UserRoleCollection,
      what: 'a list of roles',
      holdsUp: itemsAreObjects('a role'),
    },
    signal,
  )
}

export function b2bAttributes(
  client: KiboClient,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<CustomerAttribute>>> {
  checkAccountId(accountId)
  return client.read(
    {
      action: `Reading the attributes of B2B account ${accountId}`,
      path: `${b2b(accountId)}/attributes`,
      query: pageQuery(params),
      check: isPage<CustomerAttribute>,
      what: 'a page of attributes',
      holdsUp: itemsAreObjects('an attribute'),
    },
    signal,
  )
}
