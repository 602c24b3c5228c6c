// The audit timeline of one account: every auditInfo (account, contacts, attributes, notes,
// segments) turned into "created"/"updated" events that can be filtered and sorted.
import type { AuditInfo, CustomerAccount } from '../../../shared/kibo'
import { localDay, parseDate } from './format'

export type EntityKind = 'account' | 'contact' | 'attribute' | 'note' | 'segment'
export type AuditAction = 'created' | 'updated'

export const entityKinds: EntityKind[] = ['account', 'contact', 'attribute', 'note', 'segment']

export interface AuditEvent {
  /** Unique within one account: path + action. */
  id: string
  action: AuditAction
  by: string | null
  /** ISO 8601 (UTC) when the date parsed; otherwise Kibo's raw text, or '' when it was missing. */
  at: string
  /** False when `at` is not a usable date: such events sort last and fall outside any date range. */
  dateValid: boolean
  entityKind: EntityKind
  /** "Contact 12 · Billing", "Attribute tenant~loyalty-tier", "Segment VIP". */
  entityLabel: string
  /** Where the entity sits in the account JSON: '' for the account itself, else "contacts[0]". */
  path: string
}

interface Entity {
  kind: EntityKind
  label: string
  path: string
  audit: AuditInfo | undefined
}

/** Visits the objects of a list, keeping their original index; a null hole in Kibo's array is skipped. */
function each<T>(list: T[] | null | undefined, visit: (item: T, index: number) => void): void {
  if (!Array.isArray(list)) return
  list.forEach((item, i) => {
    if (item && typeof item === 'object') visit(item, i)
  })
}

function entities(account: CustomerAccount): Entity[] {
  const out: Entity[] = [
    { kind: 'account', label: account.id != null ? `Account ${account.id}` : 'Account', path: '', audit: account.auditInfo },
  ]
  each(account.contacts, (c, i) => {
    const name = c.id != null ? `Contact ${c.id}` : `Contact #${i + 1}`
    out.push({ kind: 'contact', label: c.label ? `${name} · ${c.label}` : name, path: `contacts[${i}]`, audit: c.auditInfo })
  })
  each(account.attributes, (a, i) => {
    const name = a.fullyQualifiedName || (a.attributeDefinitionId != null ? `#${a.attributeDefinitionId}` : `#${i + 1}`)
    out.push({ kind: 'attribute', label: `Attribute ${name}`, path: `attributes[${i}]`, audit: a.auditInfo })
  })
  each(account.notes, (n, i) => {
    out.push({ kind: 'note', label: n.id != null ? `Note ${n.id}` : `Note #${i + 1}`, path: `notes[${i}]`, audit: n.auditInfo })
  })
  each(account.segments, (s, i) => {
    const name = s.code || s.name || (s.id != null ? String(s.id) : `#${i + 1}`)
    out.push({ kind: 'segment', label: `Segment ${name}`, path: `segments[${i}]`, audit: s.auditInfo })
  })
  return out
}

function stamp(raw: string | null | undefined): { at: string; dateValid: boolean; ms: number | null } {
  const ms = parseDate(raw)
  if (ms !== null) return { at: new Date(ms).toISOString(), dateValid: true, ms }
  return { at: typeof raw === 'string' ? raw : '', dateValid: false, ms: null }
}

const clean = (s: string | null | undefined): string | null => (typeof s === 'string' && s.trim() !== '' ? s : null)

/** Whether the account carries any auditInfo at all (none usually means responseFields left it out). */
export function hasAuditInfo(account: CustomerAccount): boolean {
  return entities(account).some((e) => e.audit !== undefined && e.audit !== null)
}

/** All events, newest first. An update stamped with the creation's date and person is not a separate event. */
export function auditEvents(account: CustomerAccount): AuditEvent[] {
  const events: AuditEvent[] = []
  for (const e of entities(account)) {
    const a = e.audit
    if (!a) continue
    const base = { entityKind: e.kind, entityLabel: e.label, path: e.path }
    const createdBy = clean(a.createBy)
    const updatedBy = clean(a.updateBy)
    const created = stamp(a.createDate)
    const updated = stamp(a.updateDate)
    const hasCreate = createdBy !== null || clean(a.createDate) !== null
    const hasUpdate = updatedBy !== null || clean(a.updateDate) !== null
    if (hasCreate) events.push({ id: `${e.path || 'account'}:created`, action: 'created', by: createdBy, ...created, ...base })
    const sameInstant = created.ms !== null && updated.ms !== null ? created.ms === updated.ms : created.at === updated.at
    const duplicate = hasCreate && sameInstant && createdBy === updatedBy
    if (hasUpdate && !duplicate)
      events.push({ id: `${e.path || 'account'}:updated`, action: 'updated', by: updatedBy, ...updated, ...base })
  }
  return sortAuditEvents(events, { key: 'at', direction: 'desc' })
}

export interface AuditFilter {
  /** Only these people (null = events without a person). Undefined: everyone. */
  people?: (string | null)[]
  /** Only these kinds. Undefined: every kind. */
  kinds?: EntityKind[]
  /** Inclusive day range, YYYY-MM-DD in the viewer's time zone. A bound that is not a date is ignored. */
  from?: string
  to?: string
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/

function validDay(day: string | undefined): string | null {
  if (!day || !dayPattern.test(day)) return null
  return Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? null : day
}

export function filterAuditEvents(events: readonly AuditEvent[], filter: AuditFilter, timeZone?: string): AuditEvent[] {
  const people = filter.people ? new Set(filter.people) : null
  const kinds = filter.kinds ? new Set(filter.kinds) : null
  const from = validDay(filter.from)
  const to = validDay(filter.to)
  return events.filter((e) => {
    if (people && !people.has(e.by)) return false
    if (kinds && !kinds.has(e.entityKind)) return false
    if (from || to) {
      if (!e.dateValid) return false
      const day = localDay(Date.parse(e.at), timeZone)
      if (from && day < from) return false
      if (to && day > to) return false
    }
    return true
  })
}

export type AuditSortKey = 'at' | 'by' | 'entity' | 'action'
export type SortDirection = 'asc' | 'desc'
export interface AuditSort {
  key: AuditSortKey
  direction: SortDirection
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** Compares two possibly-missing values; missing ones are reported as null so they can go last. */
function compareKey(a: AuditEvent, b: AuditEvent, key: AuditSortKey): number | null {
  switch (key) {
    case 'at': {
      if (!a.dateValid || !b.dateValid) return null
      // At the same instant a creation comes before an update.
      return Date.parse(a.at) - Date.parse(b.at) || compareKey(a, b, 'action')
    }
    case 'by':
      if (a.by === null || b.by === null) return null
      return collator.compare(a.by, b.by)
    case 'entity':
      return entityKinds.indexOf(a.entityKind) - entityKinds.indexOf(b.entityKind) || collator.compare(a.entityLabel, b.entityLabel)
    case 'action':
      return a.action === b.action ? 0 : a.action === 'created' ? -1 : 1
  }
}

function missing(e: AuditEvent, key: AuditSortKey): boolean {
  return key === 'at' ? !e.dateValid : key === 'by' ? e.by === null : false
}

/** A new array, sorted; missing values (no date, no person) stay last in either direction. */
export function sortAuditEvents(events: readonly AuditEvent[], sort: AuditSort): AuditEvent[] {
  const sign = sort.direction === 'asc' ? 1 : -1
  return [...events].sort((a, b) => {
    const ma = missing(a, sort.key)
    const mb = missing(b, sort.key)
    if (ma !== mb) return ma ? 1 : -1
    const c = ma ? 0 : (compareKey(a, b, sort.key) ?? 0)
    if (c !== 0) return sign * c
    // Ties: newest first, then by id, so the order never depends on the input order.
    if (a.dateValid && b.dateValid && a.at !== b.at) return Date.parse(b.at) - Date.parse(a.at)
    if (a.dateValid !== b.dateValid) return a.dateValid ? -1 : 1
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

/** Distinct people in the events, sorted, with null (no person recorded) last. */
export function auditPeople(events: readonly AuditEvent[]): (string | null)[] {
  const names = [...new Set(events.map((e) => e.by))]
  const named = names.filter((n): n is string => n !== null).sort(collator.compare)
  return names.includes(null) ? [...named, null] : named
}
