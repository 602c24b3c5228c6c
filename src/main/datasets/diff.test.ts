import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { diffAccounts } from './diff'

const before: CustomerAccount = {
  id: 1,
  emailAddress: 'a@example.com',
  isActive: true,
  auditInfo: { createBy: 'admin', createDate: '2024-01-01', updateBy: 'admin', updateDate: '2024-01-01' },
  contacts: [
    { id: 11, firstName: 'Ann', address: { cityOrTown: 'Oslo' } },
    { id: 12, firstName: 'Bo', address: { cityOrTown: 'Bergen' } },
  ],
  attributes: [
    { fullyQualifiedName: 'tenant~tier', values: ['Gold'] },
    { fullyQualifiedName: 'tenant~points', values: [10] },
  ],
  segments: [{ id: 3, code: 'VIP' }],
  notes: [],
}

function clone<T>(value: T): T {
  return structuredClone(value)
}

describe('diffAccounts', () => {
  it('finds nothing between equal accounts', () => {
    expect(diffAccounts(before, clone(before))).toEqual([])
  })

  it('ignores a reordered list of items with ids, and of attributes', () => {
    const after = clone(before)
    after.contacts!.reverse()
    after.attributes!.reverse()
    expect(diffAccounts(before, after)).toEqual([])
  })

  it('names a changed field inside a matched contact by its id', () => {
    const after = clone(before)
    after.contacts!.reverse()
    after.contacts![0].address!.cityOrTown = 'Trondheim'
    expect(diffAccounts(before, after)).toEqual([
      { path: 'contacts[id=12].address.cityOrTown', kind: 'changed', before: 'Bergen', after: 'Trondheim' },
    ])
  })

  it('reports added and removed items, fields and attributes, and audit changes', () => {
    const after = clone(before)
    after.contacts = [after.contacts![0], { id: 13, firstName: 'Cy' }]
    after.attributes![1].values = [25]
    after.segments = []
    after.auditInfo!.updateDate = '2024-06-01'
    after.auditInfo!.updateBy = 'csr'
    delete after.isActive
    after.userName = 'anne'
    expect(diffAccounts(before, after)).toEqual([
      { path: 'isActive', kind: 'removed', before: true },
      { path: 'auditInfo.updateBy', kind: 'changed', before: 'admin', after: 'csr' },
      { path: 'auditInfo.updateDate', kind: 'changed', before: '2024-01-01', after: '2024-06-01' },
      { path: 'contacts[id=12]', kind: 'removed', before: before.contacts![1] },
      { path: 'contacts[id=13]', kind: 'added', after: { id: 13, firstName: 'Cy' } },
      { path: 'attributes[fullyQualifiedName=tenant~points].values[0]', kind: 'changed', before: 10, after: 25 },
      { path: 'segments[id=3]', kind: 'removed', before: { id: 3, code: 'VIP' } },
      { path: 'userName', kind: 'added', after: 'anne' },
    ])
  })

  it('compares other lists by position', () => {
    expect(diffAccounts({ tags: ['a', 'b'] }, { tags: ['a', 'c', 'd'] })).toEqual([
      { path: 'tags[1]', kind: 'changed', before: 'b', after: 'c' },
      { path: 'tags[2]', kind: 'added', after: 'd' },
    ])
    // Duplicate ids can't identify items: by position.
    expect(
      diffAccounts(
        {
          l: [
            { id: 1, v: 1 },
            { id: 1, v: 2 },
          ],
        },
        {
          l: [
            { id: 1, v: 2 },
            { id: 1, v: 2 },
          ],
        },
      ),
    ).toEqual([{ path: 'l[0].v', kind: 'changed', before: 1, after: 2 }])
  })

  it('reports a change of type whole, null included', () => {
    expect(diffAccounts({ a: { b: 1 }, c: null }, { a: [1], c: 'x' })).toEqual([
      { path: 'a', kind: 'changed', before: { b: 1 }, after: [1] },
      { path: 'c', kind: 'changed', before: null, after: 'x' },
    ])
  })

  it('quotes keys that are not plain names', () => {
    expect(diffAccounts({ 'tenant~x': 1 }, { 'tenant~x': 2 })).toEqual([{ path: '["tenant~x"]', kind: 'changed', before: 1, after: 2 }])
  })

  it('never shows a token', () => {
    const changes = diffAccounts(
      { id: 1, accessToken: 'old-secret' },
      { id: 1, accessToken: 'new-secret', contacts: [{ id: 1, refreshToken: 'r-secret' }] },
    )
    expect(JSON.stringify(changes)).not.toContain('secret')
  })
})
