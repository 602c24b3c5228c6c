// An opened file in memory (inside the dataset worker): its accounts and the queries over them.
// Paging through a sorted, filtered list re-runs nothing: the last match set, every sort order
// computed so far and the last sorted result are kept. Filters on nested fields run over slim
// copies of the fields they read (filterView.ts); searches scan one joined text (accountIndex.ts).
import { AppFailure } from '../../shared/errors'
import type { DatasetPage, datasetSortSchema } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'
import { compileAccountFilter } from '../../shared/accountFilter'
import type { z } from 'zod'
import { AccountIndex, foldForSearch } from './accountIndex'
import type { AccountSource } from './fileAccounts'
import type { ScanWatch } from './fileSlices'
import { FilterViews } from './filterView'

export type DatasetSort = z.infer<typeof datasetSortSchema>
export type DatasetSortField = DatasetSort['field']

export interface DatasetQuery {
  offset: number
  limit: number
  sort?: DatasetSort
  search?: string
  filter?: string
}

// Sorting by name ignores case and accents, so "Émile" sits with "Emile", not after "Zoe".
function sortKey(value: string | null): string | null {
  return value === null || value === '' ? null : foldForSearch(value)
}

export class Dataset {
  readonly accounts: AccountSource
  readonly index: AccountIndex
  #orders = new Map<string, Uint32Array>()
  #textKeys = new Map<DatasetSortField, (string | null)[]>()
  #filter: { text: string; test: (account: unknown) => boolean; paths: string[][] } | null = null
  readonly #views: FilterViews
  #matches: { key: string; indices: Uint32Array | null } | null = null
  #result: { key: string; indices: Uint32Array | null } | null = null

  /** `index` and `views`: the columns of `accounts` and copies of their fields for filters, when made as the file was read. */
  constructor(accounts: AccountSource, index?: AccountIndex, views?: FilterViews | null) {
    this.accounts = accounts
    this.#views = views ?? new FilterViews()
    this.index = index ?? new AccountIndex(Array.isArray(accounts) ? accounts : collect(accounts))
  }

  get count(): number {
    return this.accounts.length
  }

  account(index: number): CustomerAccount {
    const account = this.accounts.at(index)
    if (!Number.isInteger(index) || index < 0 || account === undefined)
      throw new AppFailure({
        kind: 'not-found',
        message: `There is no account #${index + 1} in this file; it holds ${this.accounts.length}.`,
      })
    return account
  }

  /** One page of a query. `watch` follows a walk through the file, when a filter needs one (fileAccounts.ts). */
  query(query: DatasetQuery, watch?: ScanWatch): DatasetPage {
    const matchKey = `${query.search?.trim().toLowerCase() ?? ''}\u0000${query.filter?.trim() ?? ''}`
    const sort = query.sort && !(query.sort.field === 'index' && query.sort.direction === 'asc') ? query.sort : undefined
    const resultKey = `${matchKey}\u0000${sort ? `${sort.field}:${sort.direction}` : ''}`
    let result = this.#result
    if (result?.key !== resultKey) {
      const matches = this.#match(matchKey, query.search ?? '', query.filter ?? '', watch)
      result = { key: resultKey, indices: this.#sorted(matches, sort) }
      this.#result = result
    }
    const indices = result.indices
    const total = indices ? indices.length : this.count
    const offset = Math.max(0, Math.floor(query.offset))
    const end = Math.min(total, offset + Math.max(0, Math.floor(query.limit)))
    const rows = []
    for (let k = offset; k < end; k++) rows.push(this.index.row(indices ? indices[k] : k))
    return { total, rows }
  }

  // Indices (ascending) of the accounts the search and filter keep; null means all.
  #match(key: string, search: string, filter: string, watch?: ScanWatch): Uint32Array | null {
    if (this.#matches?.key === key) return this.#matches.indices
    const terms = foldForSearch(search)
      .split(/[\s\u0000-\u001f]+/)
      .filter((term) => term !== '')
      .sort((a, b) => b.length - a.length) // the longest term is usually the rarest: scan for it
    const compiled = filter.trim() === '' ? null : this.#compile(filter.trim())
    let indices: Uint32Array | null = null
    if (terms.length > 0) indices = this.#search(terms, compiled?.test ?? null, compiled?.paths ?? [], watch)
    else if (compiled) {
      const subjects = this.#views.get(this.accounts, compiled.paths, watch)
      const out = new Uint32Array(this.count)
      let n = 0
      for (let i = 0; i < out.length; i++) if (compiled.test(subjects(i))) out[n++] = i
      indices = out.slice(0, n)
    }
    this.#matches = { key, indices }
    return indices
  }

  // Finds the first term with native indexOf over all texts at once, jumping to the next account
  // after each hit; checks the other terms and the filter only on those candidates.
  #search(terms: string[], test: ((account: unknown) => boolean) | null, paths: string[][], watch?: ScanWatch): Uint32Array {
    const { searchAll, searchStarts } = this.index
    const subjects = test ? this.#views.get(this.accounts, paths, watch) : null
    const out: number[] = []
    let at = searchAll.indexOf(terms[0])
    while (at !== -1) {
      const i = this.index.accountAt(at)
      let keep = true
      for (let t = 1; t < terms.length && keep; t++) keep = this.index.search(i).includes(terms[t])
      if (keep && test) keep = test(subjects!(i))
      if (keep) out.push(i)
      at = searchAll.indexOf(terms[0], searchStarts[i + 1])
    }
    return Uint32Array.from(out)
  }

  #compile(text: string): { test: (account: unknown) => boolean; paths: string[][] } {
    if (this.#filter?.text === text) return this.#filter
    const compiled = compileAccountFilter(text)
    if (!compiled.ok) {
      const { message, position, length } = compiled.error
      throw new AppFailure({
        kind: 'invalid-input',
        message: `The filter is not valid: ${message}`,
        where: `filter, characters ${position + 1}–${position + Math.max(1, length)}`,
      })
    }
    this.#filter = { text, test: compiled.test, paths: compiled.paths }
    return this.#filter
  }

  #sorted(matches: Uint32Array | null, sort: DatasetSort | undefined): Uint32Array | null {
    if (!sort) return matches
    const order = this.#order(sort)
    if (!matches) return order
    const keep = new Uint8Array(this.count)
    for (let k = 0; k < matches.length; k++) keep[matches[k]] = 1
    const out = new Uint32Array(matches.length)
    let n = 0
    for (let k = 0; k < order.length; k++) if (keep[order[k]] === 1) out[n++] = order[k]
    return out
  }

  // Every account in sort order; missing values last in both directions, ties by file order.
  #order(sort: DatasetSort): Uint32Array {
    const key = `${sort.field}:${sort.direction}`
    const cached = this.#orders.get(key)
    if (cached) return cached
    const dir = sort.direction === 'asc' ? 1 : -1
    const order = new Uint32Array(this.count)
    for (let i = 0; i < order.length; i++) order[i] = i
    const numbers = this.#numbers(sort.field)
    if (numbers) {
      order.sort((a, b) => {
        const x = numbers[a]
        const y = numbers[b]
        if (x === y || (Number.isNaN(x) && Number.isNaN(y))) return a - b
        if (Number.isNaN(x)) return 1
        if (Number.isNaN(y)) return -1
        return x < y ? -dir : dir
      })
    } else {
      const keys = this.#texts(sort.field)
      order.sort((a, b) => {
        const x = keys[a]
        const y = keys[b]
        if (x === y) return a - b
        if (x === null) return 1
        if (y === null) return -1
        return x < y ? -dir : dir
      })
    }
    this.#orders.set(key, order)
    return order
  }

  #numbers(field: DatasetSortField): Float64Array | Int8Array | null {
    const index = this.index
    switch (field) {
      case 'index': {
        const positions = new Float64Array(this.count)
        for (let i = 0; i < positions.length; i++) positions[i] = i
        return positions
      }
      case 'id':
        return index.ids
      case 'orderCount':
        return index.orderCounts
      case 'totalOrderAmount':
        return index.amounts
      case 'isActive': {
        const flags = new Float64Array(this.count)
        for (let i = 0; i < flags.length; i++) flags[i] = index.active[i] === -1 ? NaN : index.active[i]
        return flags
      }
      default:
        return null
    }
  }

  #texts(field: DatasetSortField): (string | null)[] {
    let keys = this.#textKeys.get(field)
    if (!keys) {
      const source =
        field === 'name'
          ? this.index.names
          : field === 'emailAddress'
            ? this.index.emails
            : field === 'userName'
              ? this.index.userNames
              : this.index.updated
      keys = field === 'updateDate' ? source.map((value) => value || null) : source.map(sortKey)
      this.#textKeys.set(field, keys)
    }
    return keys
  }
}

function collect(source: AccountSource): CustomerAccount[] {
  const out: CustomerAccount[] = []
  source.forEach((account) => out.push(account))
  return out
}
