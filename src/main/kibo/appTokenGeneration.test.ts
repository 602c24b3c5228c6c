// clear() forgets every app token, and a fetch that was already running when it was called must
// not bring its token back: after a profile's credentials change, the old token is never served.
import { describe, expect, it } from 'vitest'
import { AppTokenCache, type FetchedAppToken } from './appAuth'

function deferred() {
  let resolve!: (token: FetchedAppToken) => void
  const promise = new Promise<FetchedAppToken>((r) => (resolve = r))
  return { promise, resolve }
}

describe('AppTokenCache after clear()', () => {
  it('does not keep a token whose fetch started before clear(), however late it lands', async () => {
    const cache = new AppTokenCache()
    const old = deferred()
    const fresh = deferred()
    const fetches: string[] = []
    const waitingForOld = cache.get('k', () => {
      fetches.push('old')
      return old.promise
    })
    cache.clear()
    const waitingForFresh = cache.get('k', () => {
      fetches.push('fresh')
      return fresh.promise
    })
    old.resolve({ accessToken: 'token-before-clear', expiresInSeconds: 3600 })
    // The caller that asked before clear() gets what it waited for...
    expect(await waitingForOld).toBe('token-before-clear')
    fresh.resolve({ accessToken: 'token-after-clear', expiresInSeconds: 3600 })
    expect(await waitingForFresh).toBe('token-after-clear')
    // ...but the cache holds only the token fetched after clear().
    expect(await cache.get('k', () => Promise.reject(new Error('no fetch expected')))).toBe('token-after-clear')
    expect(fetches).toEqual(['old', 'fresh'])
  })

  it('fetches anew when the only fetch in flight started before clear()', async () => {
    const cache = new AppTokenCache()
    const old = deferred()
    const waitingForOld = cache.get('k', () => old.promise)
    cache.clear()
    old.resolve({ accessToken: 'token-before-clear', expiresInSeconds: 3600 })
    await waitingForOld
    let fetched = 0
    const next = await cache.get('k', async () => {
      fetched++
      return { accessToken: 'token-after-clear', expiresInSeconds: 3600 }
    })
    expect(next).toBe('token-after-clear')
    expect(fetched).toBe(1)
  })

  it('a fetch from before clear() that fails does not drop the token fetched after it', async () => {
    const cache = new AppTokenCache()
    let failOld!: (error: Error) => void
    const waitingForOld = cache.get('k', () => new Promise<FetchedAppToken>((_resolve, reject) => (failOld = reject)))
    cache.clear()
    const fresh = deferred()
    const waitingForFresh = cache.get('k', () => fresh.promise)
    failOld(new Error('old fetch failed'))
    await expect(waitingForOld).rejects.toThrow('old fetch failed')
    fresh.resolve({ accessToken: 'token-after-clear', expiresInSeconds: 3600 })
    expect(await waitingForFresh).toBe('token-after-clear')
    expect(await cache.get('k', () => Promise.reject(new Error('no fetch expected')))).toBe('token-after-clear')
  })
})
