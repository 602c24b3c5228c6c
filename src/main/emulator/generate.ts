// Deterministic, realistic customer data for the emulator. Each account is drawn from its own
// PRNG stream (seed, index), so the same seed gives the same accounts whatever the count: the
// first 200 accounts of a 100k tenant are the 200 accounts of a small one.
import { DEMO_SITE, DEMO_TENANT } from '../../shared/demo'
import type { AuditInfo, CustomerAccount, CustomerAttribute, CustomerContact, CustomerNote, CustomerSegment } from '../../shared/kibo'
import * as W from './names'

export interface GeneratedCart {
  cartId: string
  accountId: number
  userId: string
}

export interface GeneratedTenant {
  /** The seed the accounts were drawn from; the 360 sections are drawn lazily from it (7 when absent). */
  seed?: number
  tenant: number
  site: number
  accounts: CustomerAccount[]
  carts: GeneratedCart[]
}

export interface GenerateOptions {
  seed: number
  count: number
  tenant?: number
  site?: number
}

export const DEFAULT_TENANT = DEMO_TENANT
export const DEFAULT_SITE = DEMO_SITE
export const FIRST_ACCOUNT_ID = 1000

// Dates are relative to a fixed instant, never the clock, so output is reproducible.
export const AS_OF = Date.UTC(2025, 5, 1)
export const DAY = 86_400_000
const SIX_YEARS = 6 * 365 * DAY

/** mulberry32: tiny, fast, good enough for test data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function streamSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

export class Draw {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]
  }
  hex32(): string {
    let s = ''
    for (let i = 0; i < 16; i++) s += HEX[Math.floor(this.next() * 256)]
    return s
  }
  digits(n: number): string {
    let s = ''
    for (let i = 0; i < n; i++) s += String(this.int(0, 9))
    return s
  }
  letter(): string {
    return String.fromCharCode(65 + this.int(0, 25))
  }
  /** A time between from and to (ms), skewed towards `to` when skew > 1. */
  between(from: number, to: number, skew = 1): number {
    const r = skew === 1 ? this.next() : 1 - Math.pow(this.next(), skew)
    return Math.floor(from + r * Math.max(0, to - from))
  }
}

export const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

export const iso = (ms: number): string => new Date(ms).toISOString()

function audit(d: Draw, createdAfter: number, createBy: string): AuditInfo {
  const created = d.between(createdAfter, AS_OF)
  const updated = d.chance(0.4) ? created : d.between(created, AS_OF)
  return { createBy, createDate: iso(created), updateBy: d.chance(0.7) ? createBy : d.pick(W.admins), updateDate: iso(updated) }
}

const asciiCache = new Map<string, string>()

/** A name as it would appear in an email address. Cached: the lists are small, the calls many. */
export function ascii(name: string): string {
  let out = asciiCache.get(name)
  if (out === undefined) asciiCache.set(name, (out = toAscii(name)))
  return out
}

function toAscii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase()
}

function postal(d: Draw, kind: W.CountryInfo['postal']): string {
  switch (kind) {
    case 'us':
      return d.digits(5)
    case 'de':
      return d.digits(5)
    case 'ca':
      return `${d.letter()}${d.digits(1)}${d.letter()} ${d.digits(1)}${d.letter()}${d.digits(1)}`
    case 'gb':
      return `${d.letter()}${d.letter()}${d.int(1, 20)} ${d.digits(1)}${d.letter()}${d.letter()}`
  }
}

export function phone(d: Draw, c: W.CountryInfo): string {
  return c.phonePrefix === '+1'
    ? `+1 ${d.int(201, 989)}-${d.digits(3)}-${d.digits(4)}`
    : `${c.phonePrefix} ${d.int(20, 99)} ${d.digits(4)} ${d.digits(4)}`
}

interface Person {
  first: string
  last: string
  email: string
  country: W.CountryInfo
  company: string | null
}

function contact(d: Draw, accountId: number, k: number, p: Person, since: number, by: string): CustomerContact {
  const self = k === 0 || d.chance(0.7)
  const first = self ? p.first : d.pick(W.firstNames)
  const last = self ? p.last : d.chance(0.6) ? p.last : d.pick(W.lastNames)
  const country = k === 0 || d.chance(0.8) ? p.country : d.pick(W.countries)
  const [city, region] = d.pick(country.regions)
  const types =
    k === 0
      ? [
          { name: 'Billing', isPrimary: true },
          { name: 'Shipping', isPrimary: true },
        ]
      : [{ name: d.chance(0.5) ? 'Shipping' : 'Billing', isPrimary: false }]
  return {
    accountId,
    types,
    auditInfo: audit(d, since, by),
    faxNumber: p.company && d.chance(0.2) ? phone(d, country) : null,
    label: d.chance(0.5) ? d.pick(W.contactLabels) : null,
    id: accountId * 10 + k,
    email: self ? p.email : `${ascii(first)}.${ascii(last)}@${d.pick(W.emailDomains)}`,
    firstName: first,
    middleNameOrInitial: d.chance(0.2) ? d.pick(W.middleInitials) : null,
    lastNameOrSurname: last,
    companyOrOrganization: p.company,
    phoneNumbers: {
      home: d.chance(0.5) ? phone(d, country) : null,
      mobile: d.chance(0.8) ? phone(d, country) : null,
      work: p.company || d.chance(0.2) ? phone(d, country) : null,
    },
    address: {
      address1: `${d.int(1, 9999)} ${d.pick(W.streets)}`,
      address2: d.chance(0.25) ? `Apt ${d.int(1, 120)}` : null,
      address3: null,
      address4: null,
      cityOrTown: city,
      stateOrProvince: region,
      postalOrZipCode: postal(d, country.postal),
      countryCode: country.code,
      addressType: p.company ? 'Commercial' : 'Residential',
      isValidated: d.chance(0.7),
    },
  }
}

function attributes(d: Draw, since: number): CustomerAttribute[] {
  const all: Array<() => CustomerAttribute> = [
    () => ({ fullyQualifiedName: 'tenant~loyalty-tier', attributeDefinitionId: 11, values: [d.pick(W.loyaltyTiers)] }),
    () => ({ fullyQualifiedName: 'tenant~loyalty-points', attributeDefinitionId: 12, values: [d.int(0, 25_000)] }),
    () => ({ fullyQualifiedName: 'tenant~birth-month', attributeDefinitionId: 13, values: [d.int(1, 12)] }),
    () => ({ fullyQualifiedName: 'tenant~preferred-store', attributeDefinitionId: 14, values: [d.pick(W.preferredStores)] }),
    () => ({ fullyQualifiedName: 'tenant~sms-opt-in', attributeDefinitionId: 15, values: [d.chance(0.5)] }),
    () => ({
      fullyQualifiedName: 'tenant~interests',
      attributeDefinitionId: 16,
      values: ['outdoor', 'kitchen', 'kids', 'tech'].filter(() => d.chance(0.5)),
    }),
  ]
  const n = d.int(0, 5)
  const start = d.int(0, all.length - 1)
  const out: CustomerAttribute[] = []
  for (let i = 0; i < n; i++) {
    const a = all[(start + i) % all.length]()
    out.push({ auditInfo: audit(d, since, d.pick(W.admins)), ...a })
  }
  return out
}

function account(seed: number, index: number): { account: CustomerAccount; cartCount: number } {
  const d = new Draw(mulberry32(streamSeed(seed, index)))
  const id = FIRST_ACCOUNT_ID + index
  const created = AS_OF - d.between(0, SIX_YEARS, 1.6) // more recent sign-ups than old ones
  const isAnonymous = d.chance(0.03)
  const b2b = !isAnonymous && d.chance(0.08)
  const first = d.pick(W.firstNames)
  const last = d.pick(W.lastNames)
  const country = d.pick(W.countries)
  const email = `${ascii(first)}.${ascii(last)}${d.chance(0.5) ? d.int(1, 999) : ''}@${d.pick(W.emailDomains)}`
  const company = b2b ? d.pick(W.companies) : null
  const person: Person = { first, last, email, country, company }
  const selfRegistered = !b2b && d.chance(0.6)
  const userId = isAnonymous ? null : d.hex32()
  const createBy = selfRegistered && userId ? userId : d.pick(W.admins)
  const accountAudit = audit(d, created, createBy)
  const createdAt = Date.parse(accountAudit.createDate!)

  const orderCount = isAnonymous ? d.int(0, 1) : Math.floor(Math.pow(d.next(), 2.5) * 60)
  const contactCount = isAnonymous ? d.int(0, 1) : d.int(b2b ? 1 : 0, 4)
  const contacts: CustomerContact[] = []
  for (let k = 0; k < contactCount; k++) contacts.push(contact(d, id, k, person, createdAt, createBy))
  const notes: CustomerNote[] = []
  for (let k = 0, n = d.int(0, 4); k < n; k++)
    notes.push({ id: id * 10 + k, content: d.pick(W.noteTemplates), auditInfo: audit(d, createdAt, d.pick(W.admins)) })
  const segments: CustomerSegment[] = []
  for (const s of W.segments) {
    if (segments.length < 3 && d.chance(b2b && s.code === 'WHOLESALE' ? 0.9 : 0.12))
      segments.push({ ...s, auditInfo: audit(d, createdAt, d.pick(W.admins)) })
  }
  const taxExempt = b2b ? d.chance(0.4) : d.chance(0.01)
  const result: CustomerAccount = {
    id,
    customerSet: d.chance(0.9) ? 'default' : 'outlet',
    commerceSummary: {
      totalOrderAmount: { currencyCode: 'USD', amount: Math.round(orderCount * d.between(1500, 25_000)) / 100 },
      orderCount,
      lastOrderDate: orderCount > 0 ? iso(d.between(createdAt, AS_OF, 2)) : null,
      wishlistCount: d.int(0, 5),
      visitsCount: orderCount + d.int(0, 200),
    },
    contacts,
    companyOrOrganization: company,
    notes,
    attributes: attributes(d, createdAt),
    segments,
    taxExempt,
    taxId: taxExempt ? `${country.code}${d.digits(9)}` : null,
    externalId: d.chance(0.3) ? `ERP-${d.digits(7)}` : null,
    auditInfo: accountAudit,
    customerSinceDate: accountAudit.createDate,
    accountType: b2b ? 'B2B' : 'B2C',
    migrationRequired: false,
    emailAddress: email,
    userName: isAnonymous ? null : d.chance(0.7) ? email : `${ascii(first)}${ascii(last).slice(0, 8)}${d.int(1, 99)}`,
    firstName: isAnonymous && d.chance(0.5) ? null : first,
    lastName: isAnonymous && d.chance(0.5) ? null : last,
    localeCode: d.chance(0.9) ? country.locale : 'en-US',
    userId,
    isAnonymous,
    isLocked: d.chance(0.02),
    isActive: d.chance(0.95),
    acceptsMarketing: d.chance(0.45),
    hasExternalPassword: d.chance(0.05),
  }
  return { account: result, cartCount: isAnonymous ? 0 : d.int(1, 2) }
}

/** Account `index` of the tenant `seed` draws, alone: the same as generateAccounts' (for files too large to generate at once). */
export function generatedAccount(seed: number, index: number): CustomerAccount {
  return account(seed, index).account
}

export function generateAccounts(options: GenerateOptions): GeneratedTenant {
  const { seed, count } = options
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer')
  const accounts: CustomerAccount[] = new Array(count)
  const carts: GeneratedCart[] = []
  // Cart ids come from a separate stream so adding carts never shifts account data.
  const cartDraw = new Draw(mulberry32(streamSeed(seed, -1)))
  for (let i = 0; i < count; i++) {
    const { account: a, cartCount } = account(seed, i)
    accounts[i] = a
    for (let c = 0; c < cartCount; c++) carts.push({ cartId: cartDraw.hex32(), accountId: a.id!, userId: a.userId! })
  }
  return { seed, tenant: options.tenant ?? DEFAULT_TENANT, site: options.site ?? DEFAULT_SITE, accounts, carts }
}
