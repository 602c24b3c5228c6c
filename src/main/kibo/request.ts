// The attempt loop every Kibo call shares: bearer token, timeout, the one 401 re-auth, Retry-After
// on 429, jittered backoff on 5xx and cut connections, cancellation at every step.
import type { AppFailure } from '../../shared/errors'
import { badResponse, failureFromStatus, failureFromWire, type FailureContext } from './failures'
import { backoffDelay, parseRetryAfter, sleepUnlessAborted, type Sleep } from './retry'
import type { Transport, WireRequest } from './transport'

/** What the client reports as it works. Paths never carry a query (the refresh token rides there). */
export type KiboEvent =
  | { type: 'request'; action: string; method: string; path: string; attempt: number }
  | {
      type: 'response'
      action: string
      method: string
      path: string
      attempt: number
      status: number
      correlationId: string | null
      elapsedMs: number
    }
  | { type: 'retry'; action: string; reason: 'auth' | 'rate-limited' | 'server' | 'reset'; attempt: number; delayMs: number }
  | { type: 'app-token'; authUrl: string; clientId: string }

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
}

// 501 and 505 mean "never going to work"; these mean "not right now".
const retryableStatuses = new Set([500, 502, 503, 504])

export async function execute(transport: Transport, policy: Policy, call: Call): Promise<Answer> {
  const { ctx, signal } = call
  const started = policy.now()
  const cancelled = (): AppFailure => failureFromWire(ctx, 'cancelled', policy.timeoutMs)
  let attempt = 0
  let retries = 0
  let reauthed = false

  const pause = async (reason: 'auth' | 'rate-limited' | 'server' | 'reset', delayMs: number) => {
    policy.emit({ type: 'retry', action: ctx.action, reason, attempt, delayMs })
    if (delayMs > 0) await sleepUnlessAborted(policy.sleep, delayMs, signal)
    if (signal?.aborted) throw cancelled()
  }

  for (;;) {
    if (signal?.aborted) throw cancelled()
    const token = call.bearer ? await call.bearer.get(signal) : undefined
    if (signal?.aborted) throw cancelled()
    attempt++
    policy.emit({ type: 'request', action: ctx.action, method: call.method, path: call.path, attempt })
    const headers: Record<string, string> = { Accept: 'application/json', ...call.headers }
    // Even a body-less PUT says JSON; otherwise axios would label it form-urlencoded.
    if (call.method !== 'GET') headers['Content-Type'] = 'application/json'
    if (token) headers.Authorization = `Bearer ${token}`
    const outcome = await transport({
      method: call.method,
      url: `${call.baseUrl}${call.path}`,
      query: call.query,
      headers,
      body: call.body,
      timeoutMs: policy.timeoutMs,
      signal,
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
    policy.emit({
      type: 'response',
      action: ctx.action,
      method: call.method,
      path: call.path,
      attempt,
      status,
      correlationId,
      elapsedMs: policy.now() - started,
    })

    if (status >= 200 && status < 300) {
      if (text.trim() === '') throw badResponse(ctx, 'with an empty body', status, correlationId)
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        // Not retried: a body that arrives broken is a fault to show, not to paper over.
        throw badResponse(ctx, 'with a body that is not valid JSON (cut off or malformed)', status, correlationId)
      }
      return { status, json, correlationId, elapsedMs: policy.now() - started }
    }

    // An expired or revoked application token: fetch a fresh one, once.
    if (status === 401 && token && call.bearer && !reauthed) {
      reauthed = true
      call.bearer.reject(token)
      await pause('auth', 0)
      continue
    }

    if (status === 429) {
      const waitMs = parseRetryAfter(outcome.headers['retry-after'], Date.now())
      if (retries < policy.maxRetries && (waitMs === null || waitMs <= policy.maxRetryAfterMs)) {
        await pause('rate-limited', waitMs ?? backoffDelay(retries, policy.baseDelayMs, policy.maxDelayMs, policy.random))
        retries++
        continue
      }
      throw failureFromStatus(ctx, status, text, correlationId, waitMs === null ? undefined : Math.ceil(waitMs / 1000))
    }

    if (retryableStatuses.has(status) && retries < policy.maxRetries) {
      await pause('server', backoffDelay(retries++, policy.baseDelayMs, policy.maxDelayMs, policy.random))
      continue
    }

    throw failureFromStatus(ctx, status, text, correlationId)
  }
}
