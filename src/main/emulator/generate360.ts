// The customer side of the 360, drawn lazily per account from (seed, account id, section), so
// startup costs nothing and one account's sections never depend on which others were read:
// the field-level audit log (chains that end in the account's current values), login state,
// masked cards, visits with their transactions, the purchase-order account, store credits and
// gift cards.
import type { AuditInfo, CustomerAccount } from '../../shared/kibo'
import { AS_OF, DAY, Draw, iso, mulberry32, streamSeed } from './generate'
import * as W from './names'

/** Each section draws from its own stream, so adding to one never shifts another. */
export const Stream = {
  Audit: 0x1a001,
  Login: 0x1a002,
  Cards: 0x1a003,
  Visits: 0x1a004,
  PurchaseOrder: 0x1a005,
  Credits: 0x1a006,
  B2b: 0x1a007,
  Cart: 0x1a008,
  Orders: 0x1a009,
  Wishlists: 0x1a00a,
} as const
export type StreamId = (typeof Stream)[keyof typeof Stream]

export function drawFor(seed: number, stream: StreamId, key: number): Draw {
  return new Draw(mulberry32(streamSeed(seed ^ stream, key)))
}

export function stringKey(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

export const created = (a: CustomerAccount): number => Date.parse(a.auditInfo!.createDate!)
export const updated = (a: CustomerAccount): number => Date.parse(a.auditInfo!.updateDate!)
const cents = (n: number): number => Math.round(n * 100) / 100

export interface CustomerAuditEntry {
  customerAccountId: number
  customerAuditEntryId: number
  entryDate: string
  entryUser: string | null
  application: string | null
  site: string | null
  description: string | null
  fieldPath: string | null
  oldValue: string | null
  newValue: string | null
}

/** Applications that change customer records, as Kibo names the caller. */
const APPLICATIONS = {
  admin: 'Kibo Admin',
  storefront: 'Storefront',
  import: 'Customer Import',
  identity: 'Kibo Identity',
  crm: 'CRM Sync',
} as const

interface TrackedField {
  path: string
  label: string
  current: (a: CustomerAccount) => unknown
  /** An earlier value, different from `than`. */
  earlier: (d: Draw, a: CustomerAccount, than: unknown) => unknown
}

const otherEmail = (d: Draw, a: CustomerAccount): string =>
  `${(a.firstName ?? d.pick(W.firstNames)).toLowerCase().replace(/[^a-z]/g, '')}${d.int(1, 99)}@${d.pick(W.emailDomains)}`

const FIELDS: TrackedField[] = [
  { path: 'emailAddress', label: 'Email address', current: (a) => a.emailAddress, earlier: (d, a) => otherEmail(d, a) },
  { path: 'firstName', label: 'First name', current: (a) => a.firstName, earlier: (d) => d.pick(W.firstNames) },
  { path: 'lastName', label: 'Last name', current: (a) => a.lastName, earlier: (d) => d.pick(W.lastNames) },
  { path: 'userName', label: 'User name', current: (a) => a.userName, earlier: (d, a) => otherEmail(d, a) },
  { path: 'acceptsMarketing', label: 'Accepts marketing', current: (a) => a.acceptsMarketing, earlier: (_d, _a, v) => !v },
  { path: 'isActive', label: 'Active', current: (a) => a.isActive, earlier: (_d, _a, v) => !v },
  { path: 'taxExempt', label: 'Tax exempt', current: (a) => a.taxExempt, earlier: (_d, _a, v) => !v },
  {
    path: 'localeCode',
    label: 'Locale',
    current: (a) => a.localeCode,
    earlier: (d, _a, v) => (v === 'en-US' ? d.pick(['fr-CA', 'en-GB']) : 'en-US'),
  },
  { path: 'externalId', label: 'External id', current: (a) => a.externalId, earlier: (d) => `ERP-${d.digits(7)}` },
]

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

/**
 * The account's field-level history. Every tracked field is set when the account is created; some
 * change later, each change's old value being the previous one's new value, and the last new value
 * being what the account holds now. The latest change is the account's auditInfo.updateDate, by its
 * updateBy; a locked account's last entry is the lock.
 */
export function auditEntries(seed: number, a: CustomerAccount, site: number): CustomerAuditEntry[] {
  const d = drawFor(seed, Stream.Audit, a.id!)
  const start = created(a)
  const end = Math.max(start, updated(a))
  const selfService = a.userId && a.auditInfo?.createBy === a.userId
  const creator = a.auditInfo!.createBy ?? d.pick(W.admins)
  const raw: Array<Omit<CustomerAuditEntry, 'customerAccountId' | 'customerAuditEntryId'>> = []
  const entry = (at: number, user: string | null, app: string, description: string, path: string, oldV: unknown, newV: unknown) =>
    raw.push({
      entryDate: iso(at),
      entryUser: user,
      application: app,
      site: String(site),
      description,
      fieldPath: path,
      oldValue: asText(oldV),
      newValue: asText(newV),
    })

  // The chains, oldest value first; drawn before the creation entries so each knows its first value.
  const changes: Array<{ field: TrackedField; values: unknown[] }> = []
  for (const field of FIELDS) {
    const now = field.current(a)
    const changesOf =
      end > start && (now !== null || field.path !== 'externalId') && d.chance(field.path === 'emailAddress' ? 0.5 : 0.2) ? d.int(1, 3) : 0
    const values = [now]
    for (let k = 0; k < changesOf; k++) values.unshift(field.earlier(d, a, values[0]))
    changes.push({ field, values })
  }
  const createApp = selfService ? APPLICATIONS.storefront : d.chance(0.3) ? APPLICATIONS.import : APPLICATIONS.admin
  for (const { field, values } of changes) {
    if (values[0] === null || values[0] === undefined) continue
    entry(start, creator, createApp, `${field.label} set when the account was created`, field.path, null, values[0])
  }
  const later: Array<{ field: TrackedField; from: unknown; to: unknown }> = []
  for (const { field, values } of changes) for (let k = 1; k < values.length; k++) later.push({ field, from: values[k - 1], to: values[k] })
  // Times in order per field: each field's chain is drawn as sorted instants within (start, end].
  const times = later.map(() => d.between(start + 1, end)).sort((x, y) => x - y)
  // Order the changes so that each field's steps keep their order, while fields interleave.
  const byField = new Map<string, typeof later>()
  for (const c of later) byField.set(c.field.path, [...(byField.get(c.field.path) ?? []), c])
  const queue = [...byField.values()]
  let t = 0
  while (queue.some((q) => q.length > 0)) {
    const open = queue.filter((q) => q.length > 0)
    const c = d.pick(open).shift()!
    const at = t === times.length - 1 ? end : times[t]
    t++
    const last = t === times.length
    const user = last ? (a.auditInfo!.updateBy ?? creator) : self(d, a)
    const app =
      user === a.userId ? APPLICATIONS.storefront : user === 'integration@merchant.example.com' ? APPLICATIONS.crm : APPLICATIONS.admin
    entry(at, user, app, `${c.field.label} changed`, c.field.path, c.from, c.to)
  }
  if (a.isLocked) {
    const locked = lockTime(a)
    entry(locked, 'system', APPLICATIONS.identity, 'Locked after too many failed sign-in attempts', 'isLocked', false, true)
  }
  raw.sort((x, y) => (x.entryDate < y.entryDate ? -1 : x.entryDate > y.entryDate ? 1 : 0))
  return raw.map((e, i) => ({ customerAccountId: a.id!, customerAuditEntryId: a.id! * 1000 + i + 1, ...e }))
}

function self(d: Draw, a: CustomerAccount): string {
  return a.userId && d.chance(0.5) ? a.userId : d.pick(W.admins)
}

/** When a locked account was locked: after its last update, before the data's as-of instant. */
export function lockTime(a: CustomerAccount): number {
  const after = Math.max(created(a), updated(a))
  return after + Math.floor((AS_OF - after) * 0.5)
}

export interface LoginState {
  isPasswordChangeRequired: boolean
  lastPasswordChangeOn: string | null
  isLocked: boolean
  lastLockedOn: string | null
  failedLoginAttemptCount: number
  remainingLoginAttempts: number
  firstFailedLoginAttemptOn: string | null
  lastLoginOn: string | null
  createdOn: string | null
  updatedOn: string | null
}

export const MAX_LOGIN_ATTEMPTS = 5

/** Kibo's login state; the account's isLocked decides the lock, so the two never disagree. */
export function loginState(seed: number, a: CustomerAccount): LoginState {
  const d = drawFor(seed, Stream.Login, a.id!)
  const start = created(a)
  let lastLogin = d.chance(0.92) ? d.between(start, AS_OF, 2) : null
  const passwordChanged = d.chance(0.4) ? d.between(start, AS_OF) : start
  let failed = 0
  let firstFailed: number | null = null
  let lockedOn: number | null = null
  if (a.isLocked) {
    failed = MAX_LOGIN_ATTEMPTS
    lockedOn = lockTime(a)
    firstFailed = lockedOn - d.int(2, 90) * 60_000
  } else if (d.chance(0.15)) {
    failed = d.int(1, MAX_LOGIN_ATTEMPTS - 1)
    firstFailed = d.between(Math.max(start, AS_OF - 20 * DAY), AS_OF)
  }
  // A successful sign-in clears the failed attempts, so the last one came before the first failure.
  if (lastLogin !== null && firstFailed !== null && lastLogin >= firstFailed)
    lastLogin = start + Math.floor(((lastLogin - start) * Math.max(0, firstFailed - start - 60_000)) / Math.max(1, AS_OF - start))
  const stamps = [start, lastLogin ?? start, passwordChanged, firstFailed ?? start, lockedOn ?? start]
  return {
    isPasswordChangeRequired: !a.hasExternalPassword && (d.chance(0.06) || (a.isLocked === true && d.chance(0.5))),
    lastPasswordChangeOn: iso(passwordChanged),
    isLocked: a.isLocked === true,
    lastLockedOn: lockedOn === null ? null : iso(lockedOn),
    failedLoginAttemptCount: failed,
    remainingLoginAttempts: MAX_LOGIN_ATTEMPTS - failed,
    firstFailedLoginAttemptOn: firstFailed === null ? null : iso(firstFailed),
    lastLoginOn: lastLogin === null ? null : iso(lastLogin),
    createdOn: iso(start),
    updatedOn: iso(Math.max(...stamps)),
  }
}

export interface Card {
  id: string
  nameOnCard: string
  cardType: string
  expireMonth: number
  expireYear: number
  cardNumberPart: string
  contactId: number
  isDefaultPayMethod: boolean
}

const CARD_TYPES = [
  { type: 'VISA', digits: 16, first: '4' },
  { type: 'MC', digits: 16, first: '5' },
  { type: 'AMEX', digits: 15, first: '3' },
  { type: 'DISCOVER', digits: 16, first: '6' },
] as const

/** Saved cards: only a masked number part is ever drawn, never a full number. */
export function cards(seed: number, a: CustomerAccount): Card[] {
  const d = drawFor(seed, Stream.Cards, a.id!)
  if (a.isAnonymous) return []
  const n = d.chance(0.3) ? 0 : d.int(1, 3)
  const billing = a.contacts?.find((c) => c.types?.some((t) => t.name === 'Billing')) ?? a.contacts?.[0]
  const holder = [a.firstName, a.lastName].filter(Boolean).join(' ') || 'Card holder'
  const asOf = new Date(AS_OF)
  const out: Card[] = []
  for (let i = 0; i < n; i++) {
    const kind = d.pick(CARD_TYPES)
    out.push({
      id: d.hex32(),
      nameOnCard: i > 0 && d.chance(0.2) ? `${d.pick(W.firstNames)} ${a.lastName ?? ''}`.trim() : holder,
      cardType: kind.type,
      expireMonth: d.int(1, 12),
      expireYear: asOf.getUTCFullYear() + d.int(-1, 5),
      cardNumberPart: `${'*'.repeat(kind.digits - 4)}${d.digits(4)}`,
      contactId: billing?.id ?? 0,
      isDefaultPayMethod: i === 0,
    })
  }
  return out
}

export function cardNumberIsMasked(part: string): boolean {
  return /^\*{11,12}\d{4}$/.test(part)
}

export interface AuditStamp extends AuditInfo {
  createBy: string | null
  createDate: string
  updateBy: string | null
  updateDate: string
}

export function stamp(by: string | null, at: number, updatedAt = at, updatedBy = by): AuditStamp {
  return { createBy: by, createDate: iso(at), updateBy: updatedBy, updateDate: iso(updatedAt) }
}

export { cents }
