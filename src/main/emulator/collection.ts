// Kibo's collection endpoints beyond accounts (audit log, credits, visits, orders, B2B users…):
// startIndex / pageSize paging in Kibo's envelope, sortBy, and `filter` in the one Kibo grammar,
// with field names checked against the fields the items have, matched ignoring case.
import type { FieldSpec } from '../../shared/kiboFields'
import { compileAccountFilter } from '../../shared/accountFilter'
import { compareValues, valuesAt } from './kiboFilter'
import { KiboHttpError, invalidParameter } from './kiboError'

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 200

export interface Page<T> {
  startIndex: number
  pageSize: number
  pageCount: number
  totalCount: number
  items: T[]
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

function specOf(name: string, value: unknown): FieldSpec {
  if (Array.isArray(value)) {
    const objects = value.filter((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
    return objects.length > 0 ? { name, type: 'array', children: mergeSpecs(objects) } : { name, type: 'array' }
  }
  if (value !== null && typeof value === 'object') return { name, type: 'object', children: mergeSpecs([value]) }
  if (typeof value === 'number') return { name, type: Number.isInteger(value) ? 'integer' : 'number' }
  if (typeof value === 'boolean') return { name, type: 'boolean' }
  if (typeof value === 'string') return ISO_INSTANT.test(value) ? { name, type: 'string', format: 'date-time' } : { name, type: 'string' }
  return { name, type: 'any' }
}

/** One field tree covering every sample: a field is known when any sample has it. */
export function mergeSpecs(samples: readonly unknown[]): FieldSpec[] {
  let out: FieldSpec[] = []
  for (const sample of samples) {
    if (sample === null || typeof sample !== 'object') continue
    out = mergeLists(
      out,
      Object.entries(sample).map(([name, value]) => specOf(name, value)),
    )
  }
  return out
}

function mergeLists(a: FieldSpec[], b: FieldSpec[]): FieldSpec[] {
  const byName = new Map(a.map((s) => [s.name, s]))
  for (const next of b) {
    const known = byName.get(next.name)
    if (!known || known.type === 'any' || (!known.children && next.children)) byName.set(next.name, next)
    else if (known.children && next.children) byName.set(next.name, { ...known, children: mergeLists(known.children, next.children) })
  }
  return [...byName.values()]
}

export function intParam(query: Record<string, string>, name: string): number | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  if (!/^\d{1,9}$/.test(raw)) throw invalidParameter(name, 'must be a non-negative integer.')
  return Number(raw)
}

function resolve(fields: readonly FieldSpec[], dotted: string): string | undefined {
  const names: string[] = []
  let level: readonly FieldSpec[] | undefined = fields
  for (const part of dotted.split('.')) {
    const lower = part.toLowerCase()
    const spec: FieldSpec | undefined = level?.find((f) => f.name.toLowerCase() === lower)
    if (!spec) return undefined
    names.push(spec.name)
    level = spec.children
  }
  return names.join('.')
}

export interface CollectionOptions {
  /** What one item is, for messages: "an audit entry". */
  noun: string
  /** The fields items have (filter and sortBy are checked against them). */
  fields: readonly FieldSpec[]
  /** Applied when the request names no sortBy, as Kibo lists each collection in a fixed order. */
  defaultSort?: string
}

/** Filters, sorts and pages `items` the way Kibo answers a collection request. */
/** startIndex and pageSize as Kibo reads them: 0 or none is the default page size. */
export function pageWindow(query: Record<string, string>): { startIndex: number; pageSize: number } {
  const startIndex = intParam(query, 'startIndex') ?? 0
  let pageSize = intParam(query, 'pageSize') ?? 0
  if (pageSize === 0) pageSize = DEFAULT_PAGE_SIZE
  if (pageSize > MAX_PAGE_SIZE) throw invalidParameter('pageSize', `must be at most ${MAX_PAGE_SIZE}.`)
  return { startIndex, pageSize }
}

/** One page of what matched, in Kibo's envelope. */
export function pageFrom<T>(items: readonly T[], { startIndex, pageSize }: { startIndex: number; pageSize: number }): Page<T> {
  const totalCount = items.length
  return {
    startIndex,
    pageSize,
    pageCount: Math.ceil(totalCount / pageSize),
    totalCount,
    items: items.slice(startIndex, startIndex + pageSize),
  }
}

export function pageOf<T>(all: readonly T[], query: Record<string, string>, options: CollectionOptions): Page<T> {
  const window = pageWindow(query)
  let items = [...all]
  if (query.filter) {
    const compiled = compileAccountFilter(query.filter, { root: options.fields, dialect: 'kibo' })
    if (!compiled.ok) {
      const { message, position } = compiled.error
      throw new KiboHttpError(400, 'MISSING_OR_INVALID_PARAMETER', `Invalid filter at character ${position + 1}: ${message}`, {
        data: { parameter: 'filter', position: String(position + 1) },
      })
    }
    items = items.filter((item) => compiled.test(item as never))
  }
  const sortBy = query.sortBy || options.defaultSort
  if (sortBy)
    items = sortItems(
      items,
      parseSort(sortBy, (field) => resolve(options.fields, field), options.noun),
    )
  return pageFrom(items, window)
}

export interface SortKey {
  path: string
  descending: boolean
}

/** Kibo's sortBy: "field asc, other desc", each field resolved to its path or refused naming `noun`. */
export function parseSort(raw: string, resolveField: (field: string) => string | undefined, noun: string): SortKey[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [field, direction = 'asc', ...rest] = part.split(/\s+/)
      const dir = direction.toLowerCase()
      if (rest.length > 0 || (dir !== 'asc' && dir !== 'desc'))
        throw invalidParameter('sortBy', `"${part}" is not "field asc" or "field desc".`)
      const path = resolveField(field)
      if (!path) throw invalidParameter('sortBy', `"${field}" is not a field of ${noun}.`)
      return { path, descending: dir === 'desc' }
    })
}

/** Sorted by the keys in turn; ties keep their order (sorting indices makes that free). */
export function sortItems<T>(items: T[], keys: SortKey[]): T[] {
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

/**
 * The one account a filter is about, when it says so at the top level (`customerId eq 1001 and …`),
 * so a per-customer list is drawn from that account alone instead of the whole tenant. The full
 * filter still runs over what is drawn; this only narrows where to look.
 */
export function accountNamedBy(filter: string | undefined, field: string): number | undefined {
  if (!filter || /\bor\b/i.test(filter)) return undefined
  const m = new RegExp(`(?:^|[\\s(])${field}\\s+eq\\s+'?(\\d{1,10})'?(?=$|[\\s)])`, 'i').exec(filter)
  return m ? Number(m[1]) : undefined
}
