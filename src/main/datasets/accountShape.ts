// What counts as a customer account, and where tokens might hide, in a file someone opened.
import type { AccountProblem } from '../../shared/contract'
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

/** What a value is, for a message that says what a file holds instead: kinds and counts, never its text. */
export function describeValue(value: unknown): string {
  if (isPlainObject(value)) {
    const keys = Object.keys(value).length
    if (keys === 0) return 'an empty object'
    return `an object with ${keys} key${keys === 1 ? '' : 's'}, none of them an account's (such as id, emailAddress or userName)`
  }
  return `${kindOf(value)}, not an object`
}

/** A JSON value's kind in words: "text", "a number", "true/false", "a list", "an object", "null". */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  switch (typeof value) {
    case 'string':
      return 'text'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true/false'
    case 'object':
      return 'an object'
    default:
      return typeof value
  }
}

type Expected = 'integer' | 'text' | 'true/false' | 'list' | 'object'

// The type each account field must have for the views to read it (null is always allowed: Kibo sends it).
const expectedTypes: Record<string, Expected> = {
  id: 'integer',
  customerSet: 'text',
  companyOrOrganization: 'text',
  taxId: 'text',
  externalId: 'text',
  customerSinceDate: 'text',
  accountType: 'text',
  emailAddress: 'text',
  userName: 'text',
  firstName: 'text',
  lastName: 'text',
  localeCode: 'text',
  userId: 'text',
  taxExempt: 'true/false',
  migrationRequired: 'true/false',
  isAnonymous: 'true/false',
  isLocked: 'true/false',
  isActive: 'true/false',
  acceptsMarketing: 'true/false',
  hasExternalPassword: 'true/false',
  contacts: 'list',
  notes: 'list',
  attributes: 'list',
  segments: 'list',
  commerceSummary: 'object',
  auditInfo: 'object',
}
/** The account's own single-valued fields (text, numbers, true/false): what most filters read. */
export const SCALAR_FIELDS: readonly string[] = Object.keys(expectedTypes).filter(
  (key) => expectedTypes[key] !== 'list' && expectedTypes[key] !== 'object',
)

const expectedNames: Record<Expected, string> = {
  integer: 'a whole number',
  text: 'text',
  'true/false': 'true/false',
  list: 'a list',
  object: 'an object',
}

function fits(value: unknown, expected: Expected): boolean {
  if (value === null || value === undefined) return true
  switch (expected) {
    case 'integer':
      return Number.isInteger(value)
    case 'text':
      return typeof value === 'string'
    case 'true/false':
      return typeof value === 'boolean'
    case 'list':
      return Array.isArray(value)
    case 'object':
      return isPlainObject(value)
  }
}

/** At most this many accounts are listed; the count covers them all. */
export const MAX_LISTED_PROBLEMS = 200

/** Accounts with fields of the wrong type, told one at a time: a bounded list and how many in all. */
export class ProblemList {
  readonly list: AccountProblem[] = []
  total = 0

  check(account: CustomerAccount, index: number): void {
    const fields = problemFields(account as Record<string, unknown>)
    if (!fields) return
    this.total++
    if (this.list.length < MAX_LISTED_PROBLEMS)
      this.list.push({ index, id: Number.isInteger(account.id) ? (account.id as number) : null, fields })
  }
}

function problemFields(account: Record<string, unknown>): AccountProblem['fields'] | null {
  let fields: AccountProblem['fields'] | null = null
  for (const key in account) {
    const expected = expectedTypes[key]
    if (expected === undefined || fits(account[key], expected)) continue
    ;(fields ??= []).push({ field: key, expected: expectedNames[expected], found: kindOf(account[key]) })
  }
  return fields
}

export function accountProblems(accounts: readonly CustomerAccount[]): { list: AccountProblem[]; total: number } {
  const problems = new ProblemList()
  accounts.forEach((account, index) => problems.check(account, index))
  return { list: problems.list, total: problems.total }
}

// Byte patterns found in every spelling of the keys isSecretKey (../exports/secrets) names —
// "accessToken", "refresh_token", "client_secret", "Password", "apiKey", "API_KEY",
// "Authorization", "set-cookie", "credentials" — in lower, upper and camel case, plus the start
// of a \u escape, because a key written "accessTok\u0065n" holds none of them until it is
// decoded (exports write non-ASCII as is, so real files rarely have escapes). An element without
// any of them has no secret key, so most elements skip the deep walk that strips secrets. Native
// search; parseFile.test.ts holds each spelling to this list.
const hints = [
  'oken"',
  'OKEN"',
  'ecret',
  'ECRET',
  'assword',
  'ASSWORD',
  'assWord',
  'key"', // apikey, api_key, api-key
  'Key"', // apiKey, api_Key
  'KEY"',
  'uthorization',
  'UTHORIZATION',
  'ookie',
  'OOKIE',
  'redential',
  'REDENTIAL',
  '\\u',
].map((text) => Buffer.from(text))
const flagOnly = Buffer.from('hasExternalP') // "hasExternalPassword" is a boolean in every account

// `"hasExternalPassword": true` or false: the one spelling of a secret-ish key that holds no secret.
// Anything else under it (a string, a number, a key cut by the end of the read) takes the slow path.
function isFlagEntry(bytes: Buffer, k: number): boolean {
  if (k < flagOnly.length) return false
  for (let j = 1; j <= flagOnly.length; j++) if (bytes[k - j] !== flagOnly[flagOnly.length - j]) return false
  let i = k + 'assword'.length
  if (bytes[i++] !== 0x22) return false
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i++
  if (bytes[i++] !== 0x3a) return false
  while (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d) i++
  return bytes[i] === 0x74 || bytes[i] === 0x66 // 't'rue or 'f'alse
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
        if (hint[0] === 0x61 && isFlagEntry(bytes, k)) continue
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
