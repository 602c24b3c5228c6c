// Rows of an opened file, fetched a page at a time as the list scrolls. One cache per query
// (dataset + sort + search + filter): a new query starts a new cache, so rows of an old query
// can never land in the new list. Pure and not reactive; the view bumps a counter on change.
import type { AccountRow, CallInput, DatasetPage } from '../../../shared/contract'

export const PAGE_SIZE = 200

export type DatasetSort = NonNullable<CallInput<'datasets.query'>['sort']>
export type SortField = DatasetSort['field']

export interface DatasetQuery {
  datasetId: string
  sort: DatasetSort | null
  search: string
  filter: string
}

/** Equal keys mean the same rows in the same order. */
export function queryKey(q: DatasetQuery): string {
  return JSON.stringify([q.datasetId, q.sort?.field ?? null, q.sort?.direction ?? null, q.search.trim(), q.filter.trim()])
}

/** The input of `datasets.query` for one page of a query. */
export function pageRequest(q: DatasetQuery, page: number, pageSize = PAGE_SIZE): CallInput<'datasets.query'> {
  const search = q.search.trim()
  const filter = q.filter.trim()
  return {
    datasetId: q.datasetId,
    offset: page * pageSize,
    limit: pageSize,
    ...(q.sort ? { sort: q.sort } : {}),
    ...(search ? { search } : {}),
    ...(filter ? { filter } : {}),
  }
}

/** Header click: unsorted → ascending → descending → unsorted (file order). */
export function nextSort(current: DatasetSort | null, field: SortField): DatasetSort | null {
  if (!current || current.field !== field) return { field, direction: 'asc' }
  if (current.direction === 'asc') return { field, direction: 'desc' }
  return null
}

export class PageCache {
  readonly key: string
  readonly pageSize: number
  /** Pages kept at most; the least recently used go first. Bounds memory on huge files. */
  readonly maxPages: number
  /** Rows matching the query; null until the first page answers. */
  total: number | null = null
  #pages = new Map<number, AccountRow[]>()
  #pending = new Set<number>()

  constructor(key: string, pageSize = PAGE_SIZE, maxPages = 50) {
    this.key = key
    this.pageSize = pageSize
    this.maxPages = Math.max(2, maxPages)
  }

  /** The row at a position in the query's order, if its page is here. */
  row(position: number): AccountRow | undefined {
    const page = Math.floor(position / this.pageSize)
    const rows = this.#pages.get(page)
    if (!rows) return undefined
    // Touch it: Map keeps insertion order, so re-inserting marks it most recently used.
    this.#pages.delete(page)
    this.#pages.set(page, rows)
    return rows[position - page * this.pageSize]
  }

  has(page: number): boolean {
    return this.#pages.has(page)
  }

  isPending(page: number): boolean {
    return this.#pending.has(page)
  }

  /** Pages covering positions [first, first + count), plus `ahead` pages after, within the total. */
  pagesFor(first: number, count: number, ahead = 0): number[] {
    if (count <= 0 && this.total !== null) return []
    const from = Math.floor(Math.max(0, first) / this.pageSize)
    let to = Math.floor((Math.max(0, first) + Math.max(1, count) - 1) / this.pageSize) + ahead
    if (this.total !== null) to = Math.min(to, Math.max(0, Math.ceil(this.total / this.pageSize) - 1))
    const pages: number[] = []
    for (let p = from; p <= to; p++) pages.push(p)
    return pages
  }

  /** Of `pagesFor`, those neither cached nor being fetched. */
  missing(first: number, count: number, ahead = 0): number[] {
    return this.pagesFor(first, count, ahead).filter((p) => !this.#pages.has(p) && !this.#pending.has(p))
  }

  begin(page: number): void {
    this.#pending.add(page)
  }

  settle(page: number, result: DatasetPage): void {
    this.#pending.delete(page)
    this.total = result.total
    this.#pages.set(page, result.rows)
    while (this.#pages.size > this.maxPages) {
      const oldest = this.#pages.keys().next().value as number
      this.#pages.delete(oldest)
    }
  }

  /** A failed fetch: forget it was pending so a later scroll may try again. */
  fail(page: number): void {
    this.#pending.delete(page)
  }
}
