// The OS keychain, reached through keytar (macOS Keychain, Windows Credential Vault, Secret Service on
// Linux). keytar is a native CommonJS module, loaded lazily so that a missing module or a missing
// Secret Service becomes a 'keychain-unavailable' answer instead of a crash at start-up.
import { createRequire } from 'node:module'

/** The part of keytar this app uses. */
export interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>
  setPassword(service: string, account: string, password: string): Promise<void>
  deletePassword(service: string, account: string): Promise<boolean>
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

export type LoadKeytar = () => Keytar

export const loadSystemKeytar: LoadKeytar = () => createRequire(import.meta.url)('keytar') as Keytar

/** The keychain "service" every entry of this app is filed under. */
export const SECRET_SERVICE_NAME = 'Account Inspector'

export const CLIENT_SECRET = 'client-secret'
/** What a secret is for: 'client-secret', or another short lower-case name. */
export type SecretKind = string

const kindPattern = /^[a-z][a-z0-9-]{0,39}$/

export function isSecretKind(kind: string): boolean {
  return kindPattern.test(kind)
}

/** One keychain account per profile and kind: "<profileId>:<kind>". */
export function accountKey(profileId: string, kind: SecretKind): string {
  return `${profileId}:${kind}`
}

/** Kinds hold no colon, so the last one splits even a profile id that contains colons. */
export function parseAccountKey(account: string): { profileId: string; kind: SecretKind } | null {
  const at = account.lastIndexOf(':')
  if (at <= 0) return null
  const kind = account.slice(at + 1)
  return isSecretKind(kind) ? { profileId: account.slice(0, at), kind } : null
}

/**
 * A short, single-line reason taken from a keychain error, with any secret we know of cut out.
 * keytar's own messages name only the missing argument, and libsecret's name the D-Bus failure, but
 * the values passed in are scrubbed anyway in case a platform layer ever echoes them.
 */
export function describeKeychainError(error: unknown, secrets: readonly string[] = []): string {
  let text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error'
  for (const secret of secrets) if (secret) text = text.split(secret).join('[redacted]')
  text = (text.split('\n')[0] ?? '').trim()
  if (text.length > 160) text = `${text.slice(0, 157)}...`
  return text || 'no reason given'
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} seconds`)), ms)
    timer.unref()
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
