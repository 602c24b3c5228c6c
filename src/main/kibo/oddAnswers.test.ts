// Kibo's odd answers, as a scripted stub sends them: values the app cannot rely on, tokens with
// lifetimes that make no sense, a refused refresh, and error bodies of every shape.
import { afterEach, describe, expect, it } from 'vitest'
import type { ServerResponse } from 'node:http'
import { AppTokenCache } from './appAuth'
import { createKiboClient, type KiboClientOptions } from './client'
import type { KiboEvent } from './request'
import { readErrorBody } from './errorBody'
import { json, startStub, type Stub, type StubHandler } from '../../../test/stubKibo'
import { appErrorOf } from '../../../test/failures'

const SECRET = 'odd-secret-4f3e2d1c0b9a8f7e6d5c'
let stub: Stub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function setup(handler: StubHandler, options: Partial<KiboClientOptions> & { lifetime?: number | null } = {}) {
  const issued: string[] = []
  const auth: StubHandler = (req, res) => {
    if (req.path !== '/platform/applications/authtickets/oauth') return handler(req, res)
    const token = `apptoken-${issued.length + 1}-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c`
    issued.push(token)
    const body: Record<string, unknown> = { access_token: token, token_type: 'bearer' }
    if (options.lifetime !== null) body.expires_in = options.lifetime ?? 3600
    json(res, 200, body)
  }
  stub = await startStub(auth)
  const events: KiboEvent[] = []
  let clock = 1_000_000
  const client = createKiboClient({
    endpoint: { baseUrl: stub.url, authUrl: stub.url, headers: { 'x-vol-tenant': '1', 'x-vol-site': '2' }, label: 'stub' },
    clientId: 'odd.app',
    getSecret: async () => SECRET,
    tokenCache: new AppTokenCache({ now: () => clock }),
    sleep: async () => {},
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...options,
  })
  return { client, stub, issued, events, advance: (ms: number) => (clock += ms) }
}

const ticketFor = (id: unknown, extra: Record<string, unknown> = {}) => ({
  accessToken: 'customer-access-7e6d5c4b3a29181716151413',
  accessTokenExpiration: '2030-01-01T00:00:00Z',
  refreshToken: 'customer-refresh-0a1b2c3d4e5f60718293a4b5',
  refreshTokenExpiration: '2030-01-02T00:00:00Z',
  customerAccount: { id, emailAddress: 'a@example.com' },
  ...extra,
})

describe('values Kibo answers with', () => {
  it('a negative account id is Kibo’s fault, named by field', async () => {
    const { client } = await setup((req, res) => json(res, 200, ticketFor(-5), { 'x-vol-correlation': 'c-neg' }))
    const error = await appErrorOf(client.impersonateCart({ accountId: 1001 }))
    expect(error).toMatchObject({ kind: 'bad-response', where: 'customerAccount.id', correlationId: 'c-neg' })
    expect(error.message).toContain('Kibo answered with account id -5 for customerAccount.id; expected a positive whole number')
    expect(error.message).not.toContain('Enter an account id')
    expect(error.requestId).toMatch(/\S/)
  })

  it.each([
    [2_147_483_648, 'account id 2147483648'],
    ['1001', 'account id “1001”'],
    [1.5, 'account id 1.5'],
  ])('an id of %j is refused', async (id, said) => {
    const { client } = await setup((req, res) => json(res, 200, ticketFor(id)))
    expect((await appErrorOf(client.impersonateCart({ cartId: 'c1' }))).message).toContain(said)
  })

  it('the account answered must be the account asked for (impersonation and getAccount)', async () => {
    const { client } = await setup((req, res) =>
      req.path.includes('authtickets') ? json(res, 200, ticketFor(1002)) : json(res, 200, { id: 1003 }),
    )
    const impersonated = await appErrorOf(client.impersonateCart({ accountId: 1001 }))
    expect(impersonated.message).toContain('account id 1002 for customerAccount.id; expected 1001, the account asked for')
    const read = await appErrorOf(client.getAccount(1001))
    expect(read).toMatchObject({ kind: 'bad-response', where: 'id' })
    expect(read.message).toContain('account id 1003 for id; expected 1001')
  })

  it('expiries must parse as dates; ids in a page must be ids', async () => {
    const { client } = await setup((req, res) =>
      req.path.includes('authtickets')
        ? json(res, 200, ticketFor(1001, { refreshTokenExpiration: 'tomorrow-ish' }))
        : json(res, 200, { totalCount: 2, items: [{ id: 1 }, { id: 0 }] }),
    )
    const ticket = await appErrorOf(client.impersonateCart({ accountId: 1001 }))
    expect(ticket).toMatchObject({ where: 'refreshTokenExpiration' })
    expect(ticket.message).toContain('“tomorrow-ish” for refreshTokenExpiration; expected a date and time')
    expect((await appErrorOf(client.searchAccounts({}))).where).toBe('items[1].id')
  })

  it('a well-formed answer passes, and one asked by cart is not compared with any account id', async () => {
    const { client } = await setup((req, res) => json(res, 200, ticketFor(1007)))
    expect((await client.impersonateCart({ cartId: 'c1' })).data.customerAccount?.id).toBe(1007)
  })
})

describe('application token lifetimes', () => {
  it.each([
    ['0', 0],
    ['negative', -30],
    ['missing', null],
    ['absurd (10 years)', 10 * 365 * 24 * 3600],
  ])('expires_in %s: used, renewed with a floor, one warning, no storm', async (_label, lifetime) => {
    const { client, issued, events, advance } = await setup((req, res) => json(res, 200, { id: 1001 }), { lifetime })
    // 120 calls, one every 5 s: ten minutes of work.
    for (let i = 0; i < 120; i++) {
      await client.getAccount(1001)
      advance(5_000)
    }
    // At most one renewal a minute (or an hour for the absurd one): 11 tokens, not 120.
    expect(issued.length).toBeGreaterThanOrEqual(1)
    expect(issued.length).toBeLessThanOrEqual(11)
    const warnings = events.filter((e) => e.type === 'warning')
    expect(warnings).toHaveLength(1)
    expect(warnings[0].type === 'warning' && warnings[0].message).toMatch(/expires_in/)
  })

  it('an ordinary lifetime gives no warning', async () => {
    const { client, events } = await setup((req, res) => json(res, 200, { id: 1001 }), { lifetime: 3600 })
    await client.getAccount(1001)
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(0)
  })
})

describe('a refused ticket refresh', () => {
  it('401: the refresh token is spent; the application token is kept and nothing is repeated', async () => {
    const { client, stub, issued } = await setup((req, res) =>
      req.path.endsWith('/refresh')
        ? json(res, 401, { message: 'Refresh token is invalid', errorCode: 'UNAUTHORIZED' }, { 'x-vol-correlation': 'c-r' })
        : json(res, 200, { id: 1001 }),
    )
    await client.getAccount(1001)
    const error = await appErrorOf(client.refreshTicket('customer-refresh-0a1b2c3d4e5f60718293a4b5', { accountId: 1001 }))
    expect(error).toMatchObject({ kind: 'auth-expired', status: 401, correlationId: 'c-r' })
    expect(error.message).toContain('the customer ticket can no longer be refreshed — impersonate again'.replace(/^t/, 'T'))
    expect(stub.to('/commerce/customer/authtickets/refresh')).toHaveLength(1)
    expect(issued).toHaveLength(1)
    // The application token still serves the next call.
    await client.getAccount(1001)
    expect(issued).toHaveLength(1)
  })
})

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers })
  res.end(body)
}

describe('error bodies', () => {
  it('Kibo’s fields: applicationName, errorCode, additionalErrorData, exceptionDetail and the correlation id', async () => {
    const body = {
      message: 'Missing or invalid parameter: responseFields',
      errorCode: 'MISSING_OR_INVALID_PARAMETER',
      applicationName: 'Customer',
      additionalErrorData: [
        { name: 'parameter', value: 'responseFields' },
        { name: 'position', value: '15' },
      ],
      exceptionDetail: { message: 'Unexpected token at 15', type: 'Mozu.Core.Exceptions.VaeValidationException' },
    }
    const { client } = await setup((req, res) => json(res, 400, body, { 'x-vol-correlation': 'c-400' }))
    const error = await appErrorOf(client.getAccount(1001))
    expect(error).toMatchObject({
      kind: 'invalid-input',
      status: 400,
      correlationId: 'c-400',
      kibo: {
        applicationName: 'Customer',
        errorCode: 'MISSING_OR_INVALID_PARAMETER',
        additionalErrorData: [
          { name: 'parameter', value: 'responseFields' },
          { name: 'position', value: '15' },
        ],
        exceptionMessage: 'Unexpected token at 15',
      },
    })
    expect(error.message).toContain('Missing or invalid parameter: responseFields (MISSING_OR_INVALID_PARAMETER)')
  })

  it('capitalised keys, as older services send them', async () => {
    const body = {
      Message: 'Item not found',
      ErrorCode: 'ITEM_NOT_FOUND',
      ApplicationName: 'Commerce.Customer',
      AdditionalErrorData: [{ Name: 'id', Value: 1001 }],
      ExceptionDetail: { Message: 'Account 1001 does not exist' },
    }
    const { client } = await setup((req, res) => json(res, 404, body))
    const error = await appErrorOf(client.getAccount(1001))
    expect(error.message).toContain('Item not found (ITEM_NOT_FOUND)')
    expect(error.kibo).toEqual({
      applicationName: 'Commerce.Customer',
      errorCode: 'ITEM_NOT_FOUND',
      additionalErrorData: [{ name: 'id', value: '1001' }],
      exceptionMessage: 'Account 1001 does not exist',
    })
  })

  it('a proxy’s HTML page is named by its title, never shown raw', async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>Bad Gateway</h1>${'<p>filler</p>'.repeat(500)}</body></html>`
    const { client } = await setup((req, res) => send(res, 502, 'text/html', page), { maxRetries: 0 })
    const error = await appErrorOf(client.getAccount(1001))
    expect(error.message).toContain('502 Bad Gateway')
    expect(error.message).not.toMatch(/<|>|filler|color:red/)
    expect(error.message.length).toBeLessThan(300)
  })

  it('a 422 from a gateway with plain text or JSON of its own', async () => {
    let n = 0
    const { client } = await setup((req, res) =>
      ++n === 1
        ? send(res, 422, 'text/plain', 'Request rejected by policy WAF-17\nreference: 9f8e7d\n' + 'x'.repeat(5000))
        : json(res, 422, { error: 'invalid_request', error_description: 'header x-vol-tenant is not allowed by the gateway' }),
    )
    const text = await appErrorOf(client.getAccount(1001))
    expect(text.message).toContain('Request rejected by policy WAF-17')
    expect(text.message).not.toContain('reference')
    const other = await appErrorOf(client.getAccount(1001))
    expect(other.message).toContain('header x-vol-tenant is not allowed by the gateway')
    expect(other.kibo).toBeUndefined()
  })

  it('never a token, whatever the body quotes', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl'
    for (const [text, type] of [
      [JSON.stringify({ Message: `bad token ${token}`, ExceptionDetail: { Message: `Bearer ${token}` } }), 'application/json'],
      [`<html><title>Denied ${token}</title></html>`, 'text/html'],
      [`denied: ${token}`, 'text/plain'],
      [JSON.stringify({ error_description: `refresh_token=${token}` }), 'application/json'],
    ]) {
      const reading = readErrorBody(text, type, [])
      expect(JSON.stringify(reading)).not.toContain('c2lnbmF0dXJl')
    }
  })
})
