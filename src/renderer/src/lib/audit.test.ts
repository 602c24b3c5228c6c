import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../../shared/kibo'
import {
  auditEvents,
  auditPeople,
  fieldPathMatches,
  filterAuditEvents,
  filterTimeline,
  hasAuditInfo,
  mergeLogPages,
  sortAuditEvents,
  sortTimeline,
  timelineRows,
  timelineValues,
  type AuditEvent,
  type AuditLogEntry,
} from './audit'

const account: CustomerAccount = {
  id: 1001,
  auditInfo: { createBy: 'admin', createDate: '2024-01-10T09:00:00Z', updateBy: 'ops', updateDate: '2024-03-01T12:00:00Z' },
  contacts: [
    {
      id: 12,
      label: 'Billing',
      // Same instant and person: one "created" event, no separate update.
      auditInfo: { createBy: 'ops', createDate: '2024-02-01T12:00:00Z', updateBy: 'ops', updateDate: '2024-02-01T12:00:00.000Z' },
    },
    { id: 13, auditInfo: { createBy: 'ops', createDate: '2024-02-02T12:00:00Z', updateBy: 'admin', updateDate: '2024-02-02T12:00:00Z' } },
  ],
  attributes: [
    { fullyQualifiedName: 'tenant~loyalty-tier', values: ['gold'], auditInfo: { createBy: 'sync', createDate: '2024-02-15T12:00:00' } },
  ],
  notes: [{ id: 7, content: 'called', auditInfo: { createBy: null, createDate: 'yesterday-ish' } }],
  segments: [{ id: 3, code: 'VIP', name: 'Very important', auditInfo: { createBy: 'admin', createDate: '2024-01-20T12:00:00Z' } }],
}

const byId = (events: AuditEvent[]) => Object.fromEntries(events.map((e) => [e.id, e]))

describe('auditEvents', () => {
  const events = auditEvents(account)

  it('merges every auditInfo into labelled events with paths', () => {
    expect(events.map((e) => e.id).sort()).toEqual(
      [
        'account:created',
        'account:updated',
        'contacts[0]:created',
        'contacts[1]:created',
        'contacts[1]:updated',
        'attributes[0]:created',
        'notes[0]:created',
        'segments[0]:created',
      ].sort(),
    )
    const e = byId(events)
    expect(e['contacts[0]:created']).toMatchObject({
      entityKind: 'contact',
      entityLabel: 'Contact 12 · Billing',
      path: 'contacts[0]',
      by: 'ops',
    })
    expect(e['contacts[1]:created'].entityLabel).toBe('Contact 13')
    expect(e['attributes[0]:created'].entityLabel).toBe('Attribute tenant~loyalty-tier')
    expect(e['segments[0]:created'].entityLabel).toBe('Segment VIP')
    expect(e['account:updated']).toMatchObject({
      entityKind: 'account',
      entityLabel: 'Account 1001',
      path: '',
      by: 'ops',
      action: 'updated',
    })
  })

  it('keeps an update at the creation instant when someone else made it', () => {
    expect(byId(events)['contacts[1]:updated'].by).toBe('admin')
  })

  it('normalises dates to ISO, reading zoneless ones as UTC', () => {
    expect(byId(events)['attributes[0]:created']).toMatchObject({ at: '2024-02-15T12:00:00.000Z', dateValid: true })
  })

  it('keeps events with invalid dates, marked and sorted last', () => {
    const note = byId(events)['notes[0]:created']
    expect(note).toMatchObject({ at: 'yesterday-ish', dateValid: false, by: null })
    expect(events[events.length - 1].id).toBe('notes[0]:created')
    expect(events[0].id).toBe('account:updated')
  })

  it('yields nothing when auditInfo was not requested', () => {
    const bare: CustomerAccount = { id: 1, contacts: [{ id: 2 }], notes: null }
    expect(auditEvents(bare)).toEqual([])
    expect(hasAuditInfo(bare)).toBe(false)
    expect(hasAuditInfo(account)).toBe(true)
  })

  it('skips empty auditInfo and null holes in lists', () => {
    const odd = {
      auditInfo: {},
      contacts: [null, { id: 5, auditInfo: { updateBy: 'x', updateDate: '2024-05-05T00:00:00Z' } }],
    } as unknown as CustomerAccount
    const out = auditEvents(odd)
    expect(out.map((e) => e.id)).toEqual(['contacts[1]:updated'])
    expect(hasAuditInfo(odd)).toBe(true)
  })
})

describe('filterAuditEvents', () => {
  const events = auditEvents(account)
  const ids = (list: AuditEvent[]) => list.map((e) => e.id).sort()

  it('passes everything without a filter', () => {
    expect(filterAuditEvents(events, {})).toHaveLength(events.length)
  })

  it('filters by people, including events with no person', () => {
    expect(ids(filterAuditEvents(events, { people: ['admin'] }))).toEqual(['account:created', 'contacts[1]:updated', 'segments[0]:created'])
    expect(ids(filterAuditEvents(events, { people: [null] }))).toEqual(['notes[0]:created'])
    expect(filterAuditEvents(events, { people: [] })).toEqual([])
  })

  it('filters by entity kind', () => {
    expect(ids(filterAuditEvents(events, { kinds: ['segment', 'attribute'] }))).toEqual(['attributes[0]:created', 'segments[0]:created'])
  })

  it('filters by an inclusive day range and drops undated events from it', () => {
    const feb = filterAuditEvents(events, { from: '2024-02-01', to: '2024-02-15' }, 'UTC')
    expect(ids(feb)).toEqual(['attributes[0]:created', 'contacts[0]:created', 'contacts[1]:created', 'contacts[1]:updated'])
    expect(ids(filterAuditEvents(events, { from: '2024-03-01' }, 'UTC'))).toEqual(['account:updated'])
    expect(ids(filterAuditEvents(events, { to: '2024-01-10' }, 'UTC'))).toEqual(['account:created'])
  })

  it('uses the viewer time zone for day boundaries', () => {
    // 09:00Z on 2024-01-10 is 18:00 that day in Tokyo and 23:00 in Kiritimati (UTC+14): never the 11th.
    expect(ids(filterAuditEvents(events, { from: '2024-01-10', to: '2024-01-10' }, 'Asia/Tokyo'))).toEqual(['account:created'])
    expect(ids(filterAuditEvents(events, { from: '2024-01-11', to: '2024-01-11' }, 'Pacific/Kiritimati'))).toEqual([])
  })

  it('ignores bounds that are not dates', () => {
    expect(filterAuditEvents(events, { from: 'garbage', to: '2024-99-99' })).toHaveLength(events.length)
  })

  it('combines filters', () => {
    expect(ids(filterAuditEvents(events, { people: ['ops'], kinds: ['contact'], from: '2024-02-02' }, 'UTC'))).toEqual([
      'contacts[1]:created',
    ])
  })
})

describe('sortAuditEvents', () => {
  const events = auditEvents(account)

  it('sorts by date both ways with undated events last', () => {
    const asc = sortAuditEvents(events, { key: 'at', direction: 'asc' })
    expect(asc[0].id).toBe('account:created')
    expect(asc[asc.length - 1].id).toBe('notes[0]:created')
    const desc = sortAuditEvents(events, { key: 'at', direction: 'desc' })
    expect(desc[0].id).toBe('account:updated')
    expect(desc[desc.length - 1].id).toBe('notes[0]:created')
  })

  it('sorts by person with unknown people last', () => {
    const asc = sortAuditEvents(events, { key: 'by', direction: 'asc' }).map((e) => e.by)
    expect(asc).toEqual(['admin', 'admin', 'admin', 'ops', 'ops', 'ops', 'sync', null])
    const desc = sortAuditEvents(events, { key: 'by', direction: 'desc' }).map((e) => e.by)
    expect(desc).toEqual(['sync', 'ops', 'ops', 'ops', 'admin', 'admin', 'admin', null])
  })

  it('sorts by entity kind, then label, and by action', () => {
    const kinds = sortAuditEvents(events, { key: 'entity', direction: 'asc' }).map((e) => e.entityKind)
    expect(kinds).toEqual(['account', 'account', 'contact', 'contact', 'contact', 'attribute', 'note', 'segment'])
    const actions = sortAuditEvents(events, { key: 'action', direction: 'desc' }).map((e) => e.action)
    expect(actions.slice(0, 2)).toEqual(['updated', 'updated'])
  })

  it('breaks ties deterministically, newest first, regardless of input order', () => {
    const a = sortAuditEvents(events, { key: 'action', direction: 'asc' }).map((e) => e.id)
    const b = sortAuditEvents([...events].reverse(), { key: 'action', direction: 'asc' }).map((e) => e.id)
    expect(a).toEqual(b)
    expect(a[0]).toBe('attributes[0]:created')
  })

  it('does not mutate its input', () => {
    const copy = [...events]
    sortAuditEvents(events, { key: 'by', direction: 'asc' })
    expect(events).toEqual(copy)
  })
})

describe('auditPeople', () => {
  it('lists distinct people sorted with the unknown person last', () => {
    expect(auditPeople(auditEvents(account))).toEqual(['admin', 'ops', 'sync', null])
  })
})

const log: AuditLogEntry[] = [
  {
    customerAuditEntryId: 1,
    entryDate: '2024-02-10T10:00:00Z',
    entryUser: 'jane@shop.example',
    application: 'Admin',
    site: 'Main',
    fieldPath: 'emailAddress',
    oldValue: 'old@mail.example',
    newValue: 'mid@mail.example',
    description: 'Email changed',
  },
  {
    customerAuditEntryId: 2,
    entryDate: '2024-03-05T10:00:00Z',
    entryUser: 'storefront',
    application: 'Storefront',
    fieldPath: 'emailAddress',
    oldValue: 'mid@mail.example',
    newValue: 'new@mail.example',
  },
  {
    customerAuditEntryId: 3,
    entryDate: '2024-03-06T10:00:00Z',
    entryUser: 'jane@shop.example',
    application: 'Admin',
    fieldPath: 'contacts[0].address.cityOrTown',
    oldValue: 'Austin',
    newValue: 'Dallas',
  },
  { customerAuditEntryId: 4, entryDate: 'not a date', fieldPath: 'firstName', oldValue: 'Al', newValue: 'Alan' },
]

describe('timelineRows', () => {
  const rows = timelineRows(auditEvents(account), log)

  it('holds every stamp and every log entry, each marked with its source, newest first', () => {
    expect(rows.filter((r) => r.source === 'stamp')).toHaveLength(8)
    expect(rows.filter((r) => r.source === 'log').map((r) => r.id)).toEqual(['log:3', 'log:2', 'log:1', 'log:4'])
    expect(rows[0].id).toBe('log:3')
    // Rows without a usable date go last, whichever source they came from.
    expect(rows.slice(-2).map((r) => r.id)).toEqual(['log:4', 'stamp:notes[0]:created'])
    const change = rows.find((r) => r.id === 'log:1')!
    expect(change).toMatchObject({
      kind: 'change',
      by: 'jane@shop.example',
      application: 'Admin',
      site: 'Main',
      oldValue: 'old@mail.example',
    })
    expect(rows.find((r) => r.id === 'stamp:account:created')).toMatchObject({ kind: 'created', application: null, fieldPath: null })
  })
})

describe('mergeLogPages', () => {
  it('appends the next page and keeps an entry read twice once', () => {
    const merged = mergeLogPages(log.slice(0, 2), [log[1], log[2]])
    expect(merged.map((e) => e.customerAuditEntryId)).toEqual([1, 2, 3])
  })
})

describe('fieldPathMatches', () => {
  it('ignores list positions and case, and takes fields inside the one asked for', () => {
    expect(fieldPathMatches('emailAddress', 'emailaddress')).toBe(true)
    expect(fieldPathMatches('contacts[0].address.cityOrTown', 'contacts.address')).toBe(true)
    expect(fieldPathMatches('contacts[0].address.cityOrTown', 'contacts[2]')).toBe(true)
    expect(fieldPathMatches('emailAddressVerified', 'emailAddress')).toBe(false)
    expect(fieldPathMatches(null, 'emailAddress')).toBe(false)
  })
})

describe('filterTimeline', () => {
  const rows = timelineRows(auditEvents(account), log)
  const ids = (r: { id: string }[]) => r.map((x) => x.id)

  it("shows a field's history on its own, without the stamps", () => {
    expect(ids(filterTimeline(rows, { fieldPath: 'emailAddress' }))).toEqual(['log:2', 'log:1'])
  })
  it('filters by person, application, kind and source', () => {
    expect(ids(filterTimeline(rows, { people: ['storefront'] }))).toEqual(['log:2'])
    expect(ids(filterTimeline(rows, { applications: ['Admin'] }))).toEqual(['log:3', 'log:1'])
    expect(filterTimeline(rows, { kinds: ['created'] }).every((r) => r.source === 'stamp' && r.kind === 'created')).toBe(true)
    expect(filterTimeline(rows, { sources: ['stamp'] })).toHaveLength(8)
  })
  it('keeps an inclusive day range and drops undated rows from it', () => {
    expect(ids(filterTimeline(rows, { sources: ['log'], from: '2024-03-05', to: '2024-03-05' }, 'UTC'))).toEqual(['log:2'])
    expect(ids(filterTimeline(rows, { sources: ['log'], from: '2024-01-01' }, 'UTC'))).not.toContain('log:4')
  })
  it('searches old and new values, ignoring case, every word', () => {
    expect(ids(filterTimeline(rows, { search: 'OLD@mail' }))).toEqual(['log:1'])
    expect(ids(filterTimeline(rows, { search: 'dallas austin' }))).toEqual(['log:3'])
    expect(filterTimeline(rows, { search: 'nowhere' })).toEqual([])
  })
})

describe('sortTimeline', () => {
  const rows = timelineRows([], log)
  it('sorts by date either way, undated last', () => {
    expect(sortTimeline(rows, { key: 'at', direction: 'asc' }).map((r) => r.id)).toEqual(['log:1', 'log:2', 'log:3', 'log:4'])
  })
  it('sorts by person and application with missing values last in both directions', () => {
    expect(sortTimeline(rows, { key: 'by', direction: 'desc' }).map((r) => r.by)).toEqual([
      'storefront',
      'jane@shop.example',
      'jane@shop.example',
      null,
    ])
    expect(sortTimeline(rows, { key: 'application', direction: 'asc' }).at(-1)?.application).toBeNull()
  })
  it('lists the distinct values of a column, unknown last', () => {
    expect(timelineValues(rows, (r) => r.application)).toEqual(['Admin', 'Storefront', null])
  })
})
