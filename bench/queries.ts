// A fixed set of realistic list queries over the emulator's generated accounts: what a person
// types in the search box, and filters in the account filter language. Some also sort.
import type { DatasetQuery } from '../src/main/datasets'

export interface BenchQuery {
  kind: 'search' | 'filter'
  label: string
  query: DatasetQuery
}

const page = { offset: 0, limit: 100 }

const searches: Array<[string, Partial<DatasetQuery>?]> = [
  ['smith'],
  ['mary'],
  ['jürgen'],
  ['example.org'],
  ['berlin'],
  ['aisha patel'],
  ['erp-12'],
  ['1004'],
  ["o'brien", { sort: { field: 'name', direction: 'asc' } }],
  ['nakamura', { sort: { field: 'totalOrderAmount', direction: 'desc' } }],
]

const filters: Array<[string, Partial<DatasetQuery>?]> = [
  ['commerceSummary.orderCount > 5 and segments.code = "VIP"'],
  ['isActive = false'],
  ['accountType = "B2B" and taxExempt = true'],
  ['commerceSummary.totalOrderAmount.amount >= 1000', { sort: { field: 'totalOrderAmount', direction: 'desc' } }],
  ['contacts.address.countryCode = "DE"'],
  ['lastName startswith "Sm"', { sort: { field: 'name', direction: 'asc' } }],
  ['segments.code in ("LAPSED", "NEWSLETTER")'],
  ['emailAddress endswith "example.org" and acceptsMarketing = true'],
  ['notes.content contains "delivery"'],
  ['customerSinceDate >= "2024-01-01" and not isLocked', { search: 'example.org', sort: { field: 'updateDate', direction: 'desc' } }],
]

export const benchQueries: BenchQuery[] = [
  ...searches.map(([search, extra]): BenchQuery => ({ kind: 'search', label: `search "${search}"`, query: { ...page, search, ...extra } })),
  ...filters.map(([filter, extra]): BenchQuery => ({ kind: 'filter', label: `filter ${filter}`, query: { ...page, filter, ...extra } })),
]
