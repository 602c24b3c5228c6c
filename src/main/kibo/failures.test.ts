// What a person is told when a call fails: the kind the UI acts on, the sentence, the hint, and
// the status and correlation id to quote, from each status and each wire problem.
import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import {
  badResponse,
  failureFromStatus,
  failureFromWire,
  invalidInput,
  unexpectedAnswer,
  withRequestId,
  type FailureContext,
  type WireProblem,
} from './failures'

const ctx: FailureContext = { action: 'Reading account 1001', knownSecrets: [] }
const appAuth: FailureContext = { action: 'Getting an application token', appAuth: true, knownSecrets: [] }
const refresh: FailureContext = { action: 'Refreshing the ticket', refresh: true, knownSecrets: [] }

const HINTS = {
  appCredentials: 'Check the client ID and secret of this profile, and that the application is installed and enabled on this tenant.',
  tokenRefused:
    'Kibo issued an application token but refuses it here: check that the application is installed on this tenant and that the tenant and site are right.',
  refreshSpent:
    'Kibo no longer accepts the refresh token (it expired, was used already, or was revoked). Impersonate the customer again for a new ticket.',
  forbidden:
    'The application lacks a permission this call needs: give it the customer behaviours in Dev Center, then reinstall it on the tenant.',
  notFound: 'Check the id, and that the profile points at the tenant and site it belongs to.',
  rateLimited: 'Kibo is limiting requests: wait a minute, then try again.',
  server: 'Kibo had a problem answering: try again shortly. If it persists, quote the correlation id to Kibo support.',
  timeout: 'Kibo gave up waiting for the request: try again.',
  redirect: 'Kibo redirected the request: check that the base URL is the https API address, ending in /api.',
  input: 'Check the values you entered (ids, responseFields, filter or sort syntax).',
}

describe('failureFromStatus: kinds and hints', () => {
  it.each([
    [appAuth, 400, 'auth-failed', HINTS.appCredentials],
    [appAuth, 401, 'auth-failed', HINTS.appCredentials],
    [appAuth, 403, 'auth-failed', HINTS.appCredentials],
    [appAuth, 404, 'not-found', HINTS.notFound],
    [appAuth, 500, 'server', HINTS.server],
    [refresh, 400, 'auth-expired', HINTS.refreshSpent],
    [refresh, 401, 'auth-expired', HINTS.refreshSpent],
    [refresh, 403, 'forbidden', HINTS.forbidden],
    [ctx, 401, 'auth-failed', HINTS.tokenRefused],
    [ctx, 403, 'forbidden', HINTS.forbidden],
    [ctx, 404, 'not-found', HINTS.notFound],
    [ctx, 408, 'timeout', HINTS.timeout],
    [ctx, 429, 'rate-limited', HINTS.rateLimited],
    [ctx, 500, 'server', HINTS.server],
    [ctx, 501, 'server', HINTS.server],
    [ctx, 599, 'server', HINTS.server],
    [ctx, 300, 'bad-response', HINTS.redirect],
    [ctx, 302, 'bad-response', HINTS.redirect],
    [ctx, 399, 'bad-response', HINTS.redirect],
    [ctx, 400, 'invalid-input', HINTS.input],
    [ctx, 409, 'invalid-input', HINTS.input],
    [ctx, 499, 'invalid-input', HINTS.input],
    [ctx, 299, 'invalid-input', HINTS.input],
  ])('%# HTTP %i', (context, status, kind, hint) => {
    const message =
      kind === 'auth-expired'
        ? `The customer ticket can no longer be refreshed — impersonate again. Kibo answered HTTP ${status}.`
        : context === appAuth && kind === 'auth-failed'
          ? `Kibo refused the application credentials (HTTP ${status}).`
          : `${context.action} failed (HTTP ${status}).`
    expect(failureFromStatus(context, status, '', 'c-1').error).toEqual({ kind, message, hint, status, correlationId: 'c-1' })
  })

  it('429 names the wait Kibo asked for, when it asked', () => {
    expect(failureFromStatus(ctx, 429, '', null, 30).error.hint).toBe('Kibo is limiting requests: wait 30 s, then try again.')
    expect(failureFromStatus(ctx, 429, '', null, 0).error.hint).toBe('Kibo is limiting requests: wait 0 s, then try again.')
  })

  it('the body’s summary follows the status; Kibo’s fields are kept; no correlation id, none kept', () => {
    const body = JSON.stringify({ message: 'No such account', errorCode: 'ITEM_NOT_FOUND', applicationName: 'Customer' })
    const failure = failureFromStatus(ctx, 404, body, null, undefined, 'application/json')
    expect(failure).toBeInstanceOf(AppFailure)
    expect(failure.message).toBe('Reading account 1001 failed (HTTP 404): No such account (ITEM_NOT_FOUND)')
    expect(failure.error).toEqual({
      kind: 'not-found',
      message: 'Reading account 1001 failed (HTTP 404): No such account (ITEM_NOT_FOUND)',
      hint: HINTS.notFound,
      status: 404,
      kibo: { applicationName: 'Customer', errorCode: 'ITEM_NOT_FOUND' },
    })
    expect(Object.keys(failure.error)).not.toContain('correlationId')
  })

  it('a body with no Kibo fields adds no kibo detail', () => {
    const failure = failureFromStatus(ctx, 400, 'plain words', 'c-2', undefined, 'text/plain')
    expect(failure.error.message).toBe('Reading account 1001 failed (HTTP 400): plain words')
    expect(Object.keys(failure.error).sort()).toEqual(['correlationId', 'hint', 'kind', 'message', 'status'])
  })

  it('a refused refresh says so, with what Kibo answered', () => {
    const failure = failureFromStatus(refresh, 401, '{"message":"Refresh token expired"}', 'c-r')
    expect(failure.error.message).toBe(
      'The customer ticket can no longer be refreshed — impersonate again. Kibo answered HTTP 401: Refresh token expired',
    )
  })

  it('the application’s refused credentials, with the body scrubbed of the secret', () => {
    const failure = failureFromStatus({ ...appAuth, knownSecrets: ['sekret-123'] }, 401, '{"message":"bad sekret-123"}', null)
    expect(failure.error.message).toBe('Kibo refused the application credentials (HTTP 401): bad [redacted]')
  })

  it('the HTML of a page is read as a page', () => {
    expect(failureFromStatus(ctx, 502, '<title>Bad Gateway</title>', null, undefined, 'text/html').error.message).toBe(
      "Reading account 1001 failed (HTTP 502): a web page titled “Bad Gateway”, not Kibo's answer",
    )
  })
})

describe('failureFromWire', () => {
  it.each<[WireProblem, string, string, string]>([
    [
      'timeout',
      'timeout',
      'Reading account 1001 timed out: Kibo did not answer within 1.2 s.',
      'Try again; for large results, ask for fewer fields (responseFields) or a smaller page.',
    ],
    [
      'refused',
      'network',
      'Reading account 1001 failed: the server refused the connection.',
      'Check the host of this profile and that the server is running.',
    ],
    [
      'dns',
      'network',
      'Reading account 1001 failed: the host name could not be found.',
      'Check the network connection, and the tenant, environment and region of this profile.',
    ],
    [
      'tls',
      'network',
      "Reading account 1001 failed: the server's certificate was not accepted.",
      'Check the host of this profile; a proxy that intercepts HTTPS needs its certificate trusted.',
    ],
    [
      'network',
      'network',
      'Reading account 1001 failed: Kibo could not be reached.',
      'Check the network connection (VPN, proxy), then try again.',
    ],
  ])('%s: no status or correlation id', (problem, kind, message, hint) => {
    expect(failureFromWire(ctx, problem, 1234, 200, 'c-w').error).toEqual({ kind, message, hint })
  })

  it('the timeout is said in tenths of a second', () => {
    expect(failureFromWire(ctx, 'timeout', 30_000).error.message).toBe('Reading account 1001 timed out: Kibo did not answer within 30 s.')
    expect(failureFromWire(ctx, 'timeout', 150).error.message).toBe('Reading account 1001 timed out: Kibo did not answer within 0.2 s.')
  })

  it('cancelled: no hint, with the status and correlation id when known', () => {
    expect(failureFromWire(ctx, 'cancelled', 1000, 200, 'c-c').error).toEqual({
      kind: 'cancelled',
      message: 'Reading account 1001 was cancelled.',
      status: 200,
      correlationId: 'c-c',
    })
    expect(failureFromWire(ctx, 'cancelled', 1000).error).toEqual({ kind: 'cancelled', message: 'Reading account 1001 was cancelled.' })
  })

  it('reset: the correlation id, never the status', () => {
    expect(failureFromWire(ctx, 'reset', 1000, 200, 'c-r').error).toEqual({
      kind: 'network',
      message: 'Reading account 1001 failed: the connection to Kibo was cut.',
      hint: 'Check the network connection (VPN, proxy), then try again.',
      correlationId: 'c-r',
    })
  })

  it('too large: a bad response, with status and correlation id', () => {
    expect(failureFromWire(ctx, 'too-large', 1000, 200, 'c-t').error).toEqual({
      kind: 'bad-response',
      message: "Reading account 1001 failed: Kibo's answer was too large.",
      hint: 'Ask for fewer fields (responseFields) or a smaller page.',
      status: 200,
      correlationId: 'c-t',
    })
    expect(failureFromWire(ctx, 'too-large', 1000, undefined, null).error).toEqual({
      kind: 'bad-response',
      message: "Reading account 1001 failed: Kibo's answer was too large.",
      hint: 'Ask for fewer fields (responseFields) or a smaller page.',
    })
  })

  it('a status of 0 is still kept', () => {
    expect(failureFromWire(ctx, 'cancelled', 1000, 0, '').error).toEqual({
      kind: 'cancelled',
      message: 'Reading account 1001 was cancelled.',
      status: 0,
    })
  })
})

describe('the other failures', () => {
  it('badResponse names what Kibo answered', () => {
    expect(badResponse(ctx, 'with an empty body', 200, 'c-b').error).toEqual({
      kind: 'bad-response',
      message: 'Reading account 1001 failed: Kibo answered with an empty body.',
      hint: 'Try again; if it persists, quote the correlation id to Kibo support.',
      status: 200,
      correlationId: 'c-b',
    })
  })

  it('invalidInput names the field only when given', () => {
    expect(invalidInput('Bad.', 'Fix it.', 'pageSize').error).toEqual({
      kind: 'invalid-input',
      message: 'Bad.',
      hint: 'Fix it.',
      where: 'pageSize',
    })
    expect(invalidInput('Bad.', 'Fix it.').error).toEqual({ kind: 'invalid-input', message: 'Bad.', hint: 'Fix it.' })
    expect(invalidInput('Bad.', 'Fix it.', '').error).toEqual({ kind: 'invalid-input', message: 'Bad.', hint: 'Fix it.' })
  })

  it('unexpectedAnswer is Kibo’s fault, naming the field', () => {
    expect(unexpectedAnswer(ctx, 'Kibo answered with account id 0.', 'id', 200, null).error).toEqual({
      kind: 'bad-response',
      message: 'Reading account 1001 failed: Kibo answered with account id 0.',
      hint: 'This is Kibo’s answer, not something you typed: try again, and if it persists quote the correlation id to Kibo support.',
      status: 200,
      where: 'id',
    })
  })

  it('withRequestId sets the id once, and only a real one', () => {
    const failure = badResponse(ctx, 'x', 200, null)
    expect(withRequestId(failure, null)).toBe(failure)
    expect(failure.error.requestId).toBeUndefined()
    withRequestId(failure, '')
    expect(failure.error.requestId).toBeUndefined()
    withRequestId(failure, 'r1')
    expect(failure.error.requestId).toBe('r1')
    expect(withRequestId(failure, 'r2').error.requestId).toBe('r1')
  })
})

describe('what a failure leaves out', () => {
  it('no hint, status or correlation id keys when there are none', () => {
    expect(Object.keys(failureFromWire(ctx, 'cancelled', 1000).error).sort()).toEqual(['kind', 'message'])
    expect(Object.keys(failureFromWire(ctx, 'refused', 1000).error).sort()).toEqual(['hint', 'kind', 'message'])
  })
})
