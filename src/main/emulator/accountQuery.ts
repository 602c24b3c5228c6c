// GET /commerce/customer/accounts: paging, sortBy, q and filter over the generated accounts.
import type { CustomerAccount, CustomerAccountCollection } from '../../shared/kibo'
import { KiboFilterError, compareValues, compileKiboFilter, valuesAt } from './kiboFilter'
import { KiboHttpError, invalidParameter } from './kiboError'

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 200

/** Field paths that exist on accounts, matched case-insensitively like Kibo does. */
export class FieldPaths {
  private readonly canonical = new Map<string, string>()

  constructor(accounts: CustomerAccount[]) {
    for (const a of accounts.slice(0, 300)) this.collect(a, '')
  }

  private collect(value: unknown, prefix: string): void {
    if (Array.isArray(value)) {
      for (const v of value.slice(0, 5)) this.collect(v, prefix)
      return
    }
    if (value === null || typeof value !== 'object') return
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k
      this.canonical.set(path.toLowerCase(), path)
      this.collect(v, path)
    }
  }

  resolve = (path: string): string | undefined => this.canonical.get(path.toLowerCase())
}

function intParam(query: Record<string, string>, name: string): number | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  if (!/^\d{1,9}$/.test(raw)) throw invalidParameter(name, 'must be a non-negative integer.')
  return Number(raw)
}

interface SortKey {
  path: string
  descending: boolean
}

function parseSortBy(raw: string, fields: FieldPaths): SortKey[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field, direction = 'asc', ...rest] = part.split(/\s+/)
      const dir = direction.toLowerCase()
      if (rest.length > 0 || (dir !== 'asc' && dir !== 'desc'))
        throw invalidParameter('sortBy', `"${part}" is not "field asc" or "field desc".`)
      const path = fields.resolve(field)
      if (!path) throw invalidParameter('sortBy', `"${field}" is not a field of a customer account.`)
      return { path, descending: dir === 'desc' }
    })
}

function sortAccounts(items: CustomerAccount[], keys: SortKey[]): CustomerAccount[] {
  if (keys.length === 0) return items
  // Sort indices, so a stable tie-break by original order (id) is free.
  const order = items.map((_, i) => i)
  const columns = keys.map((k) => items.map((item) => valuesAt(item, k.path)[0]))
  order.sort((x, y) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareValues(columns[k][x], columns[k][y])
      if (c !== 0) return keys[k].descending ? -c : c
    }
    return x - y
  })
  return order.map((i) => items[i])
}

function quickSearch(q: string): (a: CustomerAccount) => boolean {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean)
  return (a) => {
    const hay = [a.firstName, a.lastName, a.emailAddress, a.userName, String(a.id), a.externalId]
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.toLowerCase())
    return terms.every((t) => hay.some((h) => h.includes(t)))
  }
}

export function queryAccounts(accounts: CustomerAccount[], fields: FieldPaths, query: Record<string, string>): CustomerAccountCollection {
  const startIndex = intParam(query, 'startIndex') ?? 0
  let pageSize = intParam(query, 'pageSize') ?? 0
  if (pageSize === 0) pageSize = DEFAULT_PAGE_SIZE
  if (pageSize > MAX_PAGE_SIZE) throw invalidParameter('pageSize', `must be at most ${MAX_PAGE_SIZE}.`)

  let items = accounts
  if (query.isAnonymous !== undefined) {
    if (query.isAnonymous !== 'true' && query.isAnonymous !== 'false') throw invalidParameter('isAnonymous', 'must be true or false.')
    const wanted = query.isAnonymous === 'true'
    items = items.filter((a) => (a.isAnonymous ?? false) === wanted)
  }
  if (query.q) items = items.filter(quickSearch(query.q))
  if (query.filter) {
    let predicate: (item: unknown) => boolean
    try {
      predicate = compileKiboFilter(query.filter)
    } catch (e) {
      if (!(e instanceof KiboFilterError)) throw e
      throw new KiboHttpError(400, 'MISSING_OR_INVALID_PARAMETER', e.message, {
        data: { parameter: 'filter', position: String(e.position + 1) },
      })
    }
    items = items.filter(predicate)
  }
  if (query.sortBy) items = sortAccounts(items, parseSortBy(query.sortBy, fields))

  const totalCount = items.length
  return {
    startIndex,
    pageSize,
    pageCount: Math.ceil(totalCount / pageSize),
    totalCount,
    items: items.slice(startIndex, startIndex + pageSize),
  }
}
