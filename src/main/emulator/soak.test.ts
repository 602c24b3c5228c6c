// The emulator holds steady: thousands of token and impersonation requests, in rounds, over
// loopback; what it keeps in memory stays bounded by count, and expired tokens are forgotten.
// Counts only, no timings (throughput and RSS per round are in bench/emulatorSoak.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CLIENT, startEmulator, type Emulator } from './index'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'

const TOKEN_MEMORY = 300
const SECRET_MEMORY = 1_000
const ROUNDS = 6
const PER_ROUND = 250 // each: one application token and one impersonation
const PARALLEL = 10

let emulator: Emulator
let clock = Date.UTC(2026, 0, 1)

beforeAll(async () => {
  emulator = await startEmulator({
    seed: 3,
    accounts: 60,
    now: () => clock,
    tokenMemory: TOKEN_MEMORY,
    secretMemory: SECRET_MEMORY,
    accessTokenSeconds: 300,
    refreshTokenSeconds: 600,
    appTokenSeconds: 3600,
  })
})
afterAll(() => emulator.close())

async function round(count: number): Promise<string[]> {
  const refreshTokens: string[] = []
  for (let done = 0; done < count; done += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, count - done) }, async (_, i) => {
      const token = await appToken(emulator, DEMO_CLIENT.clientId, DEMO_CLIENT.clientSecret)
      const accountId = emulator.data.accounts[(done + i) % emulator.data.accounts.length].id!
      const res = await call(emulator, 'POST', '/commerce/customer/authtickets/impersonatecart', {
        body: { accountId },
        headers: kiboHeaders(emulator, token),
      })
      expect(res.status).toBe(200)
      refreshTokens.push(res.json.refreshToken as string)
    })
    await Promise.all(batch)
  }
  return refreshTokens
}

describe('the emulator under a long run', () => {
  it(`keeps every store bounded over ${ROUNDS} rounds of ${PER_ROUND} token + impersonate requests`, async () => {
    const sizes = []
    for (let r = 0; r < ROUNDS; r++) {
      await round(PER_ROUND)
      const s = emulator.storeSizes()
      sizes.push(s)
      expect(s.appRefresh).toBeLessThanOrEqual(TOKEN_MEMORY)
      expect(s.customerAccess).toBeLessThanOrEqual(TOKEN_MEMORY)
      expect(s.customerRefresh).toBeLessThanOrEqual(TOKEN_MEMORY)
      expect(s.secrets).toBeLessThanOrEqual(SECRET_MEMORY)
      expect(s.requests).toBeLessThanOrEqual(1000)
    }
    // Full, not growing: the last round holds what the first one did once the limits were reached.
    expect(sizes.at(-1)).toEqual(sizes[1])
  })

  it('forgets expired tokens, and a forgotten refresh token is refused like any invalid one', async () => {
    const [stale] = await round(20)
    clock += 601_000 // past the refresh lifetime
    await round(5)
    const s = emulator.storeSizes()
    expect(s.customerRefresh).toBe(5)
    expect(s.customerAccess).toBe(5)
    expect(s.appRefresh).toBe(5)
    const token = await appToken(emulator)
    const res = await call(emulator, 'PUT', '/commerce/customer/authtickets/refresh', {
      query: { refreshToken: stale },
      headers: kiboHeaders(emulator, token),
    })
    expect(res.status).toBe(401)
  })

  it('an emulator nobody searches for leaks remembers no secrets', async () => {
    const quiet = await startEmulator({ seed: 3, accounts: 5, secretMemory: 0 })
    try {
      await appToken(quiet)
      expect(quiet.issuedSecrets()).toEqual([])
      expect(quiet.storeSizes().secrets).toBe(0)
    } finally {
      await quiet.close()
    }
  })
})
