// The client on a scripted transport: its defaults, the checks on what a person typed, what each
// call sends, and the tokens it scrubs from what Kibo says back.
import { describe, expect, it } from 'vitest'
import { MAX_INT32 } from '../../shared/int32'
import { appErrorOf } from '../../../test/failures'
import { AppTokenCache } from './appAuth'
import { createKiboClient, type KiboClientOptions } from './client'
import type { KiboEvent } from './request'
import type { Transport, WireOutcome, WireRequest } from './transport'

const AUTH_PATH = '/platform/applications/authtickets/oauth'

/** Kibo on a transport: tokens numbered from 1, the API answered by `api`. */
function kibo(api: (req: WireRequest) => WireOutcome, tokenName = (n: number) => `tok${n}`) {
  const sent: WireRequest[] = []
  let tokens = 0
  const transport: Transport = async (req) => {
    if (req.url.endsWith(AUTH_PATH))
      return { type: 'response', status: 200, headers: {}, text: JSON.stringify({ access_token: tokenName(++tokens), expires_in: 3600 }) }
    sent.push(req)
    return api(req)
  }
  return { transport, sent, tokens: () => tokens }
}

const answer = (body: unknown, status = 200, headers: Record<string, string> = {}): WireOutcome => ({
  type: 'response',
  status,
  headers,
  text: JSON.stringify(body),
})

function client(transport: Transport, options: Partial<KiboClientOptions> = {}) {
  const sleeps: number[] = []
  const events: KiboEvent[] = []
  const c = createKiboClient({
    endpoint: {
      baseUrl: 'https://t1.sandbox.mozu.com/api',
      authUrl: 'https://home.mozu.com/api',
      headers: { 'x-vol-tenant': '1' },
      label: 't1',
    },
    clientId: 'app.1',
    getSecret: async () => 'the-secret',
    tokenCache: new AppTokenCache(),
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    onEvent: (e) => events.push(e),
    transport,
    ...options,
  })
  return { client: c, sleeps, events }
}

describe('defaults', () => {
  it('a 30 s deadline; backoff from 250 ms doubling up to 8 s; three retries', async () => {
    const k = kibo(() => answer({}, 503))
    const { client: c, sleeps } = client(k.transport, { random: () => 0.999 })
    expect(await appErrorOf(c.getAccount(1))).toMatchObject({ kind: 'server' })
    expect(k.sent).toHaveLength(4)
    expect(k.sent[0].timeoutMs).toBe(30_000)
    expect(sleeps).toEqual([249, 499, 999])
    const many = kibo(() => answer({}, 503))
    const more = client(many.transport, { random: () => 0.999, maxRetries: 6 })
    await appErrorOf(more.client.getAccount(1))
    expect(more.sleeps).toEqual([249, 499, 999, 1998, 3996, 7992])
  })

  it('a Retry-After up to 60 s is waited out; longer fails at once', async () => {
    let n = 0
    const k = kibo(() =>
      ++n === 1 ? answer({}, 429, { 'retry-after': '60' }) : n === 2 ? answer({}, 429, { 'retry-after': '61' }) : answer({ id: 1 }),
    )
    const { client: c, sleeps } = client(k.transport)
    expect(await appErrorOf(c.getAccount(1))).toMatchObject({ kind: 'rate-limited' })
    expect(sleeps).toEqual([60_000])
  })

  it('a negative maxRetries is none', async () => {
    const k = kibo(() => answer({}, 503))
    await appErrorOf(client(k.transport, { maxRetries: -2 }).client.getAccount(1))
    expect(k.sent).toHaveLength(1)
  })

  it('its own options win over the defaults', async () => {
    const k = kibo(() => answer({}, 503))
    const { client: c, sleeps } = client(k.transport, {
      timeoutMs: 1234,
      maxRetries: 2,
      baseDelayMs: 10,
      maxDelayMs: 15,
      random: () => 0.5,
    })
    await appErrorOf(c.getAccount(1))
    expect(k.sent[0].timeoutMs).toBe(1234)
    expect(sleeps).toEqual([5, 7])
    let n = 0
    const limited = kibo(() => (++n === 1 ? answer({}, 429, { 'retry-after': '2' }) : answer({ id: 1 })))
    expect(await appErrorOf(client(limited.transport, { maxRetryAfterMs: 1000 }).client.getAccount(1))).toMatchObject({
      kind: 'rate-limited',
    })
  })

  it('elapsed time from the clock it is given', async () => {
    let t = 0
    const k = kibo(() => answer({ id: 1 }))
    const result = await client(k.transport, { now: () => (t += 100) }).client.getAccount(1)
    // Started at 100; the token's own exchange and this one read the clock five times more.
    expect(result.elapsedMs).toBe(700)
  })

  it('an observer that throws breaks nothing', async () => {
    const k = kibo(() => answer({ id: 1 }))
    const result = await client(k.transport, {
      onEvent: () => {
        throw new Error('observer bug')
      },
    }).client.getAccount(1)
    expect(result.data).toEqual({ id: 1 })
  })

  it('no onEvent at all is fine', async () => {
    const k = kibo(() => answer({ id: 1 }))
    expect((await client(k.transport, { onEvent: undefined }).client.getAccount(1)).status).toBe(200)
  })
})

describe('what a person typed', () => {
  it('a blank client id is refused before any call', async () => {
    const k = kibo(() => answer({ id: 1 }))
    expect(await appErrorOf(client(k.transport, { clientId: '  ' }).client.getAccount(1))).toEqual({
      kind: 'invalid-input',
      message: 'This profile has no client ID.',
      hint: 'Enter the application key (client ID) from Dev Center.',
      where: 'clientId',
    })
    expect(k.tokens()).toBe(0)
  })

  it('responseFields: trimmed, blank left out, up to 4000 characters', async () => {
    const k = kibo(() => answer({ id: 1 }))
    const { client: c } = client(k.transport)
    await c.getAccount(1, { responseFields: ' id ' })
    await c.getAccount(1, { responseFields: '   ' })
    await c.getAccount(1, { responseFields: 'f'.repeat(4000) })
    expect(k.sent.map((r) => r.query)).toEqual([
      { responseFields: 'id' },
      { responseFields: undefined },
      { responseFields: 'f'.repeat(4000) },
    ])
    for (const call of [
      () => c.getAccount(1, { responseFields: 'f'.repeat(4001) }),
      () => c.impersonateCart({ cartId: 'c1' }, { responseFields: ` ${'f'.repeat(4001)} ` }),
      () => c.refreshTicket('rt', { responseFields: 'f'.repeat(4001) }),
      () => c.searchAccounts({ responseFields: 'f'.repeat(4001) }),
    ])
      expect(await appErrorOf(call)).toEqual({
        kind: 'invalid-input',
        message: 'responseFields is too long.',
        hint: 'Keep responseFields under 4000 characters.',
        where: 'responseFields',
      })
    expect(k.sent).toHaveLength(3)
  })

  it('search paging: startIndex 0 to the int32 maximum, pageSize 1 to 200, whole numbers', async () => {
    const k = kibo(() => answer({ items: [] }))
    const { client: c } = client(k.transport)
    await c.searchAccounts({ startIndex: 0, pageSize: 1 })
    await c.searchAccounts({ startIndex: MAX_INT32, pageSize: 200 })
    expect(k.sent.map((r) => [r.query?.startIndex, r.query?.pageSize])).toEqual([
      [0, 1],
      [MAX_INT32, 200],
    ])
    for (const startIndex of [-1, 0.5, MAX_INT32 + 1])
      expect(await appErrorOf(() => c.searchAccounts({ startIndex }))).toEqual({
        kind: 'invalid-input',
        message: 'startIndex must be a whole number, 0 or more.',
        hint: 'Start from 0.',
        where: 'startIndex',
      })
    for (const pageSize of [0, 201, 1.5])
      expect(await appErrorOf(() => c.searchAccounts({ pageSize }))).toEqual({
        kind: 'invalid-input',
        message: 'pageSize must be between 1 and 200.',
        hint: 'Kibo returns at most 200 accounts a page.',
        where: 'pageSize',
      })
    expect(k.sent).toHaveLength(2)
  })

  it('search text: trimmed, blank left out', async () => {
    const k = kibo(() => answer({ items: [] }))
    await client(k.transport).client.searchAccounts({ sortBy: ' id ', filter: ' a eq 1 ', q: ' smith ' })
    await client(k.transport).client.searchAccounts({ sortBy: ' ', filter: ' ', q: ' ' })
    expect(k.sent.map((r) => r.query)).toEqual([
      { startIndex: undefined, pageSize: undefined, sortBy: 'id', filter: 'a eq 1', q: 'smith', responseFields: undefined },
      { startIndex: undefined, pageSize: undefined, sortBy: undefined, filter: undefined, q: undefined, responseFields: undefined },
    ])
  })

  it('impersonation: ids trimmed, an account id checked, a null one ignored, something needed', async () => {
    const k = kibo(() => answer({}))
    const { client: c } = client(k.transport)
    await c.impersonateCart({ cartId: ' c1 ', accountId: null as unknown as undefined, userId: ' u1 ' })
    await c.impersonateCart({ accountId: MAX_INT32 })
    expect(k.sent.map((r) => r.body)).toEqual([{ cartId: 'c1', userId: 'u1' }, { accountId: MAX_INT32 }])
    expect(await appErrorOf(() => c.impersonateCart({ accountId: 0 }))).toEqual({
      kind: 'invalid-input',
      message: 'The account id must be a positive whole number.',
      hint: 'Enter an account id such as 1001.',
      where: 'accountId',
    })
    expect(await appErrorOf(() => c.impersonateCart({ cartId: ' ', userId: ' ' }))).toEqual({
      kind: 'invalid-input',
      message: 'Nothing to impersonate.',
      hint: 'Enter a cart id, an account id or a user id.',
      where: 'target',
    })
    expect(await appErrorOf(() => c.impersonateCart({ cartId: 5 as unknown as string }))).toMatchObject({ where: 'target' })
    expect(k.sent).toHaveLength(2)
  })

  it('refresh: a token is needed, and the held account id must be an id', async () => {
    const k = kibo(() => answer({ customerAccount: { id: 7 } }))
    const { client: c } = client(k.transport)
    expect(await appErrorOf(() => c.refreshTicket(undefined as unknown as string))).toEqual({
      kind: 'invalid-input',
      message: 'There is no refresh token to use.',
      hint: 'Impersonate the cart again.',
      where: 'refreshToken',
    })
    expect(await appErrorOf(() => c.refreshTicket('rt', { accountId: 0 }))).toEqual({
      kind: 'invalid-input',
      message: 'The ticket held is for account id 0, which is not a positive whole number.',
      hint: 'Impersonate the customer again.',
      where: 'accountId',
    })
    expect(k.sent).toHaveLength(0)
    await c.refreshTicket('rt', { accountId: 7, responseFields: ' id ' })
    expect(k.sent[0]).toMatchObject({ method: 'PUT', query: { refreshToken: 'rt', accountId: 7, responseFields: 'id' }, body: undefined })
    expect(await appErrorOf(c.refreshTicket('rt', { accountId: 8 }))).toMatchObject({ kind: 'bad-response', where: 'customerAccount.id' })
  })

  it('getAccount: an id, checked against the answer', async () => {
    const k = kibo(() => answer({ id: 2 }))
    const { client: c } = client(k.transport)
    expect(await appErrorOf(() => c.getAccount(0))).toMatchObject({ where: 'accountId' })
    expect(await appErrorOf(c.getAccount(1))).toMatchObject({ kind: 'bad-response', where: 'id' })
    expect((await c.getAccount(2)).data).toEqual({ id: 2 })
    expect(k.sent.map((r) => [r.method, r.url])).toEqual([
      ['GET', 'https://t1.sandbox.mozu.com/api/commerce/customer/accounts/1'],
      ['GET', 'https://t1.sandbox.mozu.com/api/commerce/customer/accounts/2'],
    ])
  })
})

describe('answers', () => {
  it('a page of accounts: items a list, null or absent; each an account with an id', async () => {
    const bodies: unknown[] = [{ items: null }, {}, { items: {} }, [], { items: [{ id: 0 }] }, { items: [{ id: 3 }] }]
    const k = kibo(() => answer(bodies.shift()))
    const { client: c } = client(k.transport)
    expect((await c.searchAccounts({})).data).toEqual({ items: null })
    expect((await c.searchAccounts({})).data).toEqual({})
    expect((await appErrorOf(c.searchAccounts({}))).message).toBe(
      'Searching accounts failed: Kibo answered with a body that is not a page of accounts.',
    )
    expect((await appErrorOf(c.searchAccounts({}))).kind).toBe('bad-response')
    expect(await appErrorOf(c.searchAccounts({}))).toMatchObject({ where: 'items[0].id', requestId: expect.any(String) })
    expect((await c.searchAccounts({})).data).toEqual({ items: [{ id: 3 }] })
  })

  it('a ticket or an account must be an object', async () => {
    const bodies: unknown[] = [[], 'x', null]
    const k = kibo(() => answer(bodies.shift()))
    const { client: c } = client(k.transport)
    expect((await appErrorOf(c.impersonateCart({ cartId: 'c' }))).message).toBe(
      'Impersonating the cart failed: Kibo answered with a body that is not a customer ticket.',
    )
    expect((await appErrorOf(c.refreshTicket('rt'))).message).toBe(
      'Refreshing the ticket failed: Kibo answered with a body that is not a customer ticket.',
    )
    expect((await appErrorOf(c.getAccount(1))).message).toBe('Reading account 1 failed: Kibo answered with a body that is not an account.')
  })

  it('a result carries the correlation id, status and request id of its exchange', async () => {
    const k = kibo(() => answer({ id: 1 }, 200, { 'x-vol-correlation': 'c-7' }))
    const { client: c, events } = client(k.transport)
    const result = await c.getAccount(1)
    const exchange = events.find((e) => e.type === 'exchange' && e.exchange.url.endsWith('/accounts/1'))
    expect(result).toMatchObject({ data: { id: 1 }, correlationId: 'c-7', status: 200 })
    expect(exchange?.type === 'exchange' && exchange.exchange.id).toBe(result.requestId)
  })

  it('read: a GET with the endpoint’s and the spec’s headers, its query, checks and secrets', async () => {
    const k = kibo(() => answer({ said: 'claims-xyz and tok1' }, 200))
    const { client: c } = client(k.transport)
    const result = await c.read({
      action: 'Reading a thing',
      path: '/thing',
      query: { a: 1 },
      headers: { 'x-vol-user-claims': 'claims-xyz' },
      knownSecrets: ['claims-xyz'],
      check: (json): json is { said: string } => typeof json === 'object',
      what: 'a thing',
    })
    expect(result.data).toEqual({ said: 'claims-xyz and tok1' })
    expect(k.sent[0]).toMatchObject({
      method: 'GET',
      url: 'https://t1.sandbox.mozu.com/api/thing',
      query: { a: 1 },
      headers: { 'x-vol-tenant': '1', 'x-vol-user-claims': 'claims-xyz', Authorization: 'Bearer tok1' },
      body: undefined,
    })
    const bare = kibo(() => answer({}))
    await client(bare.transport).client.read({ action: 'x', path: '/y', check: (j): j is object => j !== undefined, what: 'y' })
    expect(bare.sent[0].query).toEqual({})
    expect(bare.sent[0].headers['x-vol-tenant']).toBe('1')
  })

  it('read: what the spec refuses is Kibo’s fault, at its field', async () => {
    const k = kibo(() => answer({ n: 1 }, 200, { 'x-vol-correlation': 'c-9' }))
    const error = await appErrorOf(
      client(k.transport).client.read({
        action: 'Reading a thing',
        path: '/thing',
        check: (json): json is { n: number } => json !== undefined,
        what: 'a thing',
        holdsUp: (data) => (data.n === 1 ? { sentence: 'Kibo answered with n 1.', where: 'n' } : null),
      }),
    )
    expect(error).toEqual({
      kind: 'bad-response',
      message: 'Reading a thing failed: Kibo answered with n 1.',
      hint: 'This is Kibo’s answer, not something you typed: try again, and if it persists quote the correlation id to Kibo support.',
      status: 200,
      correlationId: 'c-9',
      where: 'n',
      requestId: expect.any(String),
    })
  })
})

describe('tokens scrubbed from what Kibo says back', () => {
  it('the application tokens this client used, and the refresh token', async () => {
    const k = kibo(
      (req) =>
        req.url.endsWith('/refresh')
          ? answer({ message: `refresh ${String(req.query?.refreshToken)} refused` }, 400)
          : answer({ message: `token ${req.headers.Authorization.slice(7)} refused` }, 403),
      (n) => `plain${n}`,
    )
    const { client: c } = client(k.transport)
    expect((await appErrorOf(c.getAccount(1))).message).toBe('Reading account 1 failed (HTTP 403): token [redacted] refused')
    expect((await appErrorOf(c.refreshTicket('rt-plain'))).message).toContain('refresh [redacted] refused')
  })

  it('remembers the last sixteen tokens it handed out', async () => {
    const cache = new AppTokenCache()
    let said = ''
    const k = kibo(
      () => answer({ message: said }, 404),
      (n) => `tk${String(n).padStart(2, '0')}`,
    )
    const { client: c } = client(k.transport, { tokenCache: cache })
    const reply = async (text: string) => {
      said = text
      cache.clear()
      return (await appErrorOf(c.getAccount(1))).message.replace('Reading account 1 failed (HTTP 404): ', '')
    }
    for (let i = 1; i <= 15; i++) await reply('')
    // The sixteenth token is the one in use; the fifteen before it are remembered.
    expect(await reply('tk01 tk15 tk16')).toBe('[redacted] [redacted] [redacted]')
    expect(await reply('tk01 tk02 tk17')).toBe('[redacted] [redacted] [redacted]')
    expect(await reply('tk01 tk02 tk03 tk18')).toBe('tk01 [redacted] [redacted] [redacted]')
  })

  it('the odd lifetime of a token is a warning event', async () => {
    const sent: string[] = []
    const transport: Transport = async (req) => {
      sent.push(req.url)
      return req.url.endsWith(AUTH_PATH) ? answer({ access_token: 'tkn', expires_in: 0 }) : answer({ id: 1 })
    }
    const { client: c, events } = client(transport)
    await c.getAccount(1)
    expect(events.filter((e) => e.type === 'warning')).toEqual([
      {
        type: 'warning',
        action: 'Getting an application token',
        message:
          'Kibo issued the application token with a lifetime (expires_in) of 0 s; the app uses it and renews it at most once a minute.',
      },
    ])
    expect(sent[0]).toBe('https://home.mozu.com/api/platform/applications/authtickets/oauth')
  })
})

describe('all accounts', () => {
  it('walks the search page by page', async () => {
    const k = kibo((req) => {
      const start = Number(req.query?.startIndex)
      return answer({ totalCount: 3, items: start < 3 ? [{ id: start + 1 }, { id: start + 2 }].slice(0, 3 - start) : [] })
    })
    const pages: number[][] = []
    for await (const page of client(k.transport).client.allAccounts({ filter: 'x' }, { pageSize: 2 })) pages.push(page.map((a) => a.id!))
    expect(pages).toEqual([[1, 2], [3]])
    expect(k.sent.map((r) => [r.query?.startIndex, r.query?.pageSize, r.query?.filter])).toEqual([
      [0, 2, 'x'],
      [2, 2, 'x'],
    ])
  })
})

describe('secrets and signals handed on', () => {
  it('read scrubs what its spec names as secret from what Kibo says back', async () => {
    const k = kibo(() => answer({ message: 'claims plainclaims refused' }, 403))
    const error = await appErrorOf(
      client(k.transport).client.read({
        action: 'Reading a thing',
        path: '/thing',
        knownSecrets: ['plainclaims'],
        check: (j): j is object => j !== undefined,
        what: 'a thing',
      }),
    )
    expect(error.message).toBe('Reading a thing failed (HTTP 403): claims [redacted] refused')
  })

  it('allAccounts passes its signal to each search', async () => {
    const k = kibo(() => answer({ totalCount: 1, items: [{ id: 1 }] }))
    const signal = new AbortController().signal
    for await (const _page of client(k.transport).client.allAccounts({}, { signal })) void _page
    expect(k.sent[0].signal).toBe(signal)
  })
})
