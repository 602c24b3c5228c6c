// The small pieces under the client, at their edges: what the request log keeps of an exchange,
// what is taken for a token, the waits between attempts, JWT segments, and the checks on answers.
import { getEventListeners } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { checkAccount, checkAccountPage, checkTicket } from './answerChecks'
import {
  curlCommand,
  isSecretName,
  nextExchangeId,
  redactQuery,
  redactRequestBody,
  redactRequestHeaders,
  redactResponseHeaders,
  scrubKnown,
  shellQuote,
  urlWithQuery,
} from './exchange'
import { decodeJwt, ticketView } from './jwt'
import { redactSecrets } from './redact'
import { backoffDelay, defaultSleep, parseRetryAfter, sleepUnlessAborted } from './retry'

describe('the request log’s copy of an exchange', () => {
  it('secret names, in any spelling', () => {
    for (const name of [
      'Authorization',
      'authorisation',
      'x-refresh-token',
      'client_secret',
      'PASSWORD',
      'passwd',
      'credentials',
      'Set-Cookie',
      'x-vol-user-claims',
      'api-key',
      'api_key',
      'apikey',
      'sessionId',
      'signature',
    ])
      expect([name, isSecretName(name)]).toEqual([name, true])
    for (const name of ['x-vol-tenant', 'accountId', 'content-type', 'api key']) expect([name, isSecretName(name)]).toEqual([name, false])
  })

  it('known values of four characters or more are replaced, longest first, URL-encoded too; JWTs and bearer credentials always', () => {
    expect(scrubKnown('abc and abcd and abcdef and a%2Bb%2F', ['abc', 'abcd', 'abcdef', 'a+b/', null, undefined])).toBe(
      'abc and [redacted] and [redacted] and [redacted]',
    )
    expect(scrubKnown('jwt eyJhbGci.eyJzdWIi.sig and Basic dXNlcjpwYXNz', [])).toBe('jwt [redacted] and Basic [redacted]')
    expect(scrubKnown('Bearer short', [])).toBe('Bearer short')
  })

  it('response headers: secret-named ones replaced whole, the rest scrubbed', () => {
    expect(redactResponseHeaders({ 'set-cookie': 'a=b', 'x-echo': 'said tok-12345', etag: 'x' }, ['tok-12345'])).toEqual({
      'set-cookie': '[redacted]',
      'x-echo': 'said [redacted]',
      etag: 'x',
    })
  })

  it('request headers and query: placeholders by name, else a generic one', () => {
    expect(redactRequestHeaders({ 'X-Vol-User-Claims': 'c', 'x-api-key': 'k', Accept: 'application/json' }, [])).toEqual({
      'X-Vol-User-Claims': '$KIBO_USER_CLAIMS',
      'x-api-key': '$KIBO_SECRET',
      Accept: 'application/json',
    })
    expect(redactQuery(undefined, [])).toEqual({})
    expect(redactQuery({ refresh_token: 'r', access_token: 'a', n: 5, b: false, note: 'has tok-12345' }, ['tok-12345'])).toEqual({
      refresh_token: '$KIBO_REFRESH_TOKEN',
      access_token: '$KIBO_TOKEN',
      n: '5',
      b: 'false',
      note: 'has [redacted]',
    })
  })

  it('a body: secret-named fields replaced unless null or a flag; values scrubbed; deep nesting cut', () => {
    expect(redactRequestBody(undefined, [])).toBeNull()
    expect(redactRequestBody(null, [])).toBe('null')
    expect(
      JSON.parse(
        redactRequestBody(
          {
            accessToken: 'a',
            jwtAccessToken: 'j',
            refreshToken: null,
            rememberPassword: true,
            apiKey: 0,
            list: ['tok-12345', 3, { secretAnswer: 'x' }],
          },
          ['tok-12345'],
        )!,
      ),
    ).toEqual({
      accessToken: '$KIBO_TOKEN',
      jwtAccessToken: '$KIBO_TOKEN',
      refreshToken: null,
      rememberPassword: true,
      apiKey: '$KIBO_SECRET',
      list: ['[redacted]', 3, { secretAnswer: '$KIBO_SECRET' }],
    })
    let deep: unknown = 'leaf'
    for (let i = 0; i < 21; i++) deep = [deep]
    let twenty: unknown = 'leaf'
    for (let i = 0; i < 20; i++) twenty = [twenty]
    expect(redactRequestBody(deep, [])).toBe(`${'['.repeat(21)}"[redacted]"${']'.repeat(21)}`)
    expect(redactRequestBody(twenty, [])).toBe(`${'['.repeat(20)}"leaf"${']'.repeat(20)}`)
  })

  it('the URL with its query: placeholders literal, everything else encoded', () => {
    expect(urlWithQuery('https://h/api', {})).toBe('https://h/api')
    expect(urlWithQuery('https://h/api', { 'a b': 'c&d', t: '$KIBO_TOKEN', u: '$KIBO_token', v: 'x$KIBO_TOKEN' })).toBe(
      'https://h/api?a%20b=c%26d&t=$KIBO_TOKEN&u=%24KIBO_token&v=x%24KIBO_TOKEN',
    )
  })

  it('shell quoting: single quotes unless a placeholder must expand', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
    expect(shellQuote('plain')).toBe(`'plain'`)
    expect(shellQuote('a "$KIBO_TOKEN" `b` \\ $HOME')).toBe('"a \\"$KIBO_TOKEN\\" \\`b\\` \\\\ \\$HOME"')
    // Twice in a row: the pattern's state does not carry over.
    expect(shellQuote('$KIBO_TOKEN and $KIBO_CLIENT_SECRET')).toBe('"$KIBO_TOKEN and $KIBO_CLIENT_SECRET"')
    expect(shellQuote('$KIBO_TOKEN and $KIBO_CLIENT_SECRET')).toBe('"$KIBO_TOKEN and $KIBO_CLIENT_SECRET"')
  })

  it('cURL: the body as data, library headers in any case left out', () => {
    expect(
      curlCommand({
        method: 'POST',
        url: 'https://h/api/x',
        query: {},
        requestHeaders: {
          Host: 'h',
          Connection: 'keep-alive',
          'Accept-Encoding': 'gzip',
          'User-Agent': 'x',
          'Content-Length': '2',
          Accept: 'application/json',
        },
        requestBody: '{"a":1}',
      }),
    ).toBe(["curl -X POST 'https://h/api/x'", "  -H 'Accept: application/json'", `  --data-raw '{"a":1}'`].join(' \\\n'))
  })

  it('exchange ids count up', () => {
    const a = Number(nextExchangeId().slice(1))
    expect(nextExchangeId()).toBe(`r${a + 1}`)
  })
})

describe('what is taken for a token', () => {
  it('long runs mixing letters and digits, unless a GUID or a path of short segments', () => {
    const run = 'a1'.repeat(16)
    expect(redactSecrets(`x ${run} y`)).toBe('x [redacted] y')
    expect(redactSecrets(`x ${'a'.repeat(40)} ${'1'.repeat(40)}`)).toBe(`x ${'a'.repeat(40)} ${'1'.repeat(40)}`)
    expect(redactSecrets('3f2a1b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c')).toBe('3f2a1b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c')
    expect(redactSecrets('/api/commerce/customer/accounts/1001/cards')).toBe('/api/commerce/customer/accounts/1001/cards')
    const longSegment = `/api/${'b2'.repeat(12)}/xyz`
    expect(redactSecrets(longSegment)).toBe('[redacted]')
    expect(redactSecrets(`/api/${'b2'.repeat(11)}1/xyz1`)).toBe(`/api/${'b2'.repeat(11)}1/xyz1`)
    expect(redactSecrets('a1'.repeat(15) + 'a')).toBe('a1'.repeat(15) + 'a')
  })

  it('named tokens keep their name and separator; known secrets under four characters are left', () => {
    expect(redactSecrets(`accessToken: 'abc' and password=x;y`)).toBe(`accessToken: '[redacted]' and password=[redacted];y`)
    expect(redactSecrets('key abc here', ['abc'])).toBe('key abc here')
    expect(redactSecrets('key abcd and abcdef', ['abcd', 'abcdef'])).toBe('key [redacted] and [redacted]')
    expect(redactSecrets('a b', [null, undefined])).toBe('a b')
  })
})

describe('waits', () => {
  it('backoff: the random draw is clamped to [0, 1], a negative attempt counts as the first', () => {
    expect(backoffDelay(0, 100, 1000, () => 2)).toBe(100)
    expect(backoffDelay(0, 100, 1000, () => -1)).toBe(0)
    expect(backoffDelay(-3, 100, 1000, () => 0.5)).toBe(50)
    expect(backoffDelay(1, 100, 1000, () => 0.5)).toBe(100)
    expect(backoffDelay(4, 100, 1000, () => 1)).toBe(1000)
  })

  it('Retry-After: digits only as seconds; a date needs letters', () => {
    const now = Date.parse('2024-05-01T10:00:00Z')
    expect(parseRetryAfter('12', now)).toBe(12_000)
    expect(parseRetryAfter('1.5', now)).toBeNull()
    expect(parseRetryAfter('12 s', now)).toBeNull()
    expect(parseRetryAfter('x12', now)).toBeNull()
    expect(parseRetryAfter('', now)).toBeNull()
    expect(parseRetryAfter('2024-05-01', now)).toBeNull()
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:01 GMT', now)).toBe(1000)
  })

  it('the default sleep waits, ends early on abort, and leaves no listener', async () => {
    const started = Date.now()
    await defaultSleep(30)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    const controller = new AbortController()
    await defaultSleep(5, controller.signal)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
    const long = defaultSleep(60_000, controller.signal)
    controller.abort()
    await long
    const t = Date.now()
    await defaultSleep(60_000, AbortSignal.abort())
    expect(Date.now() - t).toBeLessThan(1000)
  })

  it('the default sleep leaves no timer behind when aborted', async () => {
    vi.useFakeTimers()
    try {
      const controller = new AbortController()
      const waiting = defaultSleep(60_000, controller.signal)
      expect(vi.getTimerCount()).toBe(1)
      controller.abort()
      await waiting
      expect(vi.getTimerCount()).toBe(0)
      const done = defaultSleep(1000)
      vi.advanceTimersByTime(1000)
      await done
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('sleepUnlessAborted: the sleep itself without a signal; nothing once aborted; no listener left', async () => {
    const asked: [number, AbortSignal | undefined][] = []
    const sleep = async (ms: number, signal?: AbortSignal) => {
      asked.push([ms, signal])
    }
    await sleepUnlessAborted(sleep, 10)
    await sleepUnlessAborted(sleep, 20, AbortSignal.abort())
    const controller = new AbortController()
    await sleepUnlessAborted(sleep, 30, controller.signal)
    expect(asked).toEqual([
      [10, undefined],
      [30, controller.signal],
    ])
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})

describe('JWT segments', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  it('trimmed; each segment base64url of a JSON object', () => {
    expect(decodeJwt(` ${b64({ alg: 'none' })}.${b64({ sub: 'x' })}. `)).toEqual({ header: { alg: 'none' }, claims: { sub: 'x' } })
    expect(decodeJwt(`${b64({ a: 1 })}.${b64(null)}.x`)).toBeNull()
    expect(decodeJwt(`${b64({ a: 1 })}.${b64('text')}.x`)).toBeNull()
    expect(decodeJwt(`${b64({ a: 1 })}=.${b64({ b: 1 })}.x`)).toBeNull()
    expect(decodeJwt(`x${b64({ a: 1 })}.${b64({ b: 1 })}.x`)).toBeNull()
    expect(decodeJwt(`.${b64({ b: 1 })}.x`)).toBeNull()
  })
})

describe('checks on answers', () => {
  it('a ticket’s account must be an object, its id a positive whole number, the one asked', () => {
    expect(checkTicket({}, 5)).toBeNull()
    expect(checkTicket({ customerAccount: null }, 5)).toBeNull()
    expect(checkTicket({ customerAccount: {} }, 5)).toBeNull()
    expect(checkTicket({ customerAccount: { id: 5 } }, 5)).toBeNull()
    expect(checkTicket({ customerAccount: { id: 6 } }, undefined)).toBeNull()
    expect(checkTicket({ customerAccount: 'x'.repeat(50) }, 5)).toEqual({
      sentence: `Kibo answered with “${'x'.repeat(39)}…” for customerAccount; expected an account.`,
      where: 'customerAccount',
    })
    expect(checkTicket({ customerAccount: [1] }, 5)).toEqual({
      sentence: 'Kibo answered with a list for customerAccount; expected an account.',
      where: 'customerAccount',
    })
    expect(checkTicket({ customerAccount: { id: null } }, 5)).toEqual({
      sentence: 'Kibo answered with account id null for customerAccount.id; expected a positive whole number.',
      where: 'customerAccount.id',
    })
    expect(checkTicket({ customerAccount: { id: true } }, 5)?.sentence).toContain('account id true for')
    expect(checkTicket({ customerAccount: { id: { a: 1 } } }, 5)?.sentence).toContain('account id an object for')
  })

  it('expiries: absent or null pass, a parsable string passes, anything else is named', () => {
    expect(checkTicket({ accessTokenExpiration: null, refreshTokenExpiration: '2030-01-01T00:00:00Z' }, undefined)).toBeNull()
    expect(checkTicket({ accessTokenExpiration: 5 }, undefined)).toEqual({
      sentence: 'Kibo answered with 5 for accessTokenExpiration; expected a date and time.',
      where: 'accessTokenExpiration',
    })
    expect(checkTicket({ accessTokenExpiration: 'soon', refreshTokenExpiration: 'later' }, undefined)?.where).toBe('accessTokenExpiration')
    expect(checkTicket({ customerAccount: { id: 0 }, accessTokenExpiration: 'soon' }, undefined)?.where).toBe('customerAccount.id')
  })

  it('a quoted string of exactly 40 characters is whole, and never a token', () => {
    expect(checkAccount({ id: 'y'.repeat(40) }, 1)?.sentence).toBe(
      `Kibo answered with account id “${'y'.repeat(40)}” for id; expected a positive whole number.`,
    )
    expect(checkAccount({ id: 'Bearer abcdefgh12345' }, 1)?.sentence).toBe(
      'Kibo answered with account id “Bearer [redacted]” for id; expected a positive whole number.',
    )
    expect(checkAccount({}, 1)).toBeNull()
  })

  it('a page of accounts: each an object with an id, if any', () => {
    expect(checkAccountPage({})).toBeNull()
    expect(checkAccountPage({ items: [{ id: 1 }, {}] })).toBeNull()
    expect(checkAccountPage({ items: [{ id: 1 }, 7] })).toEqual({
      sentence: 'Kibo answered with 7 for items[1]; expected an account.',
      where: 'items[1]',
    })
    expect(checkAccountPage({ items: [null] })?.where).toBe('items[0]')
  })
})

describe('more edges', () => {
  it('deep objects are cut like deep lists', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 21; i++) deep = { a: deep }
    expect(redactRequestBody(deep, [])).toBe(`${'{"a":'.repeat(21)}"[redacted]"${'}'.repeat(21)}`)
  })

  it('only a whole placeholder stays literal in a URL', () => {
    expect(urlWithQuery('https://h/api', { t: '$KIBO_TOKEN x' })).toBe('https://h/api?t=%24KIBO_TOKEN%20x')
  })

  it('an empty refresh token is no refresh token', () => {
    expect(ticketView({ refreshToken: '' }, new Date(0)).hasRefreshToken).toBe(false)
    expect(ticketView({ refreshToken: 'r' }, new Date(0)).hasRefreshToken).toBe(true)
  })
})
