// Pure helpers: redaction, Kibo error bodies, JWT decoding, Retry-After and backoff.
import { describe, expect, it } from 'vitest'
import { readErrorBody } from './errorBody'
import { decodeJwt, ticketView } from './jwt'
import { redactSecrets } from './redact'
import { backoffDelay, parseRetryAfter, sleepUnlessAborted } from './retry'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const jwt = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'u1', exp: 1700000000 })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`

describe('redactSecrets', () => {
  it('removes known secrets, URL-encoded too', () => {
    expect(redactSecrets('secret a+b/c= leaked, a%2Bb%2Fc%3D too', ['a+b/c='])).toBe('secret [redacted] leaked, [redacted] too')
  })

  it('removes JWTs, bearer credentials, named tokens and long opaque runs', () => {
    expect(redactSecrets(`token ${jwt} end`)).toBe('token [redacted] end')
    expect(redactSecrets('Authorization: Bearer abc.def-ghi_123')).toBe('Authorization: Bearer [redacted]')
    expect(redactSecrets('refreshToken=short1 and "client_secret": "hunter2"')).toBe(
      'refreshToken=[redacted] and "client_secret": "[redacted]"',
    )
    expect(redactSecrets('ticket 7f3a9c1e5b2d4f6a8c0e1b3d5f7a9c1e2b4d was bad')).toBe('ticket [redacted] was bad')
  })

  it('keeps ordinary messages, paths and GUIDs readable', () => {
    const text = 'Account 1001 not found at /api/commerce/customer/accounts/1001 (id 3f2a1b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c)'
    expect(redactSecrets(text)).toBe(text)
    expect(redactSecrets('ValidationConflict: the cart is not owned by an anonymous shopper')).toBe(
      'ValidationConflict: the cart is not owned by an anonymous shopper',
    )
  })
})

describe('readErrorBody', () => {
  it('reads message, the first item message and errorCode', () => {
    const said = (text: string) => readErrorBody(text, 'application/json', []).summary
    expect(
      said(
        JSON.stringify({
          message: 'Missing or invalid parameter',
          errorCode: 'MISSING_OR_INVALID_PARAMETER',
          items: [{ message: 'accountId 0 is invalid' }],
        }),
      ),
    ).toBe('Missing or invalid parameter accountId 0 is invalid (MISSING_OR_INVALID_PARAMETER)')
    expect(said('{"applicationName":"Customer"}')).toBeNull()
    expect(said(JSON.stringify({ message: 'x'.repeat(1000) }))!.length).toBeLessThanOrEqual(300)
  })
})

describe('decodeJwt and ticketView', () => {
  it('decodes header and claims and never returns the signature', () => {
    const view = decodeJwt(jwt)
    expect(view).toEqual({ header: { alg: 'RS256', typ: 'JWT' }, claims: { sub: 'u1', exp: 1700000000 } })
    expect(JSON.stringify(view)).not.toContain('c2lnbmF0dXJl')
  })

  it('returns null for anything that is not a JWS', () => {
    for (const token of ['', 'opaque-token', 'a.b', `${jwt}.x.y`, 'e30.bm90IGpzb24.x', '!!.??.x', null, undefined])
      expect(decodeJwt(token)).toBeNull()
    expect(decodeJwt(`${b64([1, 2])}.${b64({ a: 1 })}.x`)).toBeNull()
  })

  it('prefers jwtAccessToken, falls back to a JWT accessToken, and carries no token', () => {
    const issuedAt = new Date('2024-05-01T10:00:00Z')
    const other = `${b64({ alg: 'HS256' })}.${b64({ sub: 'other' })}.sig`
    const view = ticketView(
      { accessToken: other, jwtAccessToken: jwt, refreshToken: 'rt-1', userId: 'u1', accessTokenExpiration: '2024-05-01T11:00:00Z' },
      issuedAt,
    )
    expect(view).toEqual({
      userId: 'u1',
      accessTokenExpiration: '2024-05-01T11:00:00Z',
      refreshTokenExpiration: null,
      hasRefreshToken: true,
      jwt: { header: { alg: 'RS256', typ: 'JWT' }, claims: { sub: 'u1', exp: 1700000000 } },
      issuedAt: '2024-05-01T10:00:00.000Z',
    })
    expect(ticketView({ accessToken: other }, issuedAt).jwt?.claims).toEqual({ sub: 'other' })
    expect(ticketView({ accessToken: 'opaque' }, issuedAt)).toMatchObject({ jwt: null, hasRefreshToken: false, userId: null })
    const text = JSON.stringify(view)
    expect(text).not.toContain('rt-1')
    expect(text).not.toContain(jwt)
  })
})

describe('Retry-After and backoff', () => {
  it('parses delta-seconds and HTTP dates', () => {
    const now = Date.parse('Wed, 01 May 2024 10:00:00 GMT')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter(' 0 ', now)).toBe(0)
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:07 GMT', now)).toBe(7000)
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(undefined, now)).toBeNull()
    expect(parseRetryAfter('-5', now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
  })

  it('full jitter stays under min(max, base·2^attempt)', () => {
    expect(backoffDelay(0, 250, 8000, () => 0.999)).toBe(249)
    expect(backoffDelay(3, 250, 8000, () => 0.5)).toBe(1000)
    expect(backoffDelay(10, 250, 8000, () => 0.999)).toBe(7992)
    expect(backoffDelay(2, 250, 8000, () => 0)).toBe(0)
  })

  it('a sleep that ignores the signal still ends on abort', async () => {
    const controller = new AbortController()
    const never = () => new Promise<void>(() => {})
    const waiting = sleepUnlessAborted(never, 60_000, controller.signal)
    controller.abort()
    await expect(waiting).resolves.toBeUndefined()
  })
})
