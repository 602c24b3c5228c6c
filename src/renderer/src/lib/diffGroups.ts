// Arranges a compare result (DiffChange[]) for reading: grouped by the account's sections in the
// order the Account view shows them, with counts, and audit stamps separable from real changes.
import type { DiffChange } from '../../../shared/contract'

export type SectionId = 'identity' | 'status' | 'contacts' | 'attributes' | 'segments' | 'notes' | 'commerce' | 'audit' | 'other'

export const sectionTitles: Record<SectionId, string> = {
  identity: 'Identity',
  status: 'Status',
  contacts: 'Contacts',
  attributes: 'Attributes',
  segments: 'Segments',
  notes: 'Notes',
  commerce: 'Commerce',
  audit: 'Audit',
  other: 'Other fields',
}

const order: SectionId[] = ['identity', 'status', 'contacts', 'attributes', 'segments', 'notes', 'commerce', 'audit', 'other']

const sectionOfKey: Record<string, SectionId> = {
  id: 'identity',
  userId: 'identity',
  externalId: 'identity',
  userName: 'identity',
  emailAddress: 'identity',
  firstName: 'identity',
  lastName: 'identity',
  companyOrOrganization: 'identity',
  customerSet: 'identity',
  accountType: 'identity',
  localeCode: 'identity',
  taxId: 'identity',
  customerSinceDate: 'identity',
  isActive: 'status',
  isLocked: 'status',
  isAnonymous: 'status',
  taxExempt: 'status',
  acceptsMarketing: 'status',
  hasExternalPassword: 'status',
  migrationRequired: 'status',
  contacts: 'contacts',
  attributes: 'attributes',
  segments: 'segments',
  notes: 'notes',
  commerceSummary: 'commerce',
  auditInfo: 'audit',
}

/**
 * The steps of a change's path, whatever notation: "contacts[0].email", "contacts[id=5].email",
 * "contacts.0.email" or a JSON pointer "/contacts/0/email". Indices come back as text.
 */
export function pathParts(path: string): string[] {
  if (path.startsWith('/'))
    return path
      .slice(1)
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  const parts: string[] = []
  // Dots and brackets separate steps: [0], [id=5] (main's keyed array items), ["key.with.dots"].
  const step = /([^.[\]]+)|\[(["'])(.*?)\2\]|\[([^\]]*)\]/g
  for (let m = step.exec(path); m !== null; m = step.exec(path)) parts.push(m[1] ?? m[3] ?? m[4])
  return parts
}

export function sectionOf(path: string): SectionId {
  const top = pathParts(path)[0] ?? ''
  return sectionOfKey[top] ?? 'other'
}

/** A change only to audit stamps (who/when), anywhere: the top-level auditInfo or a contact's. */
export function isAuditOnly(change: DiffChange): boolean {
  return pathParts(change.path).includes('auditInfo')
}

export interface Counts {
  added: number
  removed: number
  changed: number
  total: number
}

export interface DiffGroup {
  id: SectionId
  title: string
  changes: DiffChange[]
  counts: Counts
}

export function countChanges(changes: readonly DiffChange[]): Counts {
  const counts: Counts = { added: 0, removed: 0, changed: 0, total: changes.length }
  for (const c of changes) counts[c.kind]++
  return counts
}

/** Sections in display order, each with its changes in the order main gave them; empty ones left out. */
export function groupChanges(changes: readonly DiffChange[], hideAuditOnly: boolean): DiffGroup[] {
  const bySection = new Map<SectionId, DiffChange[]>()
  for (const change of changes) {
    if (hideAuditOnly && isAuditOnly(change)) continue
    const id = sectionOf(change.path)
    const list = bySection.get(id) ?? []
    list.push(change)
    bySection.set(id, list)
  }
  return order
    .filter((id) => bySection.has(id))
    .map((id) => {
      const list = bySection.get(id) ?? []
      return { id, title: sectionTitles[id], changes: list, counts: countChanges(list) }
    })
}

export interface CompactValue {
  /** One line, at most `max` characters (an ellipsis marks the cut). */
  short: string
  /** The whole value, indented, for the expanded view. */
  full: string
  truncated: boolean
}

/** JSON text of a value for a diff cell. `undefined` (absent on that side) reads "—". */
export function compactValue(value: unknown, max = 80): CompactValue {
  if (value === undefined) return { short: '—', full: '—', truncated: false }
  let oneLine: string
  let full: string
  try {
    oneLine = JSON.stringify(value) ?? String(value)
    full = JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    oneLine = full = String(value)
  }
  if (oneLine.length <= max) return { short: oneLine, full, truncated: false }
  return { short: `${oneLine.slice(0, Math.max(1, max - 1))}…`, full, truncated: true }
}
