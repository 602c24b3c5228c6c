import { describe, expect, it } from 'vitest'
import type { DiffChange } from '../../../shared/contract'
import { compactValue, countChanges, groupChanges, isAuditOnly, pathParts, sectionOf } from './diffGroups'

describe('pathParts and sectionOf', () => {
  it('reads dotted, bracketed and JSON pointer paths alike', () => {
    expect(pathParts('contacts[0].email')).toEqual(['contacts', '0', 'email'])
    expect(pathParts('contacts.0.email')).toEqual(['contacts', '0', 'email'])
    expect(pathParts('/contacts/0/email')).toEqual(['contacts', '0', 'email'])
    expect(pathParts('/a~1b/c~0d')).toEqual(['a/b', 'c~d'])
    expect(pathParts('contacts[id=5].auditInfo.updateBy')).toEqual(['contacts', 'id=5', 'auditInfo', 'updateBy'])
    expect(pathParts('attributes["x.y"].values[1]')).toEqual(['attributes', 'x.y', 'values', '1'])
  })

  it('files each top-level field under its section', () => {
    expect(sectionOf('firstName')).toBe('identity')
    expect(sectionOf('isLocked')).toBe('status')
    expect(sectionOf('contacts[2].address.cityOrTown')).toBe('contacts')
    expect(sectionOf('/segments/0/code')).toBe('segments')
    expect(sectionOf('commerceSummary.orderCount')).toBe('commerce')
    expect(sectionOf('auditInfo.updateDate')).toBe('audit')
    expect(sectionOf('somethingNew')).toBe('other')
  })
})

describe('isAuditOnly', () => {
  it('spots audit stamps at any depth and nothing else', () => {
    expect(isAuditOnly({ path: 'auditInfo.updateDate', kind: 'changed', before: 'a', after: 'b' })).toBe(true)
    expect(isAuditOnly({ path: 'contacts[0].auditInfo.updateBy', kind: 'changed' })).toBe(true)
    expect(isAuditOnly({ path: 'contacts[id=7].auditInfo.updateDate', kind: 'changed' })).toBe(true)
    expect(isAuditOnly({ path: 'contacts[0].email', kind: 'changed' })).toBe(false)
  })
})

describe('groupChanges', () => {
  const changes: DiffChange[] = [
    { path: 'auditInfo.updateDate', kind: 'changed', before: '2024-01-01', after: '2024-02-01' },
    { path: 'segments[1]', kind: 'added', after: { code: 'VIP' } },
    { path: 'firstName', kind: 'changed', before: 'Ada', after: 'Adah' },
    { path: 'contacts[0].auditInfo.updateBy', kind: 'changed', before: 'x', after: 'y' },
    { path: 'contacts[1]', kind: 'removed', before: { id: 2 } },
    { path: 'lastName', kind: 'added', after: 'L' },
  ]

  it('orders sections as the account view does, with counts', () => {
    const groups = groupChanges(changes, false)
    expect(groups.map((g) => g.id)).toEqual(['identity', 'contacts', 'segments', 'audit'])
    expect(groups[0].changes.map((c) => c.path)).toEqual(['firstName', 'lastName'])
    expect(groups[0].counts).toEqual({ added: 1, removed: 0, changed: 1, total: 2 })
    expect(groups[1].counts).toEqual({ added: 0, removed: 1, changed: 1, total: 2 })
  })

  it('can leave audit-only changes out, dropping sections left empty', () => {
    const groups = groupChanges(changes, true)
    expect(groups.map((g) => g.id)).toEqual(['identity', 'contacts', 'segments'])
    expect(groups[1].changes.map((c) => c.path)).toEqual(['contacts[1]'])
  })

  it('counts all changes by kind', () => {
    expect(countChanges(changes)).toEqual({ added: 2, removed: 1, changed: 3, total: 6 })
    expect(groupChanges([], false)).toEqual([])
  })
})

describe('compactValue', () => {
  it('shows JSON on one line and marks absent values', () => {
    expect(compactValue('Ada')).toEqual({ short: '"Ada"', full: '"Ada"', truncated: false })
    expect(compactValue(null).short).toBe('null')
    expect(compactValue(undefined).short).toBe('—')
    expect(compactValue({ a: 1 }).full).toBe('{\n  "a": 1\n}')
  })

  it('cuts long values with an ellipsis and keeps the whole for expanding', () => {
    const long = { text: 'x'.repeat(200) }
    const v = compactValue(long, 20)
    expect(v.truncated).toBe(true)
    expect(v.short).toHaveLength(20)
    expect(v.short.endsWith('…')).toBe(true)
    expect(JSON.parse(v.full)).toEqual(long)
  })
})
