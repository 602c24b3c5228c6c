// Kibo's collections as the emulator pages, sorts and filters them (collection.ts), pinned on
// small lists: the field tree learnt from samples, the page window, sortBy, filter errors, and
// the one account a filter names.
import { describe, expect, it } from 'vitest'
import type { FieldSpec } from '../../shared/kiboFields'
import {
  accountNamedBy,
  DEFAULT_PAGE_SIZE,
  intParam,
  MAX_PAGE_SIZE,
  mergeSpecs,
  pageFrom,
  pageOf,
  pageWindow,
  parseSort,
  sortItems,
} from './collection'
import { KiboHttpError } from './kiboError'

function thrown(run: () => unknown): KiboHttpError {
  try {
    run()
  } catch (error) {
    if (error instanceof KiboHttpError) return error
    throw error
  }
  throw new Error('did not throw')
}

describe('mergeSpecs', () => {
  it('types each field from its value', () => {
    expect(
      mergeSpecs([
        {
          n: 1,
          x: 1.5,
          b: false,
          s: 'text',
          d: '2026-12-01T09:30:00Z',
          ms: '2026-12-01T09:30:00.123Z',
          local: '2026-12-01T09:30:00',
          z: null,
          u: undefined,
          o: { a: 1 },
          list: [{ a: 'x' }, 3, null, [1]],
          plain: [1, 2],
          empty: [],
          nulls: [null],
        },
      ]),
    ).toEqual([
      { name: 'n', type: 'integer' },
      { name: 'x', type: 'number' },
      { name: 'b', type: 'boolean' },
      { name: 's', type: 'string' },
      { name: 'd', type: 'string', format: 'date-time' },
      { name: 'ms', type: 'string', format: 'date-time' },
      { name: 'local', type: 'string' },
      { name: 'z', type: 'any' },
      { name: 'u', type: 'any' },
      { name: 'o', type: 'object', children: [{ name: 'a', type: 'integer' }] },
      { name: 'list', type: 'array', children: [{ name: 'a', type: 'string' }] },
      { name: 'plain', type: 'array' },
      { name: 'empty', type: 'array' },
      { name: 'nulls', type: 'array' },
    ])
  })

  it('knows a field when any sample has it, and learns more of it from later samples', () => {
    expect(
      mergeSpecs([
        { a: null, o: { x: 1 }, l: [], k: 'first' },
        null,
        'text',
        { a: 'now known', o: { y: true }, l: [{ z: 1 }], k: 2, extra: 1 },
        { a: null, o: 'flat', l: [] },
      ]),
    ).toEqual([
      { name: 'a', type: 'string' },
      {
        name: 'o',
        type: 'object',
        children: [
          { name: 'x', type: 'integer' },
          { name: 'y', type: 'boolean' },
        ],
      },
      { name: 'l', type: 'array', children: [{ name: 'z', type: 'integer' }] },
      { name: 'k', type: 'string' },
      { name: 'extra', type: 'integer' },
    ])
    expect(mergeSpecs([])).toEqual([])
  })

  it('merges the fields of objects inside lists across items', () => {
    expect(mergeSpecs([{ l: [{ a: 1 }, { b: 'x', a: 2 }] }])).toEqual([
      {
        name: 'l',
        type: 'array',
        children: [
          { name: 'a', type: 'integer' },
          { name: 'b', type: 'string' },
        ],
      },
    ])
  })
})

describe('the page window', () => {
  it('reads non-negative integers, or nothing', () => {
    expect(intParam({}, 'startIndex')).toBeUndefined()
    expect(intParam({ startIndex: '' }, 'startIndex')).toBeUndefined()
    expect(intParam({ startIndex: '0' }, 'startIndex')).toBe(0)
    expect(intParam({ startIndex: '123456789' }, 'startIndex')).toBe(123456789)
    for (const raw of ['-1', '1.5', '1e3', ' 1', '1 ', '1234567890', 'x']) {
      expect(thrown(() => intParam({ startIndex: raw }, 'startIndex'))).toMatchObject({
        status: 400,
        errorCode: 'MISSING_OR_INVALID_PARAMETER',
        message: 'Missing or invalid parameter: startIndex must be a non-negative integer.',
      })
    }
  })

  it('starts at 0 with 20 a page; 0 is the default size; more than 200 is refused', () => {
    expect([DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE]).toEqual([20, 200])
    expect(pageWindow({})).toEqual({ startIndex: 0, pageSize: 20 })
    expect(pageWindow({ pageSize: '0', startIndex: '7' })).toEqual({ startIndex: 7, pageSize: 20 })
    expect(pageWindow({ pageSize: '1' })).toEqual({ startIndex: 0, pageSize: 1 })
    expect(pageWindow({ pageSize: '200' })).toEqual({ startIndex: 0, pageSize: 200 })
    expect(thrown(() => pageWindow({ pageSize: '201' })).message).toBe('Missing or invalid parameter: pageSize must be at most 200.')
  })

  it('cuts one page out of all that matched, in Kibo’s envelope', () => {
    const all = [1, 2, 3, 4, 5, 6, 7]
    expect(pageFrom(all, { startIndex: 2, pageSize: 3 })).toEqual({
      startIndex: 2,
      pageSize: 3,
      pageCount: 3,
      totalCount: 7,
      items: [3, 4, 5],
    })
    expect(pageFrom(all, { startIndex: 6, pageSize: 3 })).toEqual({ startIndex: 6, pageSize: 3, pageCount: 3, totalCount: 7, items: [7] })
    expect(pageFrom([], { startIndex: 0, pageSize: 20 })).toEqual({ startIndex: 0, pageSize: 20, pageCount: 0, totalCount: 0, items: [] })
  })
})

describe('sortBy', () => {
  const resolve = (field: string) => ({ name: 'name', age: 'person.age' })[field]
  it('reads fields with a direction each, ascending by default', () => {
    expect(parseSort(' name desc ,, age ASC, name', resolve, 'a person')).toEqual([
      { path: 'name', descending: true },
      { path: 'person.age', descending: false },
      { path: 'name', descending: false },
    ])
    expect(parseSort('name   Desc', resolve, 'a person')).toEqual([{ path: 'name', descending: true }])
  })
  it('refuses a direction it does not know, more words, or a field of something else', () => {
    expect(thrown(() => parseSort('name up', resolve, 'a person')).message).toBe(
      'Missing or invalid parameter: sortBy "name up" is not "field asc" or "field desc".',
    )
    expect(thrown(() => parseSort('name asc now', resolve, 'a person')).message).toBe(
      'Missing or invalid parameter: sortBy "name asc now" is not "field asc" or "field desc".',
    )
    expect(thrown(() => parseSort('height desc', resolve, 'a person')).message).toBe(
      'Missing or invalid parameter: sortBy "height" is not a field of a person.',
    )
  })
  it('sorts by each key in turn, keeping ties in their order', () => {
    const people = [
      { id: 1, name: 'b', person: { age: 30 } },
      { id: 2, name: 'a', person: { age: 30 } },
      { id: 3, name: 'c', person: { age: 20 } },
      { id: 4, name: 'a', person: { age: 40 } },
      { id: 5, name: 'b', person: {} },
    ]
    const ids = (keys: { path: string; descending: boolean }[]) => sortItems(people, keys).map((p) => p.id)
    expect(ids([{ path: 'name', descending: false }])).toEqual([2, 4, 1, 5, 3])
    expect(ids([{ path: 'name', descending: true }])).toEqual([3, 1, 5, 2, 4])
    // Missing values sort last ascending, so first descending.
    expect(
      ids([
        { path: 'name', descending: false },
        { path: 'person.age', descending: true },
      ]),
    ).toEqual([4, 2, 5, 1, 3])
    expect(ids([{ path: 'person.age', descending: false }])).toEqual([3, 1, 2, 4, 5])
    expect(ids([])).toEqual([1, 2, 3, 4, 5])
  })
})

describe('pageOf', () => {
  const fields: FieldSpec[] = [
    { name: 'id', type: 'integer' },
    { name: 'kind', type: 'string' },
    { name: 'detail', type: 'object', children: [{ name: 'rank', type: 'integer' }] },
  ]
  const all = [
    { id: 1, kind: 'a', detail: { rank: 3 } },
    { id: 2, kind: 'b', detail: { rank: 1 } },
    { id: 3, kind: 'a', detail: { rank: 2 } },
  ]
  const ids = (query: Record<string, string>, defaultSort?: string) =>
    pageOf(all, query, { noun: 'a thing', fields, defaultSort }).items.map((x) => x.id)

  it('filters, then sorts (by the request, else the collection’s own order), then pages', () => {
    expect(ids({})).toEqual([1, 2, 3])
    expect(ids({ filter: "kind eq 'a'" })).toEqual([1, 3])
    expect(ids({ filter: "Kind eq 'a'", sortBy: 'DETAIL.RANK asc' })).toEqual([3, 1])
    expect(ids({}, 'detail.rank asc')).toEqual([2, 3, 1])
    expect(ids({ sortBy: 'id desc' }, 'detail.rank asc')).toEqual([3, 2, 1])
    expect(ids({ sortBy: '' }, 'id desc')).toEqual([3, 2, 1])
    expect(ids({ filter: '' })).toEqual([1, 2, 3])
    expect(pageOf(all, { filter: "kind eq 'a'", pageSize: '1', startIndex: '1' }, { noun: 'a thing', fields })).toEqual({
      startIndex: 1,
      pageSize: 1,
      pageCount: 2,
      totalCount: 2,
      items: [all[2]],
    })
    // The caller's list is left as it was.
    expect(all.map((x) => x.id)).toEqual([1, 2, 3])
  })

  it('refuses a filter it cannot read, saying where, and a sortBy field items do not have', () => {
    const error = thrown(() => ids({ filter: 'nope eq 1' }))
    expect(error).toMatchObject({ status: 400, errorCode: 'MISSING_OR_INVALID_PARAMETER' })
    expect(error.message).toMatch(/^Invalid filter at character 1: /)
    expect(error.additionalErrorData).toEqual([
      { name: 'parameter', value: 'filter' },
      { name: 'position', value: '1' },
    ])
    expect(thrown(() => ids({ filter: "kind eq 'a' and nope eq 1" })).message).toMatch(/^Invalid filter at character 17: /)
    expect(thrown(() => ids({ sortBy: 'rank asc' })).message).toBe('Missing or invalid parameter: sortBy "rank" is not a field of a thing.')
    expect(thrown(() => ids({ sortBy: 'detail.nope asc' })).message).toBe(
      'Missing or invalid parameter: sortBy "detail.nope" is not a field of a thing.',
    )
    expect(thrown(() => ids({ sortBy: 'id.more asc' })).message).toBe(
      'Missing or invalid parameter: sortBy "id.more" is not a field of a thing.',
    )
  })
})

describe('accountNamedBy', () => {
  it('finds the account a filter is about at its top level', () => {
    expect(accountNamedBy('customerId eq 1001', 'customerId')).toBe(1001)
    expect(accountNamedBy("customerId eq '1001' and (x eq 1)", 'customerId')).toBe(1001)
    expect(accountNamedBy('(customerId eq 1001)', 'customerId')).toBe(1001)
    expect(accountNamedBy('x eq 1 and CUSTOMERID   EQ 42', 'customerId')).toBe(42)
  })
  it('finds none in an `or`, in another field, or without a filter', () => {
    expect(accountNamedBy(undefined, 'customerId')).toBeUndefined()
    expect(accountNamedBy('', 'customerId')).toBeUndefined()
    expect(accountNamedBy('customerId eq 1 or customerId eq 2', 'customerId')).toBeUndefined()
    expect(accountNamedBy('customerId eq 1 OR x eq 2', 'customerId')).toBeUndefined()
    expect(accountNamedBy('otherCustomerId eq 1', 'customerId')).toBeUndefined()
    expect(accountNamedBy('customerId eq 12345678901', 'customerId')).toBeUndefined()
    expect(accountNamedBy('customerId eq 1001x', 'customerId')).toBeUndefined()
    expect(accountNamedBy('customerId ne 1001', 'customerId')).toBeUndefined()
    // "or" inside a word is not an `or`.
    expect(accountNamedBy("customerId eq 7 and note eq 'ordered'", 'customerId')).toBe(7)
    expect(accountNamedBy("customerId eq 7 and note eq 'color'", 'customerId')).toBe(7)
    // Any word "or", even quoted, reads the whole tenant: slower, never wrong.
    expect(accountNamedBy("customerId eq 7 and note eq 'OR'", 'customerId')).toBeUndefined()
  })
})
