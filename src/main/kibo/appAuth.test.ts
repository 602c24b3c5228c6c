import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { AppTokenCache, appTokenKey, fetchAppToken, type FetchedAppToken } from './appAuth'
import type { Policy } from './request'
import type { Transport, WireRequest } from './transport'

function clock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function counter(lifetimeSeconds = 3600) {
  let n = 0
  const fetch = async (): Promise<FetchedAppToken> => ({ accessToken: `token-${++n}`, expiresInSeconds: lifetimeSeconds })
  return { fetch, count: () => n }
}

const key = appTokenKey('https://home.mozu.com/api', 'app.1')

describe('AppTokenCache', () => {
  it('reuses a token until the renewal margin, then renews (60 s cap for long lifetimes)', async () => {
    const c = clock()
    const cache = new AppTokenCache({ now: c.now })
    const f = counter(3600)
    expect(await cache.get(key, f.fetch)).toBe('token-1')
    c.advance(3600_000 - 60_000 - 1)
    expect(await cache.get(key, f.fetch)).toBe('token-1')
    c.advance(1)
    expect(await cache.get(key, f.fetch)).toBe('token-2')
    expect(f.count()).toBe(2)
  })

  it('renews at 90% of a short lifetime', async () => {
    const c = clock()
    const cache = new AppTokenCache({ now: c.now })
    const f = counter(10)
    await cache.get(key, f.fetch)
    c.advance(8_999)
    expect(await cache.get(key, f.fetch)).toBe('token-1')
    c.advance(1)
    expect(await cache.get(key, f.fetch)).toBe('token-2')
  })

  it('shares one in-flight fetch among 10 concurrent callers', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const gate = deferred<FetchedAppToken>()
    let calls = 0
    const fetch = () => {
      calls++
      return gate.promise
    }
    const waits = Array.from({ length: 10 }, () => cache.get(key, fetch))
    gate.resolve({ accessToken: 'shared', expiresInSeconds: 100 })
    expect(await Promise.all(waits)).toEqual(Array(10).fill('shared'))
    expect(calls).toBe(1)
  })

  it('keys by authUrl and clientId', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const f = counter()
    await cache.get(appTokenKey('https://home.mozu.com/api', 'a'), f.fetch)
    await cache.get(appTokenKey('https://home.mozu.com/api', 'b'), f.fetch)
    await cache.get(appTokenKey('https://home.euw1.kibocommerce.com/api', 'a'), f.fetch)
    await cache.get(appTokenKey('https://home.mozu.com/api', 'a'), f.fetch)
    expect(f.count()).toBe(3)
  })

  it('invalidate drops the token only if it is still the stale one', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const f = counter()
    const first = await cache.get(key, f.fetch)
    cache.invalidate(key, first)
    const second = await cache.get(key, f.fetch)
    expect(second).toBe('token-2')
    cache.invalidate(key, first) // a late 401 for the old token must not throw away the new one
    expect(await cache.get(key, f.fetch)).toBe('token-2')
    cache.invalidate(key)
    expect(await cache.get(key, f.fetch)).toBe('token-3')
  })

  it('a failed fetch is shared by its waiters and not cached', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    let calls = 0
    const failing = async (): Promise<FetchedAppToken> => {
      calls++
      throw new AppFailure({ kind: 'auth-failed', message: 'no' })
    }
    const results = await Promise.allSettled([cache.get(key, failing), cache.get(key, failing)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(calls).toBe(1)
    expect(await cache.get(key, counter().fetch)).toBe('token-1')
  })

  it('clear() forgets tokens and ignores a fetch that was in flight', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const gate = deferred<FetchedAppToken>()
    const pending = cache.get(key, () => gate.promise)
    cache.clear()
    gate.resolve({ accessToken: 'old', expiresInSeconds: 100 })
    expect(await pending).toBe('old')
    expect(await cache.get(key, counter().fetch)).toBe('token-1')
  })

  it("a caller's abort ends only its own wait", async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const gate = deferred<FetchedAppToken>()
    const controller = new AbortController()
    const aborted = cache.get(key, () => gate.promise, controller.signal)
    const patient = cache.get(key, () => gate.promise)
    controller.abort()
    await expect(aborted).rejects.toMatchObject({ error: { kind: 'cancelled' } })
    gate.resolve({ accessToken: 'kept', expiresInSeconds: 100 })
    expect(await patient).toBe('kept')
  })
})

describe('fetchAppToken', () => {
  const policy: Policy = {
    timeoutMs: 1000,
    maxRetries: 2,
    baseDelayMs: 1,
    maxDelayMs: 1,
    maxRetryAfterMs: 60_000,
    sleep: async () => {},
    random: () => 0,
    now: () => 0,
    emit: () => {},
  }
  const credentials = { authUrl: 'https://home.mozu.com/api', clientId: 'app.1', getSecret: async () => 'S3cr3t-Value-xyz' }

  it('posts the client credentials and reads the token', async () => {
    const seen: WireRequest[] = []
    const transport: Transport = async (req) => {
      seen.push(req)
      return {
        type: 'response',
        status: 200,
        headers: {},
        text: JSON.stringify({ access_token: 'abc', token_type: 'bearer', expires_in: 7200 }),
      }
    }
    expect(await fetchAppToken(transport, policy, credentials)).toEqual({ accessToken: 'abc', expiresInSeconds: 7200 })
    expect(seen[0].url).toBe('https://home.mozu.com/api/platform/applications/authtickets/oauth')
    expect(seen[0].method).toBe('POST')
    expect(seen[0].body).toEqual({ client_id: 'app.1', client_secret: 'S3cr3t-Value-xyz', grant_type: 'client_credentials' })
    expect(seen[0].headers.Authorization).toBeUndefined()
  })

  it('turns a refusal into auth-failed without echoing the secret', async () => {
    const transport: Transport = async () => ({
      type: 'response',
      status: 401,
      headers: { 'x-vol-correlation': 'corr-1' },
      text: JSON.stringify({ message: 'Invalid credentials for S3cr3t-Value-xyz', errorCode: 'UNAUTHORIZED' }),
    })
    const failure = await fetchAppToken(transport, policy, credentials).then(
      () => null,
      (e: unknown) => e as AppFailure,
    )
    expect(failure).toBeInstanceOf(AppFailure)
    expect(failure!.error).toMatchObject({ kind: 'auth-failed', status: 401, correlationId: 'corr-1' })
    expect(failure!.error.message).toContain('Invalid credentials for [redacted]')
    expect(JSON.stringify(failure)).not.toContain('S3cr3t')
  })

  it('reports a missing secret as secret-missing, never calling Kibo', async () => {
    let called = false
    const transport: Transport = async () => {
      called = true
      throw new Error('unreachable')
    }
    const failure = await fetchAppToken(transport, policy, { ...credentials, getSecret: async () => '' }).then(
      () => null,
      (e: unknown) => e as AppFailure,
    )
    expect(failure!.error.kind).toBe('secret-missing')
    const thrown = await fetchAppToken(transport, policy, {
      ...credentials,
      getSecret: async () => Promise.reject(new Error('keychain said S3cr3t')),
    }).then(
      () => null,
      (e: unknown) => e as AppFailure,
    )
    expect(thrown!.error.kind).toBe('secret-missing')
    expect(JSON.stringify(thrown) + thrown!.message).not.toContain('S3cr3t')
    expect(called).toBe(false)
  })

  it('treats a 200 without access_token as bad-response', async () => {
    const transport: Transport = async () => ({ type: 'response', status: 200, headers: {}, text: '{"token_type":"bearer"}' })
    await expect(fetchAppToken(transport, policy, credentials)).rejects.toMatchObject({ error: { kind: 'bad-response' } })
  })
})
