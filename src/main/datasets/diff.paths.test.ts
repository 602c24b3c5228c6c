import { describe, expect, it } from 'vitest'
import { diffAccounts } from './diff'

describe('diffAccounts: paths and edge cases', () => {
  it('writes plain names with dots and quotes every other key', () => {
    const keys = ['a1', '$', '_', 'a$b', 'A_9', '1a', 'a-', '-a', 'a b', '']
    const before = Object.fromEntries(keys.map((key) => [key, { [key]: 1 }]))
    const after = Object.fromEntries(keys.map((key) => [key, { [key]: 2 }]))
    expect(diffAccounts(before, after).map((change) => change.path)).toEqual([
      'a1.a1',
      '$.$',
      '_._',
      'a$b.a$b',
      'A_9.A_9',
      '["1a"]["1a"]',
      '["a-"]["a-"]',
      '["-a"]["-a"]',
      '["a b"]["a b"]',
      '[""][""]',
    ])
  })

  it('compares values at the root', () => {
    expect(diffAccounts(1, 2)).toEqual([{ path: '', kind: 'changed', before: 1, after: 2 }])
    expect(diffAccounts(undefined, { id: 1 })).toEqual([{ path: '', kind: 'added', after: { id: 1 } }])
    expect(diffAccounts({ id: 1 }, undefined)).toEqual([{ path: '', kind: 'removed', before: { id: 1 } }])
    expect(diffAccounts(NaN, NaN)).toEqual([])
    expect(diffAccounts([], [])).toEqual([])
    expect(diffAccounts({}, { a: undefined })).toEqual([{ path: 'a', kind: 'added', after: undefined }])
  })

  it('reports items removed from the end of a list compared by position', () => {
    expect(diffAccounts({ tags: ['a', 'b', null] }, { tags: ['a'] })).toEqual([
      { path: 'tags[1]', kind: 'removed', before: 'b' },
      { path: 'tags[2]', kind: 'removed', before: null },
    ])
  })

  it('reports a removed key even when it held undefined', () => {
    expect(diffAccounts({ a: undefined, b: 1 }, { b: 1 })).toEqual([{ path: 'a', kind: 'removed', before: undefined }])
  })

  it('matches items by string ids too', () => {
    expect(diffAccounts({ l: [{ id: 'x', v: 1 }, { id: 'y' }] }, { l: [{ id: 'y' }, { id: 'x', v: 2 }] })).toEqual([
      { path: 'l[id=x].v', kind: 'changed', before: 1, after: 2 },
    ])
  })

  it('falls back to position when an item has no usable id', () => {
    expect(diffAccounts({ l: [{ id: 1, v: 1 }, { v: 2 }] }, { l: [{ v: 2 }, { id: 1, v: 1 }] })).toEqual([
      { path: 'l[0].id', kind: 'removed', before: 1 },
      { path: 'l[0].v', kind: 'changed', before: 1, after: 2 },
      { path: 'l[1].v', kind: 'changed', before: 2, after: 1 },
      { path: 'l[1].id', kind: 'added', after: 1 },
    ])
    expect(diffAccounts({ l: [{ id: true, v: 1 }] }, { l: [{ id: true, v: 2 }] })).toEqual([
      { path: 'l[0].v', kind: 'changed', before: 1, after: 2 },
    ])
    expect(diffAccounts({ l: [{ id: 1, v: 1 }] }, { l: [[1]] })).toEqual([
      { path: 'l[0]', kind: 'changed', before: { id: 1, v: 1 }, after: [1] },
    ])
    expect(diffAccounts({ l: [{ id: 1 }] }, { l: [null] })).toEqual([{ path: 'l[0]', kind: 'changed', before: { id: 1 }, after: null }])
  })

  it('matches by id on one side empty', () => {
    expect(diffAccounts({ l: [] }, { l: [{ id: 4 }] })).toEqual([{ path: 'l[id=4]', kind: 'added', after: { id: 4 } }])
    expect(diffAccounts({ l: [{ fullyQualifiedName: 't~a' }] }, { l: [] })).toEqual([
      { path: 'l[fullyQualifiedName=t~a]', kind: 'removed', before: { fullyQualifiedName: 't~a' } },
    ])
  })
})
