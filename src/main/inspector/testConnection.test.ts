// "Test connection" against the emulator and a scripted transport: what it says back, which
// settings it refuses before sending anything, and that it tries exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Environment } from '../../shared/profile'
import { DEMO_CLIENT, startEmulator, type Emulator } from '../emulator'
import type { KiboEvent, Transport, WireRequest } from '../kibo'
import { testConnection } from './testConnection'
import { appErrorOf } from '../../../test/failures'

let emulator: Emulator
const signal = new AbortController().signal
const CLIENT = 'Connection.Test.App'
const SECRET = 'connection-test-secret'

beforeAll(async () => {
  emulator = await startEmulator({ seed: 3, accounts: 12, clients: { [CLIENT]: SECRET } })
})
afterAll(() => emulator.close())

const custom = (): Environment => ({ kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url })
const noDemo = async (): Promise<string> => {
  throw new Error('the demo server is not for this profile')
}

describe('testConnection', () => {
  it('reads one row and says where it went, for whom, and what came back', async () => {
    const events: KiboEvent[] = []
    const view = await testConnection(
      { name: 'Custom', environment: custom(), clientId: `  ${CLIENT}  ` },
      SECRET,
      { demoUrl: noDemo, onEvent: (e) => events.push(e) },
      signal,
    )
    expect(view).toEqual({
      endpoint: expect.stringContaining(String(emulator.tenant)),
      apiUrl: emulator.url,
      authUrl: emulator.url,
      tenant: String(emulator.tenant),
      site: String(emulator.site),
      status: 200,
      correlationId: expect.any(String),
      elapsedMs: expect.any(Number),
      totalCount: 12,
    })
    // The log hears about the token request and the one read.
    const exchanges = events.filter((e) => e.type === 'exchange')
    expect(exchanges.length).toBeGreaterThanOrEqual(2)
    const read = emulator.requests.filter((r) => r.path.includes('/commerce/customer/accounts'))
    expect(read.at(-1)?.query).toMatchObject({ pageSize: '1', startIndex: '0' })
  })

  it('starts the built-in demo server only for a demo profile', async () => {
    let asked = 0
    const view = await testConnection(
      { name: 'Demo', environment: { kind: 'demo', tenant: emulator.tenant }, clientId: DEMO_CLIENT.clientId },
      DEMO_CLIENT.clientSecret,
      {
        demoUrl: async () => {
          asked++
          return emulator.url
        },
      },
      signal,
    )
    expect(asked).toBe(1)
    expect(view).toMatchObject({ apiUrl: emulator.url, tenant: String(emulator.tenant), site: null, status: 200 })
  })

  it('refuses a missing client id or secret before sending anything, naming the field', async () => {
    const before = emulator.requests.length
    for (const clientId of ['', '   ']) {
      const error = await appErrorOf(testConnection({ name: 'X', environment: custom(), clientId }, SECRET, { demoUrl: noDemo }, signal))
      expect(error).toMatchObject({ kind: 'config', where: 'clientId', hint: expect.any(String) })
    }
    for (const secret of [null, '']) {
      const error = await appErrorOf(
        testConnection({ name: 'X', environment: custom(), clientId: CLIENT }, secret, { demoUrl: noDemo }, signal),
      )
      expect(error).toMatchObject({ kind: 'secret-missing', where: 'secret', hint: expect.any(String) })
    }
    expect(emulator.requests.length).toBe(before)
  })

  it('says plainly when the secret is wrong, without repeating it', async () => {
    const error = await appErrorOf(
      testConnection({ name: 'X', environment: custom(), clientId: CLIENT }, 'not-the-secret', { demoUrl: noDemo }, signal),
    )
    expect(error.kind).toMatch(/auth/)
    expect(JSON.stringify(error)).not.toContain('not-the-secret')
  })

  it('stops when the person cancels', async () => {
    const cancelled = AbortSignal.abort()
    const error = await appErrorOf(
      testConnection({ name: 'X', environment: custom(), clientId: CLIENT }, SECRET, { demoUrl: noDemo }, cancelled),
    )
    expect(error.kind).toBe('cancelled')
  })

  it('tries once: a failing read is reported at once, not retried', async () => {
    const calls: WireRequest[] = []
    const transport: Transport = async (request) => {
      calls.push(request)
      if (request.method === 'POST')
        return {
          type: 'response',
          status: 200,
          headers: { 'content-type': 'application/json' },
          text: JSON.stringify({ access_token: 'app-token-value', token_type: 'bearer', expires_in: 3600 }),
        }
      return { type: 'response', status: 503, headers: { 'content-type': 'application/json' }, text: '{"message":"busy"}' }
    }
    const error = await appErrorOf(
      testConnection({ name: 'X', environment: custom(), clientId: CLIENT }, SECRET, { demoUrl: noDemo, transport }, signal),
    )
    expect(error.kind).not.toBe('internal')
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(1)
  })

  it('counts the rows when the answer leaves out the total, and says 0 for none', async () => {
    const answer =
      (body: unknown): Transport =>
      async (request) => ({
        type: 'response',
        status: 200,
        headers: { 'content-type': 'application/json', 'x-vol-correlation': 'corr-1' },
        text: JSON.stringify(
          request.method === 'POST' ? { access_token: 'app-token-value', token_type: 'bearer', expires_in: 3600 } : body,
        ),
      })
    const run = (body: unknown) =>
      testConnection({ name: 'X', environment: custom(), clientId: CLIENT }, SECRET, { demoUrl: noDemo, transport: answer(body) }, signal)
    expect((await run({ items: [{ id: 1 }, { id: 2 }] })).totalCount).toBe(2)
    expect((await run({})).totalCount).toBe(0)
    expect((await run({ totalCount: 40, items: [{ id: 1 }] })).totalCount).toBe(40)
  })
})
