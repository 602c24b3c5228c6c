// The accounts of a file too large to hold as objects: only where each lies in the file is kept
// (two numbers an account), and an account is read back from disk and parsed when asked for. The
// list, search and sort columns are built while the file is read (accountIndex.ts), so what stays
// in memory grows with the number of accounts, not the bytes, and a file of any size the disk holds
// opens. A filter on fields outside the columns walks the file once per new set of fields
// (filterView.ts keeps the slim copies it makes).
import type { Stats } from 'node:fs'
import { isBundle } from '../../shared/customer360'
import type { CustomerAccount } from '../../shared/kibo'
import { withoutSecrets } from '../exports/secrets'
import { isTicket } from './accountShape'
import { changedOnDisk, FileSlices, type ScanWatch } from './fileSlices'

/** What a dataset queries over: an array of accounts, or accounts read back from their file. */
export interface AccountSource {
  readonly length: number
  /** The account at `index` (0 ≤ index < length). */
  at(index: number): CustomerAccount | undefined
  /** Every account in order; a file's accounts tell `watch` how far the walk is and stop when it asks. */
  forEach(visit: (account: CustomerAccount, index: number) => void, watch?: ScanWatch): void
}

/** The account a record of the file stands for, as parseFile.ts kept it: a ticket's or a bundle's account, tokens dropped. */
export function accountOfRecord(value: unknown): CustomerAccount {
  const account = isTicket(value) ? value.customerAccount : isBundle(value) ? value.account : value
  return withoutSecrets(account) as CustomerAccount
}

export interface SavedAccounts {
  starts: Float64Array<ArrayBuffer>
  lengths: Float64Array<ArrayBuffer>
  held: [number, CustomerAccount][]
}

function grow(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= array.length) return array
  const grown = new Float64Array(Math.max(size, array.length * 2))
  grown.set(array)
  return grown
}

export class FileAccounts implements AccountSource {
  #length = 0
  #starts = new Float64Array(1024)
  #lengths = new Float64Array(1024)
  /** Accounts with no place of their own in the file (the first JSON line is read as the top-level object): kept whole. */
  readonly #held = new Map<number, CustomerAccount>()
  readonly #file: FileSlices
  /** The last account read: a view asks for the same account several times. */
  #last: { index: number; account: CustomerAccount } | null = null

  /** `window`: bytes read in one go when walking every account (tests make it small). */
  constructor(window?: number) {
    this.#file = new FileSlices(window)
  }

  get length(): number {
    return this.#length
  }

  /** The next account lies at `start` for `length` bytes. */
  locate(start: number, length: number): void {
    const at = this.#length++
    this.#starts = grow(this.#starts, this.#length)
    this.#lengths = grow(this.#lengths, this.#length)
    this.#starts[at] = start
    this.#lengths[at] = length
  }

  /** The next account has no place of its own in the file: keep it as it is. */
  hold(account: CustomerAccount): void {
    this.#held.set(this.#length, account)
    this.locate(0, 0)
  }

  /** What to keep to restore this list (indexFile.ts): where each account lies, and those held whole. */
  saved(): SavedAccounts {
    return { starts: this.#starts.slice(0, this.#length), lengths: this.#lengths.slice(0, this.#length), held: [...this.#held] }
  }

  static restore(saved: SavedAccounts): FileAccounts {
    const accounts = new FileAccounts()
    accounts.#starts = saved.starts
    accounts.#lengths = saved.lengths
    accounts.#length = saved.starts.length
    for (const [index, account] of saved.held) accounts.#held.set(index, account)
    return accounts
  }

  /** The file as it was read, once attached. */
  get file(): { path: string; size: number; mtimeMs: number; ino: number } | null {
    return this.#file.file
  }

  /** The file as it was read (`stat` taken after reading it). */
  attach(path: string, stat: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): void {
    this.#file.attach(path, stat)
  }

  at(index: number): CustomerAccount | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.#length) return undefined
    const held = this.#held.get(index)
    if (held) return held
    if (this.#last?.index === index) return this.#last.account
    const bytes = this.#file.read(this.#starts[index], this.#lengths[index])
    const account = parseRecord(bytes, 0, bytes.length)
    this.#last = { index, account }
    return account
  }

  forEach(visit: (account: CustomerAccount, index: number) => void, watch?: ScanWatch): void {
    this.#file.each(
      this.#length,
      (k) => this.#starts[k],
      (k) => this.#lengths[k],
      (bytes, from, to, k) => visit(this.#held.get(k) ?? parseRecord(bytes, from, to), k),
      watch,
    )
  }
}

function parseRecord(bytes: Buffer, from: number, to: number): CustomerAccount {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8', from, to))
  } catch {
    throw changedOnDisk()
  }
  if (value === null || typeof value !== 'object') throw changedOnDisk()
  return accountOfRecord(value)
}
