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

// ---------------------------------------------------------------------------------------------
// One timeline of both sources: Kibo's field-level audit log (AuditLog/Entries) and the auditInfo
// stamps above. The log keeps every change with its old and new value; the stamps keep only the
// first and the latest of each entity, so they are shown beside it, each row saying where it came from.

/** One entry of GET /commerce/customer/accounts/{accountId}/AuditLog/Entries (CustomerAuditEntry). */
export interface AuditLogEntry {
  customerAccountId?: number | null
  customerAuditEntryId?: number | null
  entryDate?: string | null
  entryUser?: string | null
  application?: string | null
  site?: string | null
  description?: string | null
  fieldPath?: string | null
  oldValue?: string | null
  newValue?: string | null
}

export type TimelineSource = 'log' | 'stamp'
/** A field change (from the audit log) or a created/updated stamp (from auditInfo). */
export type TimelineKind = 'change' | 'created' | 'updated'

export interface TimelineRow {
  id: string
  source: TimelineSource
  kind: TimelineKind
  /** ISO 8601 when the date parsed; otherwise Kibo's raw text ('' when missing). */
  at: string
  dateValid: boolean
  by: string | null
  application: string | null
  site: string | null
  /** The field the log names ("emailAddress", "contacts[0].email"); for a stamp, the entity's path or null for the account. */
  fieldPath: string | null
  oldValue: string | null
  newValue: string | null
  description: string | null
  /** For a stamp: "Contact 12 · Billing"; for a change: the field path. */
  entityLabel: string
}

/** Entries of the next page appended to those already read; an entry read twice (pages shifted) is kept once. */
export function mergeLogPages(read: readonly AuditLogEntry[], page: readonly AuditLogEntry[]): AuditLogEntry[] {
  const seen = new Set(read.map((e, i) => e.customerAuditEntryId ?? `#${i}`))
  const out = [...read]
  for (const entry of page) {
    if (!entry || typeof entry !== 'object') continue
    const id = entry.customerAuditEntryId
    if (id != null && seen.has(id)) continue
    if (id != null) seen.add(id)
    out.push(entry)
  }
  return out
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : value == null ? null : String(value))

export function timelineRows(events: readonly AuditEvent[], entries: readonly AuditLogEntry[]): TimelineRow[] {
  const rows: TimelineRow[] = events.map((e) => ({
    id: `stamp:${e.id}`,
    source: 'stamp',
    kind: e.action,
    at: e.at,
    dateValid: e.dateValid,
    by: e.by,
    application: null,
    site: null,
    fieldPath: e.path || null,
    oldValue: null,
    newValue: null,
    description: null,
    entityLabel: e.entityLabel,
  }))
  entries.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object') return
    const when = stamp(entry.entryDate)
    const fieldPath = text(entry.fieldPath)
    rows.push({
      id: `log:${entry.customerAuditEntryId ?? `#${i}`}`,
      source: 'log',
      kind: 'change',
      at: when.at,
      dateValid: when.dateValid,
      by: clean(entry.entryUser),
      application: clean(entry.application),
      site: clean(entry.site),
      fieldPath,
      oldValue: text(entry.oldValue),
      newValue: text(entry.newValue),
      description: clean(entry.description),
      entityLabel: fieldPath ?? 'Account',
    })
  })
  return sortTimeline(rows, { key: 'at', direction: 'desc' })
}

/** "contacts[0].Email" → "contacts.email": list positions and letter case do not tell fields apart. */
export function normalizeFieldPath(path: string): string {
  return path
    .trim()
    .replace(/\[\d*\]/g, '')
    .replace(/^\.+|\.+$/g, '')
    .toLowerCase()
}

/** Whether a row's field is the one asked for, or lies inside it ("contacts" holds "contacts[0].email"). */
export function fieldPathMatches(rowPath: string | null, wanted: string): boolean {
  const want = normalizeFieldPath(wanted)
  if (want === '') return true
  if (rowPath === null) return false
  const have = normalizeFieldPath(rowPath)
  return have === want || have.startsWith(`${want}.`)
}

export interface TimelineFilter {
  /** Only changes to this field (or inside it); stamps name no field and drop out. */
  fieldPath?: string
  /** Only these people (null = no person recorded). */
  people?: (string | null)[]
  /** Only these applications (null = none recorded: every stamp). */
  applications?: (string | null)[]
  kinds?: TimelineKind[]
  sources?: TimelineSource[]
  /** Inclusive days, YYYY-MM-DD in the viewer's time zone. */
  from?: string
  to?: string
  /** Words found, ignoring case, in the old or new value, the description, the field or the person. */
  search?: string
}

export function filterTimeline(rows: readonly TimelineRow[], filter: TimelineFilter, timeZone?: string): TimelineRow[] {
  const people = filter.people ? new Set(filter.people) : null
  const applications = filter.applications ? new Set(filter.applications) : null
  const kinds = filter.kinds ? new Set(filter.kinds) : null
  const sources = filter.sources ? new Set(filter.sources) : null
  const from = validDay(filter.from)
  const to = validDay(filter.to)
  const field = filter.fieldPath?.trim() ?? ''
  const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  return rows.filter((r) => {
    if (field !== '' && (r.source !== 'log' || !fieldPathMatches(r.fieldPath, field))) return false
    if (people && !people.has(r.by)) return false
    if (applications && !applications.has(r.application)) return false
    if (kinds && !kinds.has(r.kind)) return false
    if (sources && !sources.has(r.source)) return false
    if (from || to) {
      if (!r.dateValid) return false
      const day = localDay(Date.parse(r.at), timeZone)
      if (from && day < from) return false
      if (to && day > to) return false
    }
    if (words.length > 0) {
      const hay = [r.oldValue, r.newValue, r.description, r.fieldPath, r.entityLabel, r.by]
        .filter((x) => x !== null)
        .join('\n')
        .toLowerCase()
      if (!words.every((w) => hay.includes(w))) return false
    }
    return true
  })
}

export type TimelineSortKey = 'at' | 'by' | 'application' | 'field' | 'source'
export interface TimelineSort {
  key: TimelineSortKey
  direction: SortDirection
}

function timelineValue(r: TimelineRow, key: Exclude<TimelineSortKey, 'at'>): string | null {
  switch (key) {
    case 'by':
      return r.by
    case 'application':
      return r.application
    case 'field':
      return r.fieldPath ?? r.entityLabel
    case 'source':
      return r.source
  }
}

/** A new array, sorted; rows without the value (no date, no person, no application) stay last either way. */
export function sortTimeline(rows: readonly TimelineRow[], sort: TimelineSort): TimelineRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    let c = 0
    if (sort.key === 'at') {
      if (a.dateValid !== b.dateValid) return a.dateValid ? -1 : 1
      if (a.dateValid) c = Date.parse(a.at) - Date.parse(b.at)
    } else {
      const va = timelineValue(a, sort.key)
      const vb = timelineValue(b, sort.key)
      if ((va === null) !== (vb === null)) return va === null ? 1 : -1
      if (va !== null && vb !== null) c = collator.compare(va, vb)
    }
    if (c !== 0) return sign * c
    // Ties: newest first, then by id, so the order never depends on the input order.
    if (a.dateValid && b.dateValid && a.at !== b.at) return Date.parse(b.at) - Date.parse(a.at)
    if (a.dateValid !== b.dateValid) return a.dateValid ? -1 : 1
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

/** Distinct values of one column, sorted, with null (not recorded) last. */
export function timelineValues(rows: readonly TimelineRow[], pick: (r: TimelineRow) => string | null): (string | null)[] {
  const values = [...new Set(rows.map(pick))]
  const named = values.filter((n): n is string => n !== null).sort(collator.compare)
  return values.includes(null) ? [...named, null] : named
}
