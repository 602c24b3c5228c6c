// The attempt loop every Kibo call shares: bearer token, timeout, the one 401 re-auth, Retry-After
// on 429, jittered backoff on 5xx and cut connections, cancellation at every step.
import { AppFailure } from '../../shared/errors'
import { nextExchangeId, redactQuery, redactRequestBody, redactRequestHeaders, redactResponseHeaders, type Exchange } from './exchange'
import { badResponse, failureFromStatus, failureFromWire, withRequestId, type FailureContext } from './failures'
import { backoffDelay, parseRetryAfter, sleepUnlessAborted, type Sleep } from './retry'
import type { Transport, WireRequest } from './transport'

/** What the client reports as it works: each exchange (already redacted, for the request log),
 *  each retry, and warnings about Kibo's answers a person should know of. */
export type KiboEvent =
  | { type: 'exchange'; exchange: Exchange }
  | { type: 'retry'; action: string; reason: 'auth' | 'rate-limited' | 'server' | 'reset'; attempt: number; delayMs: number }
  | { type: 'warning'; action: string; message: string }

export interface Policy {
  timeoutMs: number
  maxRetries: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited out: the person is told to wait instead. */
  maxRetryAfterMs: number
  sleep: Sleep
  random: () => number
  /** Monotonic milliseconds, for elapsedMs. */
  now: () => number
  emit: (event: KiboEvent) => void
}

/** Supplies the application token for each attempt, and drops one Kibo refused. */
export interface Bearer {
  get(signal?: AbortSignal): Promise<string>
  reject(token: string): void
}

export interface Call {
  ctx: FailureContext
  method: WireRequest['method']
  baseUrl: string
  /** Path below baseUrl, starting with "/". */
  path: string
  query?: WireRequest['query']
  headers: Record<string, string>
  body?: unknown
  signal?: AbortSignal
  bearer?: Bearer
}

export interface Answer {
  status: number
  json: unknown
  correlationId: string | null
  elapsedMs: number
  /** The request log id of the exchange that answered. */
  requestId: string
}

// 501 and 505 mean "never going to work"; these mean "not right now".
const retryableStatuses = new Set([500, 502, 503, 504])

export async function execute(transport: Transport, policy: Policy, call: Call): Promise<Answer> {
  let requestId: string | null = null
  try {
    return await attempts(transport, policy, call, (id) => (requestId = id))
  } catch (error) {
    // Every failure after an exchange points at its entry in the request log.
    if (error instanceof AppFailure) throw withRequestId(error, requestId)
    throw error
  }
}

async function attempts(transport: Transport, policy: Policy, call: Call, exchanged: (id: string) => void): Promise<Answer> {
  const { ctx, signal } = call
  const started = policy.now()
  const cancelled = (): AppFailure => failureFromWire(ctx, 'cancelled', policy.timeoutMs)
  let attempt = 0
  let retries = 0
  let reauthed = false

  const pause = async (reason: 'auth' | 'rate-limited' | 'server' | 'reset', delayMs: number) => {
    policy.emit({ type: 'retry', action: ctx.action, reason, attempt, delayMs })
    // Every pause is followed by the next attempt, which first checks for a cancel.
    if (delayMs > 0) await sleepUnlessAborted(policy.sleep, delayMs, signal)
  }

  for (;;) {
    if (signal?.aborted) throw cancelled()
    const token = call.bearer ? await call.bearer.get(signal) : undefined
    if (signal?.aborted) throw cancelled()
    attempt++
    const headers: Record<string, string> = { Accept: 'application/json', ...call.headers }
    // Even a body-less PUT says JSON; otherwise axios would label it form-urlencoded.
    if (call.method !== 'GET') headers['Content-Type'] = 'application/json'
    if (token) headers.Authorization = `Bearer ${token}`
    const url = `${call.baseUrl}${call.path}`
    const sentAt = Date.now()
    const attemptStarted = policy.now()
    const outcome = await transport({
      method: call.method,
      url,
      query: call.query,
      headers,
      body: call.body,
      timeoutMs: policy.timeoutMs,
      signal,
    })
    const id = nextExchangeId()
    exchanged(id)
    const secrets = [...ctx.knownSecrets, token]
    const responseHeaders = outcome.headers ?? {}
    policy.emit({
      type: 'exchange',
      exchange: {
        id,
        action: ctx.action,
        attempt,
        startedAt: sentAt,
        durationMs: Math.max(0, policy.now() - attemptStarted),
        method: call.method,
        url,
        query: redactQuery(call.query, secrets),
        requestHeaders: redactRequestHeaders(headers, secrets),
        requestBody: redactRequestBody(call.body, secrets),
        status: outcome.status ?? null,
        problem: outcome.type === 'problem' ? outcome.problem : null,
        responseHeaders: redactResponseHeaders(responseHeaders, secrets),
        responseBytes: outcome.type === 'response' ? Buffer.byteLength(outcome.text) : 0,
        correlationId: responseHeaders['x-vol-correlation'] ?? null,
      },
    })

    if (outcome.type === 'problem') {
      if (outcome.problem === 'cancelled' || signal?.aborted) throw cancelled()
      if (outcome.problem === 'reset' && retries < policy.maxRetries) {
        await pause('reset', backoffDelay(retries++, policy.baseDelayMs, policy.maxDelayMs, policy.random))
        continue
      }
      throw failureFromWire(ctx, outcome.problem, policy.timeoutMs, outcome.status, outcome.headers?.['x-vol-correlation'] ?? null)
    }

    const { status, text } = outcome
    const correlationId = outcome.headers['x-vol-correlation'] ?? null

    if (status >= 200 && status < 300) {
      if (text.trim() === '') throw badResponse(ctx, 'with an empty body', status, correlationId)
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        // Not retried: a body that arrives broken is a fault to show, not to paper over.
        throw badResponse(ctx, 'with a body that is not valid JSON (cut off or malformed)', status, correlationId)
      }
      return { status, json, correlationId, elapsedMs: policy.now() - started, requestId: id }
    }

    // An expired or revoked application token: fetch a fresh one, once. Not on the ticket refresh:
    // there a 401 is about the customer's refresh token, which a new application token cannot mend.
    if (status === 401 && token && call.bearer && !reauthed && !ctx.refresh) {
      reauthed = true
      call.bearer.reject(token)
      await pause('auth', 0)
      continue
    }

    const contentType = outcome.headers['content-type']
    // What Kibo says back is scrubbed of the token this attempt carried too, not only earlier ones.
    const said: FailureContext = { ...ctx, knownSecrets: secrets }
    if (status === 429) {
      const waitMs = parseRetryAfter(outcome.headers['retry-after'], Date.now())
      if (retries < policy.maxRetries && (waitMs === null || waitMs <= policy.maxRetryAfterMs)) {
        await pause('rate-limited', waitMs ?? backoffDelay(retries, policy.baseDelayMs, policy.maxDelayMs, policy.random))
        retries++
        continue
      }
      throw failureFromStatus(said, status, text, correlationId, waitMs === null ? undefined : Math.ceil(waitMs / 1000), contentType)
    }

    if (retryableStatuses.has(status) && retries < policy.maxRetries) {
      await pause('server', backoffDelay(retries++, policy.baseDelayMs, policy.maxDelayMs, policy.random))
      continue
    }

    throw failureFromStatus(said, status, text, correlationId, undefined, contentType)
  }
}
