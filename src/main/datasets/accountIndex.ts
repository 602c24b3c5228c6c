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
  readonly search: string[]
  /** Every search text in one string, each followed by SEPARATOR: one native indexOf scans them all. */
  readonly searchAll: string
  /** Where each account's text starts in searchAll; one more entry for the end. */
  readonly searchStarts: Int32Array

  constructor(accounts: readonly CustomerAccount[]) {
    const n = accounts.length
    this.count = n
    this.ids = new Float64Array(n)
    this.names = new Array<string>(n)
    this.emails = new Array<string | null>(n)
    this.userNames = new Array<string | null>(n)
    this.orderCounts = new Float64Array(n)
    this.amounts = new Float64Array(n)
    this.active = new Int8Array(n)
    this.updated = new Array<string | null>(n)
    this.search = new Array<string>(n)
    for (let i = 0; i < n; i++) {
      const account = accounts[i]
      const summary = account.commerceSummary
      const name = accountName(account)
      this.ids[i] = num(account.id)
      this.names[i] = name
      this.emails[i] = text(account.emailAddress)
      this.userNames[i] = text(account.userName)
      this.orderCounts[i] = num(summary?.orderCount)
      this.amounts[i] = num(summary?.totalOrderAmount?.amount)
      this.active[i] = account.isActive === true ? 1 : account.isActive === false ? 0 : -1
      this.updated[i] = text(account.auditInfo?.updateDate)
      this.search[i] = searchText(account, name)
    }
    this.searchAll = this.search.join(SEPARATOR) + SEPARATOR
    this.searchStarts = new Int32Array(n + 1)
    for (let i = 0, at = 0; i < n; i++) {
      this.searchStarts[i] = at
      at += this.search[i].length + 1
    }
    this.searchStarts[n] = this.searchAll.length
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
