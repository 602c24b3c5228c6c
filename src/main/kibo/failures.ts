// Turning what went wrong on the wire into an AppFailure a person can act on. Built by hand from
// status, body and headers: an HTTP library's error object carries the Authorization header and
// the request body (with the client secret), so none ever escapes, not even as `cause`.
import { AppFailure, type AppError, type ErrorKind, type KiboErrorDetail } from '../../shared/errors'
import { readErrorBody } from './errorBody'

/** What was being done, so the message can say it in the person's words. */
export interface FailureContext {
  /** "Impersonating the cart", "Reading account 1001", ... */
  action: string
  /** The application-auth call: a refusal there means bad client credentials. */
  appAuth?: boolean
  /** The refresh call: a refusal there means the customer's refresh token is spent. */
  refresh?: boolean
  /** Strings to scrub from anything Kibo says back (tokens and secrets this request carried). */
  knownSecrets: readonly (string | null | undefined)[]
}

/** Why no HTTP answer arrived (or an answer arrived broken). */
export type WireProblem = 'timeout' | 'cancelled' | 'reset' | 'refused' | 'dns' | 'tls' | 'network' | 'too-large'

function build(
  kind: ErrorKind,
  message: string,
  hint: string | undefined,
  status?: number,
  correlationId?: string | null,
  kibo?: KiboErrorDetail,
): AppFailure {
  const error: AppError = { kind, message }
  if (hint) error.hint = hint
  if (status !== undefined) error.status = status
  if (correlationId) error.correlationId = correlationId
  if (kibo && Object.keys(kibo).length > 0) error.kibo = kibo
  return new AppFailure(error)
}

/** Links a failure to the request log entry of the exchange it came from. */
export function withRequestId(failure: AppFailure, requestId: string | null | undefined): AppFailure {
  if (requestId && failure.error.requestId === undefined) failure.error.requestId = requestId
  return failure
}

function statusKind(status: number, ctx: FailureContext): ErrorKind {
  // 401 is auth-failed for any call, just below.
  if (ctx.appAuth && (status === 400 || status === 403)) return 'auth-failed'
  if (ctx.refresh && (status === 400 || status === 401)) return 'auth-expired'
  if (status === 401) return 'auth-failed'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 408) return 'timeout'
  if (status === 429) return 'rate-limited'
  if (status >= 500) return 'server'
  if (status >= 300 && status < 400) return 'bad-response'
  return 'invalid-input'
}

function statusHint(kind: ErrorKind, ctx: FailureContext, retryAfterSeconds?: number): string {
  switch (kind) {
    case 'auth-failed':
      return ctx.appAuth
        ? 'Check the client ID and secret of this profile, and that the application is installed and enabled on this tenant.'
        : 'Kibo issued an application token but refuses it here: check that the application is installed on this tenant and that the tenant and site are right.'
    // Only the refresh call ends so (see statusKind).
    case 'auth-expired':
      return 'Kibo no longer accepts the refresh token (it expired, was used already, or was revoked). Impersonate the customer again for a new ticket.'
    case 'forbidden':
      return 'The application lacks a permission this call needs: give it the customer behaviours in Dev Center, then reinstall it on the tenant.'
    case 'not-found':
      return 'Check the id, and that the profile points at the tenant and site it belongs to.'
    case 'rate-limited':
      return retryAfterSeconds !== undefined
        ? `Kibo is limiting requests: wait ${retryAfterSeconds} s, then try again.`
        : 'Kibo is limiting requests: wait a minute, then try again.'
    case 'server':
      return 'Kibo had a problem answering: try again shortly. If it persists, quote the correlation id to Kibo support.'
    case 'timeout':
      return 'Kibo gave up waiting for the request: try again.'
    // A status is a bad response only as a redirect (see statusKind).
    case 'bad-response':
      return 'Kibo redirected the request: check that the base URL is the https API address, ending in /api.'
    default:
      return 'Check the values you entered (ids, responseFields, filter or sort syntax).'
  }
}

/** A non-2xx answer that will not be retried (any more). */
export function failureFromStatus(
  ctx: FailureContext,
  status: number,
  bodyText: string,
  correlationId: string | null,
  retryAfterSeconds?: number,
  contentType?: string,
): AppFailure {
  const kind = statusKind(status, ctx)
  const { summary, detail } = readErrorBody(bodyText, contentType, ctx.knownSecrets)
  const hint = statusHint(kind, ctx, retryAfterSeconds)
  if (kind === 'auth-expired') {
    const said = summary ? ` Kibo answered HTTP ${status}: ${summary}` : ` Kibo answered HTTP ${status}.`
    return build(kind, `The customer ticket can no longer be refreshed — impersonate again.${said}`, hint, status, correlationId, detail)
  }
  const prefix = kind === 'auth-failed' && ctx.appAuth ? 'Kibo refused the application credentials' : `${ctx.action} failed`
  return build(kind, `${prefix} (HTTP ${status})${summary ? `: ${summary}` : '.'}`, hint, status, correlationId, detail)
}

/** No usable HTTP answer: timeout, cancellation, a cut connection, a broken body. */
export function failureFromWire(
  ctx: FailureContext,
  problem: WireProblem,
  timeoutMs: number,
  status?: number,
  correlationId?: string | null,
): AppFailure {
  const a = ctx.action
  switch (problem) {
    case 'cancelled':
      return build('cancelled', `${a} was cancelled.`, undefined, status, correlationId)
    case 'timeout':
      return build(
        'timeout',
        `${a} timed out: Kibo did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
        'Try again; for large results, ask for fewer fields (responseFields) or a smaller page.',
      )
    case 'reset':
      return build(
        'network',
        `${a} failed: the connection to Kibo was cut.`,
        'Check the network connection (VPN, proxy), then try again.',
        undefined,
        correlationId,
      )
    case 'refused':
      return build(
        'network',
        `${a} failed: the server refused the connection.`,
        'Check the host of this profile and that the server is running.',
      )
    case 'dns':
      return build(
        'network',
        `${a} failed: the host name could not be found.`,
        'Check the network connection, and the tenant, environment and region of this profile.',
      )
    case 'tls':
      return build(
        'network',
        `${a} failed: the server's certificate was not accepted.`,
        'Check the host of this profile; a proxy that intercepts HTTPS needs its certificate trusted.',
      )
    case 'too-large':
      return build(
        'bad-response',
        `${a} failed: Kibo's answer was too large.`,
        'Ask for fewer fields (responseFields) or a smaller page.',
        status,
        correlationId,
      )
    default:
      return build('network', `${a} failed: Kibo could not be reached.`, 'Check the network connection (VPN, proxy), then try again.')
  }
}

/** A 2xx answer whose body is not JSON of the expected shape. */
export function badResponse(ctx: FailureContext, what: string, status: number, correlationId: string | null): AppFailure {
  return build(
    'bad-response',
    `${ctx.action} failed: Kibo answered ${what}.`,
    'Try again; if it persists, quote the correlation id to Kibo support.',
    status,
    correlationId,
  )
}

export function invalidInput(message: string, hint: string, where?: string): AppFailure {
  return new AppFailure({ kind: 'invalid-input', message, hint, ...(where ? { where } : {}) })
}

/** A 2xx answer, valid JSON of the right shape, holding a value the app cannot rely on. */
export function unexpectedAnswer(
  ctx: FailureContext,
  sentence: string,
  where: string,
  status: number,
  correlationId: string | null,
): AppFailure {
  const failure = build(
    'bad-response',
    `${ctx.action} failed: ${sentence}`,
    'This is Kibo’s answer, not something you typed: try again, and if it persists quote the correlation id to Kibo support.',
    status,
    correlationId,
  )
  failure.error.where = where
  return failure
}
