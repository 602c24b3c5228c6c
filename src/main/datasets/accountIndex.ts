// The list columns of every account, stored by column (typed arrays for numbers) so 100k rows
// cost a few MB, plus one lowercase search text per account built once at open.
import { accountName } from '../../shared/accountName'
import type { AccountRow } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : NaN
}

/** What a search can find an account by: ids, names, emails, company, contacts' details. */
export function searchText(account: CustomerAccount, name: string): string {
  const parts: unknown[] = [
    account.id,
    name,
    account.emailAddress,
    account.userName,
    account.companyOrOrganization,
    account.externalId,
    account.taxId,
  ]
  if (Array.isArray(account.contacts)) {
    for (const contact of account.contacts) {
      if (!contact || typeof contact !== 'object') continue
      const phones = contact.phoneNumbers
      const address = contact.address
      parts.push(contact.email, contact.firstName, contact.lastNameOrSurname, contact.companyOrOrganization)
      if (phones && typeof phones === 'object') parts.push(phones.home, phones.mobile, phones.work)
      if (address && typeof address === 'object') parts.push(address.cityOrTown, address.postalOrZipCode)
    }
  }
  let out = ''
  for (const part of parts) {
    if (typeof part === 'string' ? part !== '' : typeof part === 'number') out += (out ? '\n' : '') + String(part)
  }
  return foldForSearch(out)
}

/** Ends each account's text in searchAll; never in a search term (terms are split on white space and control characters). */
export const SEPARATOR = '\u0001'

const nonAscii = /[^\x00-\x7f]/
const marks = /[\u0300-\u036f]/g

/** Lowercase without accents, so "emile" finds "Émile". ASCII text (most of it) skips the normalising. */
export function foldForSearch(text: string): string {
  const lower = text.toLowerCase()
  return nonAscii.test(lower) ? lower.normalize('NFD').replace(marks, '') : lower
}

/**
 * Collects the columns one account at a time, as the file is read, so a file whose accounts are
 * not kept (fileAccounts.ts) still gets them. Numbers go to plain arrays while the count is open.
 */
export class AccountIndexBuilder {
  readonly ids: number[] = []
  readonly names: string[] = []
  readonly emails: (string | null)[] = []
  readonly userNames: (string | null)[] = []
  readonly orderCounts: number[] = []
  readonly amounts: number[] = []
  readonly active: number[] = []
  readonly updated: (string | null)[] = []
  /** Search texts joined in batches: one huge concatenation chain would cost more to flatten. */
  readonly #parts: string[] = []
  #batch: string[] = []
  readonly starts: number[] = []
  #at = 0

  get count(): number {
    return this.ids.length
  }

  add(account: CustomerAccount): void {
    const summary = account.commerceSummary
    const name = accountName(account)
    this.ids.push(num(account.id))
    this.names.push(name)
    this.emails.push(text(account.emailAddress))
    this.userNames.push(text(account.userName))
    this.orderCounts.push(num(summary?.orderCount))
    this.amounts.push(num(summary?.totalOrderAmount?.amount))
    this.active.push(account.isActive === true ? 1 : account.isActive === false ? 0 : -1)
    this.updated.push(text(account.auditInfo?.updateDate))
    const search = searchText(account, name)
    this.starts.push(this.#at)
    this.#at += search.length + 1
    this.#batch.push(search)
    if (this.#batch.length === 4096) this.#flush()
  }

  /** The search texts so far, each followed by SEPARATOR. */
  joined(): string {
    this.#flush()
    return this.#parts.join('')
  }

  #flush(): void {
    if (this.#batch.length === 0) return
    this.#parts.push(this.#batch.join(SEPARATOR) + SEPARATOR)
    this.#batch = []
  }
}

export type IndexColumns = Pick<
  AccountIndex,
  'count' | 'ids' | 'names' | 'emails' | 'userNames' | 'orderCounts' | 'amounts' | 'active' | 'updated' | 'searchAll' | 'searchStarts'
>

export class AccountIndex {
  readonly count: number
  readonly ids: Float64Array
  readonly names: string[]
  readonly emails: (string | null)[]
  readonly userNames: (string | null)[]
  readonly orderCounts: Float64Array
  readonly amounts: Float64Array
  /** 1 active, 0 inactive, -1 unknown. */
  readonly active: Int8Array
  readonly updated: (string | null)[]
  /** Every search text in one string, each followed by SEPARATOR: one native indexOf scans them all. */
  readonly searchAll: string
  /** Where each account's text starts in searchAll; one more entry for the end. */
  readonly searchStarts: Int32Array

  /** The columns of `accounts`, of every account a builder was given, or as saved (indexFile.ts). */
  constructor(source: readonly CustomerAccount[] | AccountIndexBuilder | IndexColumns) {
    if (!Array.isArray(source) && !(source instanceof AccountIndexBuilder)) {
      const saved = source as IndexColumns
      this.count = saved.count
      this.ids = saved.ids
      this.names = saved.names
      this.emails = saved.emails
      this.userNames = saved.userNames
      this.orderCounts = saved.orderCounts
      this.amounts = saved.amounts
      this.active = saved.active
      this.updated = saved.updated
      this.searchAll = saved.searchAll
      this.searchStarts = saved.searchStarts
      return
    }
    let built: AccountIndexBuilder
    if (source instanceof AccountIndexBuilder) built = source
    else {
      built = new AccountIndexBuilder()
      for (const account of source) built.add(account)
    }
    const n = built.count
    this.count = n
    this.ids = Float64Array.from(built.ids)
    this.names = built.names
    this.emails = built.emails
    this.userNames = built.userNames
    this.orderCounts = Float64Array.from(built.orderCounts)
    this.amounts = Float64Array.from(built.amounts)
    this.active = Int8Array.from(built.active)
    this.updated = built.updated
    this.searchAll = built.joined()
    this.searchStarts = new Int32Array(n + 1)
    this.searchStarts.set(built.starts)
    this.searchStarts[n] = this.searchAll.length
  }

  /** Every column, to save and restore (indexFile.ts). */
  saved(): IndexColumns {
    const { count, ids, names, emails, userNames, orderCounts, amounts, active, updated, searchAll, searchStarts } = this
    return { count, ids, names, emails, userNames, orderCounts, amounts, active, updated, searchAll, searchStarts }
  }

  /** The search text of account `index` (without its SEPARATOR). */
  search(index: number): string {
    return this.searchAll.slice(this.searchStarts[index], this.searchStarts[index + 1] - 1)
  }

  /** The account whose search text holds position `at` of searchAll. */
  accountAt(at: number): number {
    const starts = this.searchStarts
    let low = 0
    let high = starts.length - 2
    while (low < high) {
      const mid = (low + high + 1) >>> 1
      if (starts[mid] <= at) low = mid
      else high = mid - 1
    }
    return low
  }

  row(index: number): AccountRow {
    const nullable = (value: number) => (Number.isNaN(value) ? null : value)
    const active = this.active[index]
    return {
      index,
      id: nullable(this.ids[index]),
      name: this.names[index],
      emailAddress: this.emails[index],
      userName: this.userNames[index],
      orderCount: nullable(this.orderCounts[index]),
      totalOrderAmount: nullable(this.amounts[index]),
      isActive: active === -1 ? null : active === 1,
      updateDate: this.updated[index],
    }
  }
}
