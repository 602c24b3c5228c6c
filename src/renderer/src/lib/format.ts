// Pure formatting helpers for the account, audit and ticket views. No DOM, no clock: callers pass
// `now` and (for tests) a locale and time zone, so every function is deterministic.
import type { Address } from '../../../shared/kibo'

/**
 * The part of a parsed responseFields entry (`FieldNode` from src/shared/responseFields) that
 * matters here; real FieldNodes fit it, and tests can build nodes without source offsets.
 */
export interface SelectionNode {
  name: string
  children: readonly SelectionNode[] | null
}

/** Array indices in a path ("contacts", 0, "email") are skipped: Kibo selections treat arrays as transparent. */
export type FieldPath = readonly (string | number)[]

/**
 * Whether a responseFields selection (relative to the account) asked for `path`.
 * `null` (or an empty selection, which Kibo treats as none) means everything was requested.
 * A bare name selects its whole subtree; `contacts(id)` requests `contacts` and `contacts.id` but
 * not `contacts.email`. Names match exactly, as in the shared projection (`projectFields`).
 */
export function isRequested(requested: readonly SelectionNode[] | null, path: FieldPath): boolean {
  if (requested === null || requested.length === 0) return true
  const names = path.filter((p): p is string => typeof p === 'string' && !/^\d+$/.test(p))
  return matches(requested, names, 0)
}

function matches(nodes: readonly SelectionNode[], names: string[], at: number): boolean {
  if (at >= names.length) return true
  // The same name may appear twice (`contacts(id),contacts(email)`): any match counts.
  return nodes.some((n) => n.name === names[at] && (n.children === null || matches(n.children, names, at + 1)))
}

/** What a field cell shows: its value, "—" for requested-but-empty, or "not requested". */
export type FieldState = 'value' | 'empty' | 'not-requested'

export function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  )
}

/** A present value always wins: if Kibo sent it, it is shown even if the selection seems not to cover it. */
export function fieldState(requested: readonly SelectionNode[] | null, path: FieldPath, value: unknown): FieldState {
  if (!isBlank(value)) return 'value'
  return isRequested(requested, path) ? 'empty' : 'not-requested'
}

// ---- dates ----

const isoNoZone = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/

/**
 * Parses a Kibo date to epoch ms, or null if it is missing or not a date.
 * Kibo stores UTC; a timestamp without an offset is read as UTC, not as the viewer's local time.
 */
export function parseDate(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null
  const text = value.trim()
  const ms = Date.parse(isoNoZone.test(text) ? `${text}Z` : text)
  return Number.isNaN(ms) ? null : ms
}

export interface DateOptions {
  locale?: string
  timeZone?: string
}

/** "Mar 4, 2024, 3:05 PM" in the viewer's locale; null if the value is not a date. */
export function formatDateTime(value: string | null | undefined, opts: DateOptions = {}): string | null {
  const ms = parseDate(value)
  if (ms === null) return null
  return new Intl.DateTimeFormat(opts.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: opts.timeZone }).format(ms)
}

/** The canonical ISO form, for tooltips and `<time datetime>`; null if not a date. */
export function toIso(value: string | null | undefined): string | null {
  const ms = parseDate(value)
  return ms === null ? null : new Date(ms).toISOString()
}

/** The viewer's calendar day (YYYY-MM-DD) of an instant, for day-range filters. */
export function localDay(ms: number, timeZone?: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(ms)
}

/** JWT claims that hold NumericDate (seconds since the epoch), per RFC 7519 and OIDC. */
const epochClaims = new Set(['exp', 'iat', 'nbf', 'auth_time', 'updated_at'])

/** The ISO date of a time claim such as `exp`, or null if the claim is not one or not a number. */
export function claimDate(key: string, value: unknown): string | null {
  if (!epochClaims.has(key) || typeof value !== 'number' || !Number.isFinite(value)) return null
  const ms = value * 1000
  if (Math.abs(ms) > 8.64e15) return null
  return new Date(ms).toISOString()
}

// ---- countdowns ----

export type CountdownState = 'ok' | 'soon' | 'expired' | 'invalid'

export interface Countdown {
  /** "expires in 24 min 10 s", "expired 3 min ago", or "unknown expiry". */
  text: string
  state: CountdownState
  /** Milliseconds left (negative once expired); null when the target is not a date. */
  msLeft: number | null
}

/** Under two minutes left counts as "soon": time to refresh before a request fails. */
export const SOON_MS = 2 * 60 * 1000

export function formatCountdown(targetIso: string | null | undefined, nowMs: number): Countdown {
  const target = parseDate(targetIso)
  if (target === null) return { text: 'unknown expiry', state: 'invalid', msLeft: null }
  const msLeft = target - nowMs
  if (msLeft > 0) {
    // Round up so the last second reads "1 s", never "0 s", before it flips to expired.
    const text = `expires in ${formatSpan(Math.ceil(msLeft / 1000), 2)}`
    return { text, state: msLeft < SOON_MS ? 'soon' : 'ok', msLeft }
  }
  const ago = Math.floor(-msLeft / 1000)
  const text = ago < 1 ? 'expired just now' : `expired ${formatSpan(ago, 1)} ago`
  return { text, state: 'expired', msLeft }
}

/** "2 d 3 h", "1 h 5 min", "24 min 10 s", "45 s", with at most `parts` units. */
export function formatSpan(totalSeconds: number, parts: number): string {
  const units: [string, number][] = [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ]
  let rest = Math.max(0, Math.floor(totalSeconds))
  const out: string[] = []
  for (const [name, size] of units) {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0 || (out.length > 0 && out.length < parts)) out.push(`${n} ${name}`)
    if (out.length >= parts) break
  }
  // Drop trailing zero units: "1 h 0 min" reads better as "1 h".
  while (out.length > 1 && out[out.length - 1].startsWith('0 ')) out.pop()
  return out.length > 0 ? out.join(' ') : '0 s'
}

// ---- money, names, addresses, values ----

export function formatMoney(amount: number | null | undefined, currencyCode?: string | null, locale?: string): string | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return null
  const code = currencyCode?.trim()
  if (code) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency: code }).format(amount)
    } catch {
      // An unknown currency code: still show the number and the code as Kibo gave it.
      return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${code}`
    }
  }
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)
}

export function formatNumber(value: number | null | undefined, locale?: string): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? new Intl.NumberFormat(locale).format(value) : null
}

/** "Ada B. Lovelace" from the parts that are present; '' when none is. */
export function personName(...parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => (p ?? '').trim())
    .filter(Boolean)
    .join(' ')
}

/** Postal lines: street lines, then "City, ST 12345", then the country code. */
export function addressLines(address: Address | null | undefined): string[] {
  if (!address) return []
  const clean = (s: string | null | undefined) => (s ?? '').trim()
  const lines = [address.address1, address.address2, address.address3, address.address4].map(clean).filter(Boolean)
  const city = clean(address.cityOrTown)
  const region = personName(address.stateOrProvince, address.postalOrZipCode)
  const locality = [city, region].filter(Boolean).join(', ')
  if (locality) lines.push(locality)
  const country = clean(address.countryCode)
  if (country) lines.push(country)
  return lines
}

/** A plain-text rendering of any JSON value for a table cell. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/**
 * Keys of the account that look like two-factor settings. Kibo's schema has none today; if a
 * tenant's response carries one (`isTwoFactorEnabled`, `mfaEnabled`, ...), it is shown as is.
 */
export function twoFactorEntries(account: object): [string, unknown][] {
  return Object.entries(account).filter(([key]) => /two.?factor|mfa/i.test(key))
}
