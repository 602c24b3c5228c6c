// Application tokens: POST {authUrl}/platform/applications/authtickets/oauth with the client
// credentials. Tokens are cached per (authUrl, clientId) and renewed before they expire; the
// secret is asked for only when a token must be fetched, used once, and not kept.
import { AppFailure } from '../../shared/errors'
import { badResponse, type FailureContext } from './failures'
import { execute, type Policy } from './request'
import type { Transport } from './transport'

export interface FetchedAppToken {
  accessToken: string
  /** Lifetime Kibo announced (expires_in); null when it announced none, or not a number. */
  expiresInSeconds: number | null
}

export type FetchAppToken = () => Promise<FetchedAppToken>

export interface AppTokenCacheOptions {
  /** Wall-clock milliseconds; injectable for tests. */
  now?: () => number
  /** Renew this long before expiry at most (default 60 s)... */
  maxMarginMs?: number
  /** ...and at most this share of the lifetime, so short-lived tokens are still used (default 0.1). */
  marginRatio?: number
}

/** A token whose lifetime makes no sense is renewed no more often than this... */
export const ODD_LIFETIME_RENEWAL_MS = 60_000
/** ...and one that claims to live longer than a year is renewed this often anyway. */
export const LONG_LIFETIME_RENEWAL_MS = 3_600_000
const YEAR_SECONDS = 365 * 24 * 3600

/**
 * How long to use a token Kibo said lives `expiresInSeconds`, and what to tell a person when that
 * lifetime is one the app cannot take at its word (missing, zero, negative, under a second, or
 * over a year): such a token is still used, renewed at a sane pace, never before every call.
 */
export function tokenLifetime(
  expiresInSeconds: number | null,
  margin: { maxMarginMs: number; marginRatio: number },
): { useForMs: number; warning: string | null } {
  const s = expiresInSeconds
  if (s === null || !Number.isFinite(s) || s < 1) {
    const said = s === null || !Number.isFinite(s) ? 'no usable lifetime (expires_in)' : `a lifetime (expires_in) of ${s} s`
    return {
      useForMs: ODD_LIFETIME_RENEWAL_MS,
      warning: `Kibo issued the application token with ${said}; the app uses it and renews it at most once a minute.`,
    }
  }
  if (s > YEAR_SECONDS)
    return {
      useForMs: LONG_LIFETIME_RENEWAL_MS,
      warning: `Kibo issued the application token with a lifetime (expires_in) of ${Math.round(s / YEAR_SECONDS)} years; the app renews it every hour instead.`,
    }
  const lifetimeMs = s * 1000
  return { useForMs: lifetimeMs - Math.min(margin.maxMarginMs, lifetimeMs * margin.marginRatio), warning: null }
}

export function appTokenKey(authUrl: string, clientId: string): string {
  return `${authUrl}\n${clientId}`
}

interface Entry {
  token?: string
  renewAt: number
  inflight?: Promise<string>
}

function cancelledWaitingForToken(): AppFailure {
  return new AppFailure({ kind: 'cancelled', message: 'Getting an application token was cancelled.' })
}

export class AppTokenCache {
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number
  readonly maxMarginMs: number
  readonly marginRatio: number
  // Keys already warned about an odd token lifetime: the warning is said once, not per renewal.
  private readonly warned = new Set<string>()

  constructor(options: AppTokenCacheOptions = {}) {
    this.now = options.now ?? Date.now
    this.maxMarginMs = options.maxMarginMs ?? 60_000
    this.marginRatio = options.marginRatio ?? 0.1
  }

  /**
   * A valid token for `key`, fetching one if needed. Concurrent callers share one fetch; a
   * caller's `signal` abandons only its own wait, never the shared fetch.
   */
  get(key: string, fetch: FetchAppToken, signal?: AbortSignal, onWarning?: (message: string) => void): Promise<string> {
    if (signal?.aborted) return Promise.reject(cancelledWaitingForToken())
    const entry = this.entries.get(key)
    let pending: Promise<string>
    if (entry?.token !== undefined && this.now() < entry.renewAt) return Promise.resolve(entry.token)
    if (entry?.inflight) pending = entry.inflight
    else pending = this.start(key, fetch, onWarning)
    if (!signal) return pending
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(cancelledWaitingForToken())
      signal.addEventListener('abort', onAbort, { once: true })
      pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  }

  /** Forget the token for `key`; with `token`, only if that is still the cached one (so a burst of
   *  401s for the same stale token causes one re-auth, not one each). */
  invalidate(key: string, token?: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    if (token !== undefined && entry.token !== token) return
    if (entry.inflight) entry.token = undefined
    else this.entries.delete(key)
  }

  // A fetch that started before clear() finishes on an entry no longer in the map: its token is
  // handed to those who waited for it, never cached.
  clear(): void {
    this.entries.clear()
  }

  private start(key: string, fetch: FetchAppToken, onWarning?: (message: string) => void): Promise<string> {
    const entry: Entry = this.entries.get(key) ?? { renewAt: 0 }
    entry.token = undefined
    this.entries.set(key, entry)
    const inflight = (async () => {
      try {
        const fetched = await fetch()
        const { useForMs, warning } = tokenLifetime(fetched.expiresInSeconds, this)
        if (warning && !this.warned.has(key)) {
          this.warned.add(key)
          if (this.warned.size > 100) this.warned.delete(this.warned.values().next().value as string)
          try {
            onWarning?.(warning)
          } catch {
            // An observer's bug must not lose the token.
          }
        }
        entry.token = fetched.accessToken
        entry.renewAt = this.now() + useForMs
        return fetched.accessToken
      } finally {
        // start() runs only for a key with no fetch in flight, so this one is the entry's own.
        entry.inflight = undefined
        if (entry.token === undefined && this.entries.get(key) === entry) this.entries.delete(key)
      }
    })()
    entry.inflight = inflight
    return inflight
  }
}

export interface AppCredentials {
  authUrl: string
  clientId: string
  /** Asked each time a token is fetched, so the secret lives only as long as the request. */
  getSecret: () => Promise<string>
}

/** One application-auth exchange, with the shared retry policy (5xx, resets, 429). */
export async function fetchAppToken(transport: Transport, policy: Policy, credentials: AppCredentials): Promise<FetchedAppToken> {
  let secret: string
  try {
    secret = await credentials.getSecret()
  } catch (error) {
    if (error instanceof AppFailure) throw error
    // The underlying error could quote the secret store's internals; say only what happened.
    throw new AppFailure({
      kind: 'secret-missing',
      message: 'The client secret could not be read.',
      hint: 'Enter the client secret for this profile again.',
    })
  }
  if (typeof secret !== 'string' || secret === '')
    throw new AppFailure({
      kind: 'secret-missing',
      message: 'This profile has no client secret.',
      hint: 'Enter the client secret for this profile.',
    })
  const ctx: FailureContext = { action: 'Getting an application token', appAuth: true, knownSecrets: [secret] }
  const answer = await execute(transport, policy, {
    ctx,
    method: 'POST',
    baseUrl: credentials.authUrl,
    path: '/platform/applications/authtickets/oauth',
    headers: {},
    body: { client_id: credentials.clientId, client_secret: secret, grant_type: 'client_credentials' },
  })
  const json = answer.json as { access_token?: unknown; expires_in?: unknown } | null
  if (typeof json !== 'object' || json === null || typeof json.access_token !== 'string' || json.access_token === '')
    throw badResponse(ctx, 'without an access token', answer.status, answer.correlationId)
  const raw = json.expires_in
  // Some gateways send numbers as strings; anything else is "no lifetime", for the cache to judge.
  const expires = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : null
  return { accessToken: json.access_token, expiresInSeconds: expires }
}
