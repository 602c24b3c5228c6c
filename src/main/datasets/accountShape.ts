// What counts as a customer account, and where tokens might hide, in a file someone opened.
import type { CustomerAccount } from '../../shared/kibo'

const accountKeys = new Set([
  'id',
  'customerSet',
  'commerceSummary',
  'contacts',
  'companyOrOrganization',
  'notes',
  'attributes',
  'segments',
  'taxExempt',
  'taxId',
  'externalId',
  'auditInfo',
  'customerSinceDate',
  'accountType',
  'migrationRequired',
  'emailAddress',
  'userName',
  'firstName',
  'lastName',
  'localeCode',
  'userId',
  'isAnonymous',
  'isLocked',
  'isActive',
  'acceptsMarketing',
  'hasExternalPassword',
])

// Keys only a customer account has; a product or an order has an `id` and maybe a `firstName` too.
const distinctive = [
  'emailAddress',
  'userName',
  'commerceSummary',
  'customerSet',
  'accountType',
  'customerSinceDate',
  'isAnonymous',
  'acceptsMarketing',
  'hasExternalPassword',
  'contacts',
]

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An account as Kibo returns it, possibly cut down by responseFields (then all its keys are account keys). */
export function looksLikeAccount(value: unknown): value is CustomerAccount {
  if (!isPlainObject(value)) return false
  if (distinctive.some((key) => Object.hasOwn(value, key))) return true
  const keys = Object.keys(value)
  return keys.length > 0 && typeof value.id === 'number' && keys.every((key) => accountKeys.has(key))
}

/** A CustomerAuthTicket: its account is what we keep. */
export function isTicket(value: unknown): value is { customerAccount: CustomerAccount } {
  return isPlainObject(value) && isPlainObject(value.customerAccount)
}

/** Up to `limit` keys of an object, for a message that says what a file holds instead. */
export function someKeys(value: Record<string, unknown>, limit = 8): string {
  const keys = Object.keys(value)
  const shown = keys.slice(0, limit).map((key) => (key.length > 40 ? `${key.slice(0, 40)}…` : key))
  return shown.join(', ') + (keys.length > limit ? `, … (${keys.length} keys)` : '')
}

// Byte patterns found in every spelling of the keys isSecretKey (../exports/secrets) names —
// "accessToken", "refresh_token", "client_secret", "Password", "apiKey", "API_KEY",
// "Authorization", "set-cookie" — in lower, upper and camel case. An element without any of them
// has no secret key, so most elements skip the deep walk that strips secrets. Native search,
// ~0.1 s per 100 MB. parseFile.test.ts holds each spelling to this list.
const hints = [
  'oken"',
  'OKEN"',
  'ecret',
  'ECRET',
  'assword',
  'ASSWORD',
  'assWord',
  'pikey',
  'piKey',
  'PIKEY',
  'pi_key',
  'PI_KEY',
  'pi-key',
  'PI-KEY',
  'uthorization',
  'UTHORIZATION',
  'ookie',
  'OOKIE',
].map((text) => Buffer.from(text))
const flagOnly = Buffer.from('hasExternalP') // "hasExternalPassword" is a boolean in every account

function isFlagName(bytes: Buffer, k: number): boolean {
  if (k < flagOnly.length) return false
  for (let j = 1; j <= flagOnly.length; j++) if (bytes[k - j] !== flagOnly[flagOnly.length - j]) return false
  return true
}

/** Offsets in a file where a secret key might be, found chunk by chunk as the file is read. */
export class SecretHints {
  #hits: number[] = []
  #next = 0
  #tail: Buffer = Buffer.alloc(0)

  /** Records hints in `bytes`, which start at file offset `position`. */
  scan(bytes: Buffer, position: number): void {
    const found: number[] = []
    // A pattern split across two reads: look at the seam too.
    if (this.#tail.length > 0) {
      const seam = Buffer.concat([this.#tail, bytes.subarray(0, 16)])
      // position - 1: the seam's last old byte, after every hint of the previous read, so hits stay sorted.
      for (const hint of hints) if (seam.indexOf(hint) !== -1) found.push(position - 1)
    }
    for (const hint of hints) {
      for (let k = bytes.indexOf(hint); k !== -1; k = bytes.indexOf(hint, k + hint.length)) {
        if (hint[0] === 0x61 && isFlagName(bytes, k)) continue
        found.push(position + k)
      }
    }
    if (found.length > 0) {
      found.sort((a, b) => a - b)
      for (const hit of found) this.#hits.push(hit)
    }
    // The last 16 bytes seen, even when a read is shorter than a hint (tiny reads in tests).
    this.#tail = bytes.length >= 16 ? Buffer.from(bytes.subarray(bytes.length - 16)) : Buffer.concat([this.#tail, bytes]).subarray(-16)
  }

  /** Whether a hint lies in [start, end). Ranges must be asked in increasing order. */
  within(start: number, end: number): boolean {
    const hits = this.#hits
    while (this.#next < hits.length && hits[this.#next] < start) this.#next++
    if (this.#next > 4096) {
      hits.splice(0, this.#next)
      this.#next = 0
    }
    return this.#next < hits.length && hits[this.#next] < end
  }
}
