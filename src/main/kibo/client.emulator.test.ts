// The client against the built-in Kibo emulator: every call, every fault class, the OpenAPI
// contract for what was sent and received, and no secret in any failure.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type AppFailure } from '../../shared/errors'
import { DEMO_CLIENT, startEmulator, type Emulator } from '../emulator'
import { validateRequest, validateResponse } from '../../../test/openapi'
import { AppTokenCache } from './appAuth'
import { createKiboClient, type KiboClientOptions, type KiboResult } from './client'
import { resolveEndpoint } from './hosts'
import { ticketView } from './jwt'
import { appFailureOf } from '../../../test/failures'

let emulator: Emulator
let clock = Date.now()
const failures: AppFailure[] = []
const received: { method: string; template: string; status: number; body: unknown }[] = []
const secrets = new Set<string>([DEMO_CLIENT.clientSecret])

beforeAll(async () => {
  emulator = await startEmulator({ seed: 11, accounts: 450, now: () => clock })
})
afterEach(() => {
  emulator.setFaults({})
  for (const s of emulator.issuedSecrets()) secrets.add(s)
})
afterAll(async () => {
  await emulator?.close()
})

function setup(options: Partial<KiboClientOptions> = {}) {
  const sleeps: number[] = []
  const endpoint = resolveEndpoint({ kind: 'demo', tenant: emulator.tenant, site: emulator.site }, { demoUrl: emulator.url })
  const client = createKiboClient({
    endpoint,
    clientId: DEMO_CLIENT.clientId,
    getSecret: async () => DEMO_CLIENT.clientSecret,
    tokenCache: new AppTokenCache({ now: () => clock }),
    timeoutMs: 5000,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    ...options,
  })
  return { client, sleeps }
}

/** Runs a call and records its body for the contract check. */
async function ok<T>(method: string, template: string, call: Promise<KiboResult<T>>): Promise<KiboResult<T>> {
  const result = await call
  received.push({ method, template, status: result.status, body: result.data })
  return result
}

async function failureOf(call: Promise<unknown>): Promise<AppFailure['error']> {
  const failure = await appFailureOf(call)
  failures.push(failure) // for the leak check at the end
  return failure.error
}

const IMPERSONATE = '/commerce/customer/authtickets/impersonatecart'
const ACCOUNT = '/commerce/customer/accounts/{accountId}'
const oauthCount = () => emulator.requests.filter((r) => r.path.endsWith('/authtickets/oauth')).length
const countTo = (fragment: string) => emulator.requests.filter((r) => r.path.includes(fragment)).length

describe('calls against the emulator', () => {
  it('impersonates by accountId, cartId and userId', async () => {
    const { client } = setup()
    const cart = emulator.data.carts[0]
    for (const target of [{ accountId: cart.accountId }, { cartId: cart.cartId }, { userId: cart.userId }]) {
      const result = await ok('POST', IMPERSONATE, client.impersonateCart(target))
      expect(result.data.customerAccount?.id).toBe(cart.accountId)
      expect(result.correlationId).toMatch(/\S/)
      const view = ticketView(result.data, new Date(clock))
      expect(view.jwt).not.toBeNull()
      expect(view.hasRefreshToken).toBe(true)
      expect(JSON.stringify(view)).not.toContain(result.data.accessToken!)
    }
    const limited = await ok(
      'POST',
      IMPERSONATE,
      client.impersonateCart({ cartId: cart.cartId }, { responseFields: 'userId,customerAccount(id)' }),
    )
    expect(limited.data).toEqual({ userId: cart.userId, customerAccount: { id: cart.accountId } })
  })

  it('refreshes a ticket once; the spent refresh token is auth-expired', async () => {
    const { client } = setup()
    const accountId = emulator.data.accounts[3].id!
    const first = await ok('POST', IMPERSONATE, client.impersonateCart({ accountId }))
    const refreshed = await ok(
      'PUT',
      '/commerce/customer/authtickets/refresh',
      client.refreshTicket(first.data.refreshToken!, { accountId }),
    )
    expect(refreshed.data.customerAccount?.id).toBe(accountId)
    expect(refreshed.data.accessToken).not.toBe(first.data.accessToken)
    const spent = await failureOf(client.refreshTicket(first.data.refreshToken!))
    expect(spent.kind).toBe('auth-expired')
  })

  it('gets an account, and a missing one is not-found', async () => {
    const { client } = setup()
    const a = emulator.data.accounts[7]
    expect((await ok('GET', ACCOUNT, client.getAccount(a.id!))).data).toEqual(a)
    const missing = await failureOf(client.getAccount(9_999_999))
    expect(missing).toMatchObject({ kind: 'not-found', status: 404 })
    expect(missing.message).toContain('9999999')
    expect(missing.correlationId).toMatch(/\S/)
  })

  it('searches with paging', async () => {
    const { client } = setup()
    const page = await ok('GET', '/commerce/customer/accounts', client.searchAccounts({ startIndex: 20, pageSize: 10, sortBy: 'id asc' }))
    expect(page.data).toMatchObject({ startIndex: 20, pageSize: 10, totalCount: 450 })
    expect(page.data.items!.map((a) => a.id)).toEqual(emulator.data.accounts.slice(20, 30).map((a) => a.id))
  })

  it('lists all 450 accounts page by page', async () => {
    const { client } = setup()
    const before = countTo('/commerce/customer/accounts')
    const ids: number[] = []
    for await (const page of client.allAccounts({ sortBy: 'id asc' }, { pageSize: 200 })) ids.push(...page.map((a) => a.id!))
    expect(ids).toEqual(emulator.data.accounts.map((a) => a.id))
    expect(countTo('/commerce/customer/accounts') - before).toBe(3)
  })
})

describe('faults from the emulator', () => {
  const id = () => emulator.data.accounts[0].id!
  const match = () => `/accounts/${id()}`

  it('401 once: recovered with exactly one re-auth', async () => {
    const { client } = setup()
    await client.getAccount(id())
    const auths = oauthCount()
    emulator.setFaults({ rules: [{ fault: 'http401', match: match() }] })
    await ok('GET', ACCOUNT, client.getAccount(id()))
    expect(oauthCount() - auths).toBe(1)
  })

  it('an application token the server thinks expired: one re-auth', async () => {
    const { client } = setup({ tokenCache: new AppTokenCache({ now: () => Date.now() }) })
    await client.getAccount(id())
    const auths = oauthCount()
    clock += 2 * 3600_000 // the emulator's clock moves on; the client's cache does not know
    try {
      await ok('GET', ACCOUNT, client.getAccount(id()))
    } finally {
      clock -= 2 * 3600_000
    }
    expect(oauthCount() - auths).toBe(1)
  })

  it('429 with Retry-After: the wait is honoured, then recovered', async () => {
    const { client, sleeps } = setup()
    emulator.setFaults({ rules: [{ fault: 'http429', match: match(), retryAfterSeconds: 3 }] })
    await ok('GET', ACCOUNT, client.getAccount(id()))
    expect(sleeps).toEqual([3000])
  })

  it('500 then 503: recovered within maxRetries', async () => {
    const { client, sleeps } = setup()
    emulator.setFaults({
      rules: [
        { fault: 'http500', match: match() },
        { fault: 'http503', match: match() },
      ],
    })
    await ok('GET', ACCOUNT, client.getAccount(id()))
    expect(sleeps).toEqual([125, 250])
  })

  it('persistent 503: server failure with status and correlation id', async () => {
    const { client } = setup({ maxRetries: 3 })
    const before = countTo(match())
    emulator.setFaults({ rules: [{ fault: 'http503', match: match(), times: 10 }] })
    const f = await failureOf(client.getAccount(id()))
    expect(f).toMatchObject({ kind: 'server', status: 503 })
    expect(f.correlationId).toMatch(/^[0-9a-f]{32}$/)
    expect(f.message).toContain('temporarily unavailable')
    expect(countTo(match()) - before).toBe(4)
  })

  it('a reset connection: recovered', async () => {
    const { client, sleeps } = setup()
    const before = countTo('impersonatecart')
    emulator.setFaults({ rules: [{ fault: 'reset', match: 'impersonatecart' }] })
    const result = await ok('POST', IMPERSONATE, client.impersonateCart({ accountId: id() }))
    expect(result.data.customerAccount?.id).toBe(id())
    expect(countTo('impersonatecart') - before).toBe(2)
    expect(sleeps).toEqual([125])
  })

  it.each(['truncated', 'malformed'] as const)('%s body: bad-response', async (fault) => {
    const { client } = setup()
    emulator.setFaults({ rules: [{ fault, match: 'impersonatecart' }] })
    const f = await failureOf(client.impersonateCart({ accountId: id() }))
    expect(f).toMatchObject({ kind: 'bad-response', status: 200 })
  })

  it('latency beyond timeoutMs: timeout', async () => {
    const { client } = setup({ timeoutMs: 150 })
    await client.getAccount(id()) // fetch the application token first
    emulator.setFaults({ latencyMs: 400 })
    expect((await failureOf(client.getAccount(id()))).kind).toBe('timeout')
  })

  it('abort while waiting for the application token: cancelled', async () => {
    const { client } = setup()
    emulator.setFaults({ latencyMs: 300 })
    const controller = new AbortController()
    const pending = client.getAccount(id(), { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    expect((await failureOf(pending)).kind).toBe('cancelled')
  })

  it('abort while waiting for Kibo: cancelled', async () => {
    const { client } = setup()
    await client.getAccount(id())
    emulator.setFaults({ latencyMs: 300 })
    const controller = new AbortController()
    const pending = client.impersonateCart({ accountId: id() }, { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    expect((await failureOf(pending)).kind).toBe('cancelled')
  })

  it('bad client credentials: auth-failed', async () => {
    const { client } = setup({ getSecret: async () => 'not-the-demo-secret-5f4e3d2c1b0a' })
    secrets.add('not-the-demo-secret-5f4e3d2c1b0a')
    expect((await failureOf(client.getAccount(id()))).kind).toBe('auth-failed')
  })
})

describe('contract and leaks', () => {
  it('every request sent conforms to the OpenAPI spec', () => {
    expect(emulator.requests.length).toBeGreaterThan(20)
    for (const r of emulator.requests) {
      expect(
        validateRequest({ method: r.method, path: r.path, query: r.query, body: r.body }, { strict: true }),
        `${r.method} ${r.path}`,
      ).toEqual([])
      expect(r.headers['accept']).toBe('application/json')
      if (!r.path.endsWith('/oauth')) {
        expect(r.headers['authorization']).toMatch(/^Bearer \S+$/)
        expect(r.headers['x-vol-tenant']).toBe(String(emulator.tenant))
        expect(r.headers['x-vol-site']).toBe(String(emulator.site))
      }
    }
  })

  it('every response received conforms to the OpenAPI spec', () => {
    expect(received.length).toBeGreaterThan(10)
    for (const r of received)
      expect(validateResponse(r.method, r.template, r.status, r.body, { strict: true }), `${r.method} ${r.template}`).toEqual([])
  })

  it('no failure carries the client secret or any issued token', () => {
    for (const s of emulator.issuedSecrets()) secrets.add(s)
    expect(failures.length).toBeGreaterThanOrEqual(8)
    expect(secrets.size).toBeGreaterThan(10)
    for (const f of failures) {
      const text = [f.message, f.error.message, f.error.hint ?? '', JSON.stringify(f), JSON.stringify(f.error), f.stack ?? ''].join('\n')
      for (const s of secrets) expect(text.includes(s), `a secret in: ${f.message}`).toBe(false)
    }
  })
})
