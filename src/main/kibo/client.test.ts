// The client against a scripted stub server: request shapes, every fault class, no leaks.
import { afterEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { AppTokenCache } from './appAuth'
import { createKiboClient, type KiboClientOptions } from './client'
import type { KiboEvent } from './request'
import { json, startStub, withAppAuth, type Stub, type StubHandler } from '../../../test/stubKibo'

const SECRET = 'client-secret-9a8b7c6d5e4f3a2b1c0d'
const failures: AppFailure[] = []
let stub: Stub | undefined

afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function setup(handler: StubHandler, options: Partial<KiboClientOptions> = {}) {
  const auth = withAppAuth(handler)
  stub = await startStub(auth)
  const sleeps: number[] = []
  const events: KiboEvent[] = []
  const client = createKiboClient({
    endpoint: { baseUrl: stub.url, authUrl: stub.url, headers: { 'x-vol-tenant': '100001', 'x-vol-site': '100002' }, label: 'stub' },
    clientId: 'demo.app.1.0.0',
    getSecret: async () => SECRET,
    tokenCache: new AppTokenCache(),
    timeoutMs: 2000,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...options,
  })
  return { client, stub, issued: auth.issued, sleeps, events }
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure)
    failures.push(error as AppFailure)
    return error as AppFailure
  }
  throw new Error('expected a failure')
}

const account = { id: 1001, emailAddress: 'a@example.com' }
const ticket = {
  accessToken: 'customer-access-7e6d5c4b3a29181716151413',
  refreshToken: 'customer-refresh-0a1b2c3d4e5f60718293a4b5',
  userId: 'u1',
  customerAccount: account,
}

describe('requests', () => {
  it('impersonates with only the given fields, the x-vol headers and a bearer token', async () => {
    const { client, stub, issued } = await setup((req, res) => json(res, 200, ticket, { 'x-vol-correlation': 'c-1' }))
    const result = await client.impersonateCart(
      { accountId: 1001, cartId: '', userId: null },
      { responseFields: 'accessToken,customerAccount(id)' },
    )
    expect(result).toMatchObject({ data: ticket, correlationId: 'c-1', status: 200 })
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0)
    const [req] = stub.to('/commerce/customer/authtickets/impersonatecart')
    expect(req.method).toBe('POST')
    expect(req.body).toEqual({ accountId: 1001 })
    expect(req.query).toEqual({ responseFields: 'accessToken,customerAccount(id)' })
    expect(req.headers).toMatchObject({
      authorization: `Bearer ${issued[0]}`,
      accept: 'application/json',
      'content-type': 'application/json',
      'x-vol-tenant': '100001',
      'x-vol-site': '100002',
    })
  })

  it('refreshes with PUT and query parameters, getAccount and searchAccounts with GET', async () => {
    const { client, stub } = await setup((req, res) => {
      if (req.path.endsWith('/refresh')) return json(res, 200, ticket)
      if (req.path === '/commerce/customer/accounts')
        return json(res, 200, { startIndex: 0, pageSize: 2, pageCount: 1, totalCount: 1, items: [account] })
      return json(res, 200, account)
    })
    await client.refreshTicket('rt+/=1', { accountId: 1001 })
    expect(stub.requests.at(-1)).toMatchObject({ method: 'PUT', query: { refreshToken: 'rt+/=1', accountId: '1001' }, body: undefined })
    expect(stub.requests.at(-1)!.headers['content-type']).toBe('application/json')
    expect((await client.getAccount(1001, { responseFields: 'id' })).data).toEqual(account)
    expect(stub.requests.at(-1)).toMatchObject({ method: 'GET', path: '/commerce/customer/accounts/1001', query: { responseFields: 'id' } })
    const page = await client.searchAccounts({ startIndex: 0, pageSize: 2, q: ' smith ', filter: '', sortBy: 'id desc' })
    expect(page.data.items).toEqual([account])
    expect(stub.requests.at(-1)!.query).toEqual({ startIndex: '0', pageSize: '2', q: 'smith', sortBy: 'id desc' })
    // One application token served all four calls.
    expect(stub.to('/platform/applications/authtickets/oauth')).toHaveLength(1)
  })

  it('rejects bad input before any request', async () => {
    const { client, stub } = await setup((req, res) => json(res, 200, {}))
    expect((await failureOf(client.impersonateCart({}))).error).toMatchObject({ kind: 'invalid-input', where: 'target' })
    expect((await failureOf(client.impersonateCart({ accountId: -1 }))).error.kind).toBe('invalid-input')
    expect((await failureOf(client.getAccount(1.5))).error.kind).toBe('invalid-input')
    expect((await failureOf(client.searchAccounts({ pageSize: 500 }))).error.where).toBe('pageSize')
    expect((await failureOf(client.refreshTicket(''))).error.kind).toBe('invalid-input')
    expect(stub.requests).toHaveLength(0)
  })
})

describe('faults', () => {
  it('401 once: one re-auth, then success', async () => {
    let calls = 0
    const { client, stub, issued } = await setup((req, res) =>
      ++calls === 1 ? json(res, 401, { message: 'Expired' }) : json(res, 200, account),
    )
    expect((await client.getAccount(1001)).data).toEqual(account)
    expect(issued).toHaveLength(2)
    const [first, second] = stub.to('/commerce/customer/accounts/1001')
    expect(first.headers.authorization).toBe(`Bearer ${issued[0]}`)
    expect(second.headers.authorization).toBe(`Bearer ${issued[1]}`)
  })

  it('401 every time: auth-failed after exactly one re-auth', async () => {
    const { client, issued, stub } = await setup((req, res) =>
      json(res, 401, { message: 'Unauthorized' }, { 'x-vol-correlation': 'c-401' }),
    )
    const f = await failureOf(client.getAccount(1001))
    expect(f.error).toMatchObject({ kind: 'auth-failed', status: 401, correlationId: 'c-401' })
    expect(issued).toHaveLength(2)
    expect(stub.to('/commerce/customer/accounts/1001')).toHaveLength(2)
  })

  it('refresh refused: auth-expired, the refresh token scrubbed from what Kibo echoed', async () => {
    const { client } = await setup((req, res) => json(res, 400, { message: `Refresh token ${req.query.refreshToken} is invalid` }))
    const f = await failureOf(client.refreshTicket('rt-abc123xyz'))
    expect(f.error.kind).toBe('auth-expired')
    expect(f.error.message).toContain('Refresh token [redacted] is invalid')
  })

  it.each([
    [400, 'invalid-input'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [302, 'bad-response'],
  ])('HTTP %i is %s, with Kibo message and correlation id', async (status, kind) => {
    const { client, stub } = await setup((req, res) =>
      json(res, status, { message: 'Kibo says no', errorCode: 'NOPE' }, { 'x-vol-correlation': 'c-x', location: 'https://elsewhere/' }),
    )
    const f = await failureOf(client.getAccount(5))
    expect(f.error).toMatchObject({ kind, status, correlationId: 'c-x' })
    expect(f.error.message).toContain('Kibo says no (NOPE)')
    expect(f.error.hint).toBeTruthy()
    expect(stub.to('/commerce/customer/accounts/5')).toHaveLength(1)
  })

  it('429 waits as Retry-After says, then succeeds', async () => {
    let calls = 0
    const { client, sleeps } = await setup((req, res) =>
      ++calls <= 2 ? json(res, 429, { message: 'slow down' }, { 'retry-after': '2' }) : json(res, 200, account),
    )
    expect((await client.getAccount(1001)).status).toBe(200)
    expect(sleeps).toEqual([2000, 2000])
  })

  it('429 asking for more than the cap fails at once as rate-limited', async () => {
    const { client, sleeps } = await setup((req, res) => json(res, 429, {}, { 'retry-after': '600' }))
    const f = await failureOf(client.getAccount(1001))
    expect(f.error).toMatchObject({ kind: 'rate-limited', status: 429 })
    expect(f.error.hint).toContain('600 s')
    expect(sleeps).toEqual([])
  })

  it('5xx: backoff with full jitter, recovered within maxRetries', async () => {
    let calls = 0
    const { client, sleeps } = await setup((req, res) => (++calls <= 3 ? json(res, calls === 2 ? 500 : 503, {}) : json(res, 200, account)))
    expect((await client.getAccount(1001)).data).toEqual(account)
    expect(sleeps).toEqual([125, 250, 500]) // random() = 0.5 of 250·2^n
  })

  it('persistent 503: server failure with status and correlation id after maxRetries', async () => {
    const { client, stub, events } = await setup(
      (req, res) => json(res, 503, { message: 'Service Unavailable' }, { 'x-vol-correlation': 'c-503' }),
      { maxRetries: 2 },
    )
    const f = await failureOf(client.getAccount(1001))
    expect(f.error).toMatchObject({ kind: 'server', status: 503, correlationId: 'c-503' })
    expect(stub.to('/commerce/customer/accounts/1001')).toHaveLength(3)
    expect(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.reason)).toEqual(['server', 'server'])
  })

  it('a reset connection is retried', async () => {
    let calls = 0
    const { client } = await setup((req, res) => (++calls === 1 ? res.socket?.destroy() : json(res, 200, account)))
    expect((await client.getAccount(1001)).data).toEqual(account)
  })

  it('a connection cut mid-body is retried like a reset', async () => {
    let calls = 0
    const { client, stub } = await setup((req, res) => {
      if (++calls > 1) return json(res, 200, account)
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"id": 10', () => res.socket?.destroy())
    })
    expect((await client.getAccount(1001)).data).toEqual(account)
    expect(stub.to('/commerce/customer/accounts/1001')).toHaveLength(2)
  })

  it('a complete message with cut-off JSON is bad-response, not retried', async () => {
    const { client, stub } = await setup((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '9', 'x-vol-correlation': 'c-t' })
      res.end('{"id": 10')
    })
    expect((await failureOf(client.getAccount(1001))).error).toMatchObject({ kind: 'bad-response', status: 200, correlationId: 'c-t' })
    expect(stub.to('/commerce/customer/accounts/1001')).toHaveLength(1)
  })

  it('connections cut every time end as network after maxRetries', async () => {
    const { client, stub } = await setup((req, res) => res.socket?.destroy(), { maxRetries: 2 })
    expect((await failureOf(client.getAccount(1))).error.kind).toBe('network')
    expect(stub.to('/commerce/customer/accounts/1')).toHaveLength(3)
  })

  it('a malformed or empty body is bad-response', async () => {
    let calls = 0
    const { client } = await setup((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(++calls === 1 ? '{"id": 1001,,}' : calls === 2 ? '' : '[1,2]')
    })
    expect((await failureOf(client.getAccount(1))).error).toMatchObject({ kind: 'bad-response', status: 200 })
    expect((await failureOf(client.getAccount(1))).error.message).toContain('empty body')
    expect((await failureOf(client.getAccount(1))).error.message).toContain('not an account')
  })

  it('no answer within timeoutMs is timeout', async () => {
    const { client } = await setup(() => {}, { timeoutMs: 150 })
    expect((await failureOf(client.getAccount(1))).error.kind).toBe('timeout')
  })

  it('abort during a request is cancelled', async () => {
    const { client } = await setup(() => {})
    const controller = new AbortController()
    const pending = client.getAccount(1, { signal: controller.signal })
    setTimeout(() => controller.abort(), 30)
    expect((await failureOf(pending)).error.kind).toBe('cancelled')
  })

  it('abort during a backoff sleep is cancelled at once', async () => {
    const controller = new AbortController()
    const { client, stub } = await setup((req, res) => json(res, 503, {}), {
      sleep: () => {
        controller.abort()
        return new Promise<void>(() => {}) // a sleep that never ends on its own
      },
    })
    expect((await failureOf(client.getAccount(1, { signal: controller.signal }))).error.kind).toBe('cancelled')
    expect(stub.to('/commerce/customer/accounts/1')).toHaveLength(1)
  })

  it('an aborted signal sends nothing', async () => {
    const { client, stub } = await setup((req, res) => json(res, 200, account))
    expect((await failureOf(client.getAccount(1, { signal: AbortSignal.abort() }))).error.kind).toBe('cancelled')
    expect(stub.requests).toHaveLength(0)
  })

  it('bad client credentials are auth-failed', async () => {
    stub = await startStub((req, res) => json(res, 401, { message: 'Invalid client credentials' }))
    const client = createKiboClient({
      endpoint: { baseUrl: stub.url, authUrl: stub.url, headers: {}, label: 'stub' },
      clientId: 'demo.app',
      getSecret: async () => SECRET,
    })
    const f = await failureOf(client.impersonateCart({ cartId: 'c1' }))
    expect(f.error).toMatchObject({ kind: 'auth-failed', status: 401 })
    expect(f.error.message).toContain('Kibo refused the application credentials')
    expect(stub.requests.map((r) => r.path)).toEqual(['/platform/applications/authtickets/oauth'])
  })

  it('a refused connection is network', async () => {
    const s = await startStub(() => {})
    const url = s.url
    await s.close()
    const client = createKiboClient({
      endpoint: { baseUrl: url, authUrl: url, headers: {}, label: 'x' },
      clientId: 'a',
      getSecret: async () => SECRET,
    })
    expect((await failureOf(client.getAccount(1))).error.kind).toBe('network')
  })

  it('no failure carries the secret or a token', () => {
    expect(failures.length).toBeGreaterThan(15)
    for (const f of failures) {
      const text = `${f.message} ${f.error.hint ?? ''} ${JSON.stringify(f)} ${f.stack ?? ''}`
      for (const secret of [SECRET, 'apptoken-', 'apprefresh-', 'customer-access', 'customer-refresh', 'rt-abc123xyz', 'Bearer '])
        expect(text).not.toContain(secret)
      expect(Object.keys(f)).not.toContain('cause')
    }
  })
})
