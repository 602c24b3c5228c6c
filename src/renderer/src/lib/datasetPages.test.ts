import { describe, expect, it } from 'vitest'
import type { AccountRow } from '../../../shared/contract'
import { nextSort, PageCache, pageRequest, queryKey, type DatasetQuery } from './datasetPages'

const row = (index: number): AccountRow => ({
  index,
  id: index + 1000,
  name: `Person ${index}`,
  emailAddress: null,
  userName: null,
  orderCount: null,
  totalOrderAmount: null,
  isActive: null,
  updateDate: null,
})
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => row(from + i))
const base: DatasetQuery = { datasetId: 'd1', sort: null, search: '', filter: '' }

describe('queryKey and pageRequest', () => {
  it('ignores surrounding blanks but not sort, search or filter', () => {
    expect(queryKey({ ...base, search: ' ada ' })).toBe(queryKey({ ...base, search: 'ada' }))
    expect(queryKey({ ...base, search: 'ada' })).not.toBe(queryKey(base))
    expect(queryKey({ ...base, sort: { field: 'id', direction: 'asc' } })).not.toBe(
      queryKey({ ...base, sort: { field: 'id', direction: 'desc' } }),
    )
    expect(queryKey({ ...base, filter: 'isActive = true' })).not.toBe(queryKey(base))
  })

  it('sends offset and limit per page and leaves out empty options', () => {
    expect(pageRequest(base, 0)).toEqual({ datasetId: 'd1', offset: 0, limit: 200 })
    expect(pageRequest({ ...base, search: ' x ', filter: 'id = 3', sort: { field: 'name', direction: 'desc' } }, 2, 50)).toEqual({
      datasetId: 'd1',
      offset: 100,
      limit: 50,
      search: 'x',
      filter: 'id = 3',
      sort: { field: 'name', direction: 'desc' },
    })
  })
})

describe('nextSort', () => {
  it('cycles ascending, descending, then file order', () => {
    const asc = nextSort(null, 'name')
    expect(asc).toEqual({ field: 'name', direction: 'asc' })
    const desc = nextSort(asc, 'name')
    expect(desc).toEqual({ field: 'name', direction: 'desc' })
    expect(nextSort(desc, 'name')).toBeNull()
    expect(nextSort(desc, 'id')).toEqual({ field: 'id', direction: 'asc' })
  })
})

describe('PageCache', () => {
  it('asks for the pages a window covers, once, and serves rows by position', () => {
    const cache = new PageCache('k', 10)
    expect(cache.missing(0, 5)).toEqual([0])
    cache.begin(0)
    expect(cache.missing(0, 5)).toEqual([])
    expect(cache.row(3)).toBeUndefined()
    cache.settle(0, { total: 35, rows: rows(0, 10) })
    expect(cache.total).toBe(35)
    expect(cache.row(3)?.index).toBe(3)
    expect(cache.missing(8, 15)).toEqual([1, 2])
  })

  it('prefetches ahead but never past the last page', () => {
    const cache = new PageCache('k', 10)
    cache.settle(0, { total: 25, rows: rows(0, 10) })
    expect(cache.pagesFor(0, 5, 1)).toEqual([0, 1])
    expect(cache.pagesFor(15, 10, 3)).toEqual([1, 2])
    expect(cache.missing(15, 10, 3)).toEqual([1, 2])
  })

  it('asks for nothing when the query matched no row', () => {
    const cache = new PageCache('k', 10)
    cache.settle(0, { total: 0, rows: [] })
    expect(cache.missing(0, 0)).toEqual([])
    expect(cache.missing(0, 20)).toEqual([])
  })

  it('retries a page whose fetch failed', () => {
    const cache = new PageCache('k', 10)
    cache.begin(0)
    cache.fail(0)
    expect(cache.missing(0, 1)).toEqual([0])
  })

  it('drops the least recently used pages beyond its bound', () => {
    const cache = new PageCache('k', 10, 2)
    cache.settle(0, { total: 100, rows: rows(0, 10) })
    cache.settle(1, { total: 100, rows: rows(10, 10) })
    cache.row(0) // page 0 is now the most recently used
    cache.settle(2, { total: 100, rows: rows(20, 10) })
    expect(cache.has(0)).toBe(true)
    expect(cache.has(1)).toBe(false)
    expect(cache.has(2)).toBe(true)
  })
})
