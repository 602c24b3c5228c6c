import { getEventListeners } from 'node:events'
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import {
  AppTokenCache,
  appTokenKey,
  fetchAppToken,
  LONG_LIFETIME_RENEWAL_MS,
  ODD_LIFETIME_RENEWAL_MS,
  tokenLifetime,
  type FetchedAppToken,
} from './appAuth'
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

describe('tokenLifetime', () => {
  const margin = { maxMarginMs: 60_000, marginRatio: 0.1 }

  it('an ordinary lifetime is used up to its margin, without a warning', () => {
    expect(tokenLifetime(1, margin)).toEqual({ useForMs: 900, warning: null })
    expect(tokenLifetime(3600, margin)).toEqual({ useForMs: 3_540_000, warning: null })
    expect(tokenLifetime(3600, { maxMarginMs: 1000, marginRatio: 0.5 })).toEqual({ useForMs: 3_599_000, warning: null })
    expect(tokenLifetime(365 * 24 * 3600, margin)).toEqual({ useForMs: 365 * 24 * 3600 * 1000 - 60_000, warning: null })
  })

  it('none, or not a number: used for a minute, said as no usable lifetime', () => {
    for (const s of [null, Number.NaN, Number.POSITIVE_INFINITY])
      expect(tokenLifetime(s, margin)).toEqual({
        useForMs: ODD_LIFETIME_RENEWAL_MS,
        warning:
          'Kibo issued the application token with no usable lifetime (expires_in); the app uses it and renews it at most once a minute.',
      })
  })

  it('under a second: used for a minute, the lifetime named', () => {
    expect(tokenLifetime(0.5, margin)).toEqual({
      useForMs: 60_000,
      warning:
        'Kibo issued the application token with a lifetime (expires_in) of 0.5 s; the app uses it and renews it at most once a minute.',
    })
    expect(tokenLifetime(-30, margin).warning).toContain('of -30 s')
    expect(tokenLifetime(Number.NEGATIVE_INFINITY, margin).warning).toContain('no usable lifetime')
  })

  it('over a year: renewed every hour, the years named', () => {
    expect(tokenLifetime(365 * 24 * 3600 + 1, margin)).toEqual({
      useForMs: LONG_LIFETIME_RENEWAL_MS,
      warning: 'Kibo issued the application token with a lifetime (expires_in) of 1 years; the app renews it every hour instead.',
    })
    expect(tokenLifetime(2.6 * 365 * 24 * 3600, margin).warning).toContain('of 3 years')
  })
})

describe('AppTokenCache, more', () => {
  it('uses the margins it is given', async () => {
    const c = clock()
    const cache = new AppTokenCache({ now: c.now, maxMarginMs: 1000, marginRatio: 0.5 })
    expect(cache.maxMarginMs).toBe(1000)
    expect(cache.marginRatio).toBe(0.5)
    const f = counter(3600)
    await cache.get(key, f.fetch)
    c.advance(3_599_000 - 1)
    expect(await cache.get(key, f.fetch)).toBe('token-1')
    c.advance(1)
    expect(await cache.get(key, f.fetch)).toBe('token-2')
  })

  it('an already aborted caller is refused without a fetch', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const f = counter()
    await expect(cache.get(key, f.fetch, AbortSignal.abort())).rejects.toMatchObject({
      error: { kind: 'cancelled', message: 'Getting an application token was cancelled.' },
    })
    expect(f.count()).toBe(0)
  })

  it('a caller with a signal gets the token, and its listener is removed', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const controller = new AbortController()
    expect(await cache.get(key, counter().fetch, controller.signal)).toBe('token-1')
    await Promise.resolve()
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    const failing = async (): Promise<FetchedAppToken> => Promise.reject(new AppFailure({ kind: 'auth-failed', message: 'no' }))
    await expect(cache.get('other', failing, controller.signal)).rejects.toMatchObject({ error: { kind: 'auth-failed' } })
    await Promise.resolve()
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('invalidate of an unknown key does nothing; during a fetch it keeps what the fetch brings', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    cache.invalidate('nobody')
    cache.invalidate('nobody', 't')
    const gate = deferred<FetchedAppToken>()
    const pending = cache.get(key, () => gate.promise)
    cache.invalidate(key)
    gate.resolve({ accessToken: 'fetched', expiresInSeconds: 100 })
    expect(await pending).toBe('fetched')
    expect(await cache.get(key, () => Promise.reject(new Error('no second fetch')))).toBe('fetched')
  })

  it('an odd lifetime is told once per key, and an observer that throws loses nothing', async () => {
    const c = clock()
    const cache = new AppTokenCache({ now: c.now })
    const warnings: string[] = []
    const odd = async (): Promise<FetchedAppToken> => ({ accessToken: 'odd', expiresInSeconds: 0 })
    expect(await cache.get(key, odd, undefined, (m) => warnings.push(m))).toBe('odd')
    c.advance(60_000)
    expect(await cache.get(key, odd, undefined, (m) => warnings.push(m))).toBe('odd')
    expect(warnings).toHaveLength(1)
    const thrower = () => {
      throw new Error('observer bug')
    }
    expect(await cache.get('k2', odd, undefined, thrower)).toBe('odd')
    expect(await cache.get('k2', () => Promise.reject(new Error('cached')))).toBe('odd')
  })

  it('remembers the warned keys up to a hundred, forgetting the oldest first', async () => {
    const cache = new AppTokenCache({ now: clock().now })
    const warned: string[] = []
    const odd = async (): Promise<FetchedAppToken> => ({ accessToken: 'odd', expiresInSeconds: null })
    const ask = async (k: string) => {
      cache.invalidate(k)
      await cache.get(k, odd, undefined, () => warned.push(k))
    }
    for (let i = 0; i < 100; i++) await ask(`k${i}`)
    expect(warned).toHaveLength(100)
    await ask('k0')
    expect(warned).toHaveLength(100)
    await ask('k100')
    await ask('k1')
    expect(warned).toHaveLength(101)
    await ask('k0')
    expect(warned.slice(100)).toEqual(['k100', 'k0'])
  })
})

describe('fetchAppToken, more', () => {
  const policy: Policy = {
    timeoutMs: 1000,
    maxRetries: 0,
    baseDelayMs: 1,
    maxDelayMs: 1,
    maxRetryAfterMs: 60_000,
    sleep: async () => {},
    random: () => 0,
    now: () => 0,
    emit: () => {},
  }
  const credentials = { authUrl: 'https://home.mozu.com/api', clientId: 'app.1', getSecret: async () => 'S3cr3t-Value-xyz' }
  const answering =
    (text: string, status = 200): Transport =>
    async () => ({ type: 'response', status, headers: {}, text })

  it.each([
    [7200, 7200],
    ['3600', 3600],
    [' 3600 ', 3600],
    ['-5', -5],
    ['1.25', 1.25],
    ['1.', null],
    ['x3600', null],
    ['3600x', null],
    ['1e3', null],
    ['', null],
    [null, null],
    [{ s: 1 }, null],
  ])('expires_in %j is %j', async (expiresIn, expected) => {
    const text = JSON.stringify({ access_token: 'abc', expires_in: expiresIn })
    expect(await fetchAppToken(answering(text), policy, credentials)).toEqual({ accessToken: 'abc', expiresInSeconds: expected })
  })

  it('no expires_in at all is no lifetime', async () => {
    expect(await fetchAppToken(answering('{"access_token":"abc"}'), policy, credentials)).toEqual({
      accessToken: 'abc',
      expiresInSeconds: null,
    })
  })

  it.each(['null', '"abc"', '{"access_token":""}', '{"access_token":5}', '[]'])('%s is a bad response', async (text) => {
    await expect(fetchAppToken(answering(text), policy, credentials)).rejects.toMatchObject({
      error: {
        kind: 'bad-response',
        message: 'Getting an application token failed: Kibo answered without an access token.',
        status: 200,
      },
    })
  })

  it.each([400, 403])('HTTP %i from the auth call is auth-failed too', async (status) => {
    await expect(fetchAppToken(answering('{}', status), policy, credentials)).rejects.toMatchObject({
      error: { kind: 'auth-failed', message: `Kibo refused the application credentials (HTTP ${status}).` },
    })
  })

  it('a failure from the secret store is passed on as it is; any other error is said without its text', async () => {
    const own = new AppFailure({ kind: 'keychain-unavailable', message: 'The keychain is locked.' })
    await expect(fetchAppToken(answering('{}'), policy, { ...credentials, getSecret: () => Promise.reject(own) })).rejects.toBe(own)
    await expect(
      fetchAppToken(answering('{}'), policy, { ...credentials, getSecret: () => Promise.reject(new Error('x')) }),
    ).rejects.toMatchObject({
      error: {
        kind: 'secret-missing',
        message: 'The client secret could not be read.',
        hint: 'Enter the client secret for this profile again.',
      },
    })
    for (const secret of ['', undefined, 42])
      await expect(
        fetchAppToken(answering('{}'), policy, { ...credentials, getSecret: async () => secret as unknown as string }),
      ).rejects.toMatchObject({
        error: { kind: 'secret-missing', message: 'This profile has no client secret.', hint: 'Enter the client secret for this profile.' },
      })
  })
})
