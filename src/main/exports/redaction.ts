// PII masking for exports. Masks are HMACs under a random key made per export: the same value
// always gets the same mask within one file (so "these two contacts share an email" survives),
// but a mask can't be reversed, and the same person gets different masks in two files.
// Masks keep the value's shape (an email stays an email, a phone keeps its punctuation) so the
// file still reads like real data and tools that check formats keep working.
// Kept as is: ids (including userId and externalId), flags, dates, amounts, segments, attributes.
import { createHmac, randomBytes } from 'node:crypto'
import { isSecretEntry, setOwn } from './secrets'

type Kind =
  'email' | 'user' | 'auditor' | 'first' | 'middle' | 'last' | 'company' | 'address' | 'city' | 'postal' | 'phone' | 'note' | 'tax'

// Which key holds what, wherever it appears (account, contact, note, audit info).
const kindByKey: Record<string, Kind> = {
  emailAddress: 'email',
  email: 'email',
  userName: 'user',
  createBy: 'auditor',
  updateBy: 'auditor',
  firstName: 'first',
  middleNameOrInitial: 'middle',
  lastName: 'last',
  lastNameOrSurname: 'last',
  companyOrOrganization: 'company',
  address1: 'address',
  address2: 'address',
  address3: 'address',
  address4: 'address',
  cityOrTown: 'city',
  postalOrZipCode: 'postal',
  faxNumber: 'phone',
  taxId: 'tax',
}

// Keys that are PII only under a given parent: `phoneNumbers.home`, `notes[].content`.
const kindByParent: Record<string, Record<string, Kind>> = {
  phoneNumbers: { home: 'phone', mobile: 'phone', work: 'phone' },
  notes: { content: 'note' },
}

// First, middle and last names share one space so a contact named like its account masks alike.
const space: Record<Kind, string> = {
  email: 'email',
  user: 'email', // a user name is often the email: mask both the same way
  auditor: 'email',
  first: 'name',
  middle: 'name',
  last: 'name',
  company: 'company',
  address: 'address',
  city: 'city',
  postal: 'postal',
  phone: 'phone',
  note: 'note',
  tax: 'tax',
}

const emailShape = /^[^\s@]+@[^\s@]+$/
// Audit entries name an admin (PII) or a shopper's userId (an id: kept, so self-registration still shows).
const idShape = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i
const CACHE_LIMIT = 250_000

export interface Redactor {
  /** A masked deep copy of `value`, secrets dropped. The input is not changed. */
  redact<T>(value: T): T
  /** The mask of one value of a kind; exposed for tests. */
  mask(kind: Kind, value: string): string
}

export type { Kind as RedactionKind }

/** One redactor per export; `key` is for tests only (a fixed key makes masks predictable). */
export function createRedactor(key: Uint8Array = randomBytes(32)): Redactor {
  const cache = new Map<string, string>()

  function digest(kind: Kind, value: string, counter = 0): Buffer {
    return createHmac('sha256', key).update(`${space[kind]}\u0000${counter}\u0000${value}`).digest()
  }

  // `n` pseudo-random bytes for this value, as many as a long phone or postal code needs.
  function bytes(kind: Kind, value: string, n: number): Buffer {
    const parts: Buffer[] = []
    for (let counter = 0, have = 0; have < n; counter++, have += 32) parts.push(digest(kind, value, counter))
    return Buffer.concat(parts)
  }

  function hex(kind: Kind, value: string, length: number): string {
    return digest(kind, value).toString('hex').slice(0, length)
  }

  // Every digit becomes a digit and every letter a letter of the same case; punctuation stays.
  function sameShape(kind: Kind, value: string): string {
    const random = bytes(kind, value, value.length)
    let out = ''
    for (let i = 0; i < value.length; i++) {
      const c = value[i]
      const r = random[i]
      if (c >= '0' && c <= '9') out += String(r % 10)
      else if (c >= 'a' && c <= 'z') out += String.fromCharCode(97 + (r % 26))
      else if (c >= 'A' && c <= 'Z') out += String.fromCharCode(65 + (r % 26))
      else if (/\p{L}/u.test(c)) out += String.fromCharCode(65 + (r % 26))
      else out += c
    }
    return out
  }

  function compute(kind: Kind, value: string): string {
    const email = () => `user-${hex('email', value.trim().toLowerCase(), 10)}@redacted.invalid`
    switch (kind) {
      case 'email':
        return email()
      case 'user':
        return emailShape.test(value.trim()) ? email() : `user-${hex(kind, value, 10)}`
      case 'auditor':
        if (idShape.test(value)) return value
        return emailShape.test(value.trim()) ? email() : `admin-${hex('email', value.trim().toLowerCase(), 10)}`
      case 'first':
        return `First-${hex(kind, value, 8)}`
      case 'last':
        return `Last-${hex(kind, value, 8)}`
      case 'middle':
        // An initial stays an initial ("J." → "Q."); a full middle name gets a name-like mask.
        return value.length <= 2 ? sameShape(kind, value) : `Middle-${hex(kind, value, 8)}`
      case 'company':
        return `Company-${hex(kind, value, 8)}`
      case 'address':
        return `Address-${hex(kind, value, 10)}`
      case 'city':
        return `City-${hex(kind, value, 8)}`
      case 'note':
        return `Redacted note ${hex(kind, value, 10)}`
      case 'phone': {
        // The country code says little about a person and keeps the number readable.
        const prefix = /^\+\d{1,3}[\s-]/.exec(value)?.[0] ?? ''
        return prefix + sameShape(kind, value.slice(prefix.length))
      }
      case 'postal':
      case 'tax':
        return sameShape(kind, value)
    }
  }

  function mask(kind: Kind, value: string): string {
    if (value === '') return value
    const cacheKey = `${kind}\u0000${value}`
    let masked = cache.get(cacheKey)
    if (masked === undefined) {
      masked = compute(kind, value)
      if (cache.size >= CACHE_LIMIT) cache.clear()
      cache.set(cacheKey, masked)
    }
    return masked
  }

  function walk(value: unknown, parentKey: string | null): unknown {
    if (typeof value !== 'object' || value === null) return value
    if (Array.isArray(value)) return value.map((item) => walk(item, parentKey))
    const record = value as Record<string, unknown>
    const out: Record<string, unknown> = {}
    const byParent = parentKey === null ? undefined : kindByParent[parentKey]
    for (const key of Object.keys(record)) {
      const item = record[key]
      if (isSecretEntry(key, item)) continue
      const kind = byParent?.[key] ?? (Object.hasOwn(kindByKey, key) ? kindByKey[key] : undefined)
      setOwn(out, key, kind !== undefined && typeof item === 'string' ? mask(kind, item) : walk(item, key))
    }
    return out
  }

  return {
    redact: <T>(value: T) => walk(value, null) as T,
    mask,
  }
}
