// The attempt loop on a scripted transport: what each attempt sends, what the request log is told,
// when it retries (and how long it waits), and what it ends with.
import { describe, expect, it } from 'vitest'
import type { Exchange } from './exchange'
import { execute, type Bearer, type Call, type KiboEvent, type Policy } from './request'
import type { Transport, WireOutcome, WireRequest } from './transport'
import { appErrorOf } from '../../../test/failures'

type Step = WireOutcome | ((req: WireRequest) => WireOutcome | Promise<WireOutcome>)

function scripted(...steps: Step[]) {
  const sent: WireRequest[] = []
  const transport: Transport = async (req) => {
    sent.push(req)
    const step = steps.length > 1 ? steps.shift()! : steps[0]
    return typeof step === 'function' ? step(req) : step
  }
  return { transport, sent }
}

const ok = (text = '{"id":1}', headers: Record<string, string> = {}, status = 200): WireOutcome => ({
  type: 'response',
  status,
  headers,
  text,
})
const status = (code: number, headers: Record<string, string> = {}, text = ''): WireOutcome => ({
  type: 'response',
  status: code,
  headers,
  text,
})
const problem = (p: 'reset' | 'timeout' | 'cancelled' | 'refused', extra: Partial<WireOutcome> = {}): WireOutcome =>
  ({ type: 'problem', problem: p, ...extra }) as WireOutcome

function policyWith(overrides: Partial<Policy> = {}) {
  const events: KiboEvent[] = []
  const sleeps: number[] = []
  let t = 0
  const policy: Policy = {
    timeoutMs: 1500,
    maxRetries: 3,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRetryAfterMs: 10_000,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    now: () => (t += 10),
    emit: (e) => events.push(e),
    ...overrides,
  }
  const exchanges = () => events.filter((e): e is Extract<KiboEvent, { type: 'exchange' }> => e.type === 'exchange').map((e) => e.exchange)
  const retries = () => events.filter((e) => e.type === 'retry')
  return { policy, events, sleeps, exchanges, retries }
}

function bearer(tokens: string[] = ['tok-1111', 'tok-2222', 'tok-3333']) {
  const rejected: string[] = []
  let i = 0
  const b: Bearer = { get: async () => tokens[Math.min(i, tokens.length - 1)], reject: (t) => (rejected.push(t), i++) }
  return { bearer: b, rejected }
}

const call = (extra: Partial<Call> = {}): Call => ({
  ctx: { action: 'Reading account 7', knownSecrets: [] },
  method: 'GET',
  baseUrl: 'https://t1.sandbox.mozu.com/api',
  path: '/commerce/customer/accounts/7',
  headers: { 'x-vol-tenant': '1' },
  ...extra,
})

describe('what is sent', () => {
  it('a GET: Accept, the call’s headers and the bearer token, no Content-Type', async () => {
    const { transport, sent } = scripted(ok())
    const { policy } = policyWith()
    const answer = await execute(transport, policy, call({ bearer: bearer().bearer, query: { responseFields: 'id' } }))
    expect(sent).toEqual([
      {
        method: 'GET',
        url: 'https://t1.sandbox.mozu.com/api/commerce/customer/accounts/7',
        query: { responseFields: 'id' },
        headers: { Accept: 'application/json', 'x-vol-tenant': '1', Authorization: 'Bearer tok-1111' },
        body: undefined,
        timeoutMs: 1500,
        signal: undefined,
      },
    ])
    expect(answer).toEqual({ status: 200, json: { id: 1 }, correlationId: null, elapsedMs: 30, requestId: expect.stringMatching(/^r\d+$/) })
  })

  it('a POST or PUT says JSON, with or without a body; no bearer, no Authorization', async () => {
    const { transport, sent } = scripted(ok())
    const { policy } = policyWith()
    await execute(transport, policy, call({ method: 'PUT', headers: {} }))
    await execute(transport, policy, call({ method: 'POST', headers: { Accept: 'text/plain' }, body: { a: 1 } }))
    expect(sent.map((r) => r.headers)).toEqual([
      { Accept: 'application/json', 'Content-Type': 'application/json' },
      { Accept: 'text/plain', 'Content-Type': 'application/json' },
    ])
    expect(sent[1].body).toEqual({ a: 1 })
  })
})

describe('what the request log is told', () => {
  it('each exchange, redacted, with its answer’s size, status and correlation id', async () => {
    const { transport } = scripted(ok('{"name":"é"}', { 'x-vol-correlation': 'c-1', 'set-cookie': 'sid=1' }))
    const { policy, exchanges } = policyWith()
    const answer = await execute(
      transport,
      policy,
      call({ method: 'POST', bearer: bearer().bearer, query: { refreshToken: 'rt-123456', q: 'x' }, body: { password: 'pw-1', n: 1 } }),
    )
    const [exchange] = exchanges()
    expect(exchange).toEqual<Exchange>({
      id: answer.requestId,
      action: 'Reading account 7',
      attempt: 1,
      startedAt: expect.any(Number),
      durationMs: 10,
      method: 'POST',
      url: 'https://t1.sandbox.mozu.com/api/commerce/customer/accounts/7',
      query: { refreshToken: '$KIBO_REFRESH_TOKEN', q: 'x' },
      requestHeaders: {
        Accept: 'application/json',
        'x-vol-tenant': '1',
        'Content-Type': 'application/json',
        Authorization: 'Bearer $KIBO_TOKEN',
      },
      requestBody: '{"password":"$KIBO_SECRET","n":1}',
      status: 200,
      problem: null,
      responseHeaders: { 'x-vol-correlation': 'c-1', 'set-cookie': '[redacted]' },
      responseBytes: 13,
      correlationId: 'c-1',
    })
    expect(Math.abs(exchange.startedAt - Date.now())).toBeLessThan(5000)
    expect(answer.correlationId).toBe('c-1')
  })

  it('the token and known secrets are scrubbed from values that merely contain them', async () => {
    const { transport } = scripted(ok('{}', { 'x-echo': 'saw tok-1111 and sec-9999' }))
    const { policy, exchanges } = policyWith()
    await execute(
      transport,
      policy,
      call({ bearer: bearer().bearer, ctx: { action: 'a', knownSecrets: ['sec-9999'] }, headers: { 'x-note': 'tok-1111' } }),
    )
    expect(exchanges()[0].responseHeaders).toEqual({ 'x-echo': 'saw [redacted] and [redacted]' })
    expect(exchanges()[0].requestHeaders['x-note']).toBe('[redacted]')
  })

  it('a problem: its name, the status if one was read, no bytes', async () => {
    const { transport } = scripted(problem('timeout', { status: 200, headers: { 'x-vol-correlation': 'c-t' } }), problem('refused'))
    const { policy, exchanges } = policyWith()
    expect(await appErrorOf(execute(transport, policy, call()))).toMatchObject({ kind: 'timeout' })
    expect(await appErrorOf(execute(transport, policy, call()))).toMatchObject({ kind: 'network' })
    expect(
      exchanges().map(({ status, problem, responseBytes, correlationId, responseHeaders }) => ({
        status,
        problem,
        responseBytes,
        correlationId,
        responseHeaders,
      })),
    ).toEqual([
      { status: 200, problem: 'timeout', responseBytes: 0, correlationId: 'c-t', responseHeaders: { 'x-vol-correlation': 'c-t' } },
      { status: null, problem: 'refused', responseBytes: 0, correlationId: null, responseHeaders: {} },
    ])
  })

  it('a clock that runs backwards gives a duration of 0, not less', async () => {
    let t = 1000
    const { transport } = scripted(ok())
    const { policy, exchanges } = policyWith({ now: () => (t -= 5) })
    await execute(transport, policy, call())
    expect(exchanges()[0].durationMs).toBe(0)
  })
})

describe('what the answer must be', () => {
  it.each([199, 300, 302])('HTTP %i is a failure, not an answer', async (code) => {
    const { transport } = scripted(status(code, {}, '{}'))
    expect(await appErrorOf(execute(transport, policyWith().policy, call()))).toMatchObject({ status: code })
  })

  it('HTTP 299 with JSON is an answer', async () => {
    const { transport } = scripted(ok('[1]', {}, 299))
    expect((await execute(transport, policyWith().policy, call())).json).toEqual([1])
  })

  it('a blank or broken body is a bad response pointing at its exchange', async () => {
    const { transport } = scripted(ok('  \n', { 'x-vol-correlation': 'c-e' }), ok('{"a":'))
    const { policy, exchanges } = policyWith()
    const blank = await appErrorOf(execute(transport, policy, call()))
    expect(blank).toEqual({
      kind: 'bad-response',
      message: 'Reading account 7 failed: Kibo answered with an empty body.',
      hint: 'Try again; if it persists, quote the correlation id to Kibo support.',
      status: 200,
      correlationId: 'c-e',
      requestId: exchanges()[0].id,
    })
    const broken = await appErrorOf(execute(transport, policy, call()))
    expect(broken.message).toBe('Reading account 7 failed: Kibo answered with a body that is not valid JSON (cut off or malformed).')
    expect(broken.requestId).toBe(exchanges()[1].id)
  })
})

describe('retries', () => {
  it('resets, then 5xx, with full-jitter backoff from one shared count', async () => {
    const { transport, sent } = scripted(problem('reset'), status(500), status(502), ok())
    const { policy, sleeps, retries } = policyWith()
    expect((await execute(transport, policy, call())).status).toBe(200)
    expect(sent).toHaveLength(4)
    expect(sleeps).toEqual([50, 100, 200])
    expect(retries()).toEqual([
      { type: 'retry', action: 'Reading account 7', reason: 'reset', attempt: 1, delayMs: 50 },
      { type: 'retry', action: 'Reading account 7', reason: 'server', attempt: 2, delayMs: 100 },
      { type: 'retry', action: 'Reading account 7', reason: 'server', attempt: 3, delayMs: 200 },
    ])
  })

  it('gives up after maxRetries: a reset as network, a 503 as server, with the last exchange’s id', async () => {
    const resets = scripted(problem('reset', { headers: { 'x-vol-correlation': 'c-r' } }))
    const { policy, exchanges } = policyWith({ maxRetries: 2 })
    const error = await appErrorOf(execute(resets.transport, policy, call()))
    expect(resets.sent).toHaveLength(3)
    expect(error).toMatchObject({ kind: 'network', correlationId: 'c-r', requestId: exchanges()[2].id })
    const busy = scripted(status(503))
    expect(await appErrorOf(execute(busy.transport, policyWith({ maxRetries: 2 }).policy, call()))).toMatchObject({
      kind: 'server',
      status: 503,
    })
    expect(busy.sent).toHaveLength(3)
  })

  it.each([501, 505, 400])('HTTP %i is not retried', async (code) => {
    const { transport, sent } = scripted(status(code))
    await appErrorOf(execute(transport, policyWith().policy, call()))
    expect(sent).toHaveLength(1)
  })

  it('no retries at all with maxRetries 0', async () => {
    const { transport, sent } = scripted(problem('reset'))
    expect(await appErrorOf(execute(transport, policyWith({ maxRetries: 0 }).policy, call()))).toMatchObject({ kind: 'network' })
    expect(sent).toHaveLength(1)
  })

  it('429: waits as Retry-After says, up to the cap, counting towards maxRetries', async () => {
    const { transport, sent } = scripted(status(429, { 'retry-after': '10' }), status(429, { 'retry-after': '0' }), ok())
    const { policy, sleeps, retries } = policyWith()
    expect((await execute(transport, policy, call())).status).toBe(200)
    expect(sent).toHaveLength(3)
    // A zero wait is not slept.
    expect(sleeps).toEqual([10_000])
    expect(retries().map((r) => r.type === 'retry' && [r.reason, r.delayMs])).toEqual([
      ['rate-limited', 10_000],
      ['rate-limited', 0],
    ])
  })

  it('429 without Retry-After backs off; one over the cap fails at once, naming the wait', async () => {
    const { transport } = scripted(status(429), status(429), ok())
    const { policy, sleeps } = policyWith()
    await execute(transport, policy, call())
    expect(sleeps).toEqual([50, 100])
    const capped = scripted(status(429, { 'retry-after': '11', 'x-vol-correlation': 'c-429' }))
    const error = await appErrorOf(execute(capped.transport, policyWith().policy, call()))
    expect(capped.sent).toHaveLength(1)
    expect(error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      correlationId: 'c-429',
      hint: 'Kibo is limiting requests: wait 11 s, then try again.',
    })
  })

  it('429 past maxRetries fails; without a Retry-After the hint names none', async () => {
    const { transport, sent } = scripted(status(429))
    const error = await appErrorOf(execute(transport, policyWith({ maxRetries: 1 }).policy, call()))
    expect(sent).toHaveLength(2)
    expect(error.hint).toBe('Kibo is limiting requests: wait a minute, then try again.')
    const rounded = scripted(status(429, { 'retry-after': '3' }))
    expect((await appErrorOf(execute(rounded.transport, policyWith({ maxRetries: 0 }).policy, call()))).hint).toBe(
      'Kibo is limiting requests: wait 3 s, then try again.',
    )
  })

  it('a 429 body read as HTML by its content type', async () => {
    const { transport } = scripted(status(429, { 'content-type': 'text/html' }, 'Slow down'))
    expect((await appErrorOf(execute(transport, policyWith({ maxRetries: 0 }).policy, call()))).message).toBe(
      "Reading account 7 failed (HTTP 429): a web page titled “Slow down”, not Kibo's answer",
    )
  })
})

describe('the one re-authentication', () => {
  it('a 401 drops the token and tries once more with a new one, without waiting', async () => {
    const { transport, sent } = scripted(status(401), ok())
    const { policy, sleeps, retries } = policyWith()
    const b = bearer()
    await execute(transport, policy, call({ bearer: b.bearer }))
    expect(b.rejected).toEqual(['tok-1111'])
    expect(sent.map((r) => r.headers.Authorization)).toEqual(['Bearer tok-1111', 'Bearer tok-2222'])
    expect(sleeps).toEqual([])
    expect(retries()).toEqual([{ type: 'retry', action: 'Reading account 7', reason: 'auth', attempt: 1, delayMs: 0 }])
  })

  it('a second 401 fails', async () => {
    const { transport, sent } = scripted(status(401))
    const b = bearer()
    expect(await appErrorOf(execute(transport, policyWith().policy, call({ bearer: b.bearer })))).toMatchObject({ kind: 'auth-failed' })
    expect(sent).toHaveLength(2)
    expect(b.rejected).toEqual(['tok-1111'])
  })

  it('not on the ticket refresh, and not without a bearer', async () => {
    const refresh = scripted(status(401))
    const b = bearer()
    const ctx = { action: 'Refreshing the ticket', refresh: true, knownSecrets: [] }
    expect(await appErrorOf(execute(refresh.transport, policyWith().policy, call({ ctx, bearer: b.bearer })))).toMatchObject({
      kind: 'auth-expired',
    })
    expect(refresh.sent).toHaveLength(1)
    expect(b.rejected).toEqual([])
    const bare = scripted(status(401))
    await appErrorOf(execute(bare.transport, policyWith().policy, call()))
    expect(bare.sent).toHaveLength(1)
    const empty = scripted(status(401))
    await appErrorOf(execute(empty.transport, policyWith().policy, call({ bearer: bearer(['']).bearer })))
    expect(empty.sent).toHaveLength(1)
    expect(empty.sent[0].headers.Authorization).toBeUndefined()
  })
})

describe('cancellation', () => {
  it('an aborted signal sends nothing and asks for no token', async () => {
    const { transport, sent } = scripted(ok())
    let asked = 0
    const b: Bearer = { get: async () => (asked++, 't'), reject: () => {} }
    const error = await appErrorOf(execute(transport, policyWith().policy, call({ signal: AbortSignal.abort(), bearer: b })))
    expect(error).toEqual({ kind: 'cancelled', message: 'Reading account 7 was cancelled.' })
    expect(sent).toHaveLength(0)
    expect(asked).toBe(0)
  })

  it('an abort while the token is fetched sends nothing', async () => {
    const { transport, sent } = scripted(ok())
    const controller = new AbortController()
    const b: Bearer = { get: async () => (controller.abort(), 't'), reject: () => {} }
    expect(await appErrorOf(execute(transport, policyWith().policy, call({ signal: controller.signal, bearer: b })))).toMatchObject({
      kind: 'cancelled',
    })
    expect(sent).toHaveLength(0)
  })

  it('a problem while aborted is cancelled, whatever the transport calls it; a cancelled one is not retried', async () => {
    const controller = new AbortController()
    const { transport, sent } = scripted(() => (controller.abort(), problem('reset')))
    expect(await appErrorOf(execute(transport, policyWith().policy, call({ signal: controller.signal })))).toMatchObject({
      kind: 'cancelled',
    })
    expect(sent).toHaveLength(1)
    const cancelled = scripted(problem('cancelled'))
    expect(await appErrorOf(execute(cancelled.transport, policyWith().policy, call()))).toMatchObject({ kind: 'cancelled' })
    expect(cancelled.sent).toHaveLength(1)
  })

  it('an abort during the wait before a retry ends it there', async () => {
    const controller = new AbortController()
    const { transport, sent } = scripted(status(503))
    const { policy } = policyWith({ sleep: async () => controller.abort() })
    expect(await appErrorOf(execute(transport, policy, call({ signal: controller.signal })))).toMatchObject({ kind: 'cancelled' })
    expect(sent).toHaveLength(1)
  })

  it('an abort during the re-authentication pause ends it there', async () => {
    const controller = new AbortController()
    const { transport, sent } = scripted(status(401))
    const b: Bearer = { get: async () => 'tok-1', reject: () => controller.abort() }
    expect(await appErrorOf(execute(transport, policyWith().policy, call({ signal: controller.signal, bearer: b })))).toMatchObject({
      kind: 'cancelled',
    })
    expect(sent).toHaveLength(1)
  })
})

describe('errors that are not failures', () => {
  it('pass through untouched', async () => {
    const boom = new TypeError('transport bug')
    const transport: Transport = async () => {
      throw boom
    }
    await expect(execute(transport, policyWith().policy, call())).rejects.toBe(boom)
  })
})

describe('more of what it ends with', () => {
  it('an error that is not a failure, after an exchange, passes through untouched', async () => {
    const boom = new TypeError('token source bug')
    let calls = 0
    const b: Bearer = {
      get: async () => {
        if (++calls > 1) throw boom
        return 'tok-1'
      },
      reject: () => {},
    }
    const { transport, sent } = scripted(status(401))
    await expect(execute(transport, policyWith().policy, call({ bearer: b }))).rejects.toBe(boom)
    expect(sent).toHaveLength(1)
  })

  it('cancelled by the transport: no status, and no retry announced', async () => {
    const { transport } = scripted(problem('cancelled', { status: 200, headers: { 'x-vol-correlation': 'c-1' } }))
    const { policy, retries } = policyWith()
    expect(await appErrorOf(execute(transport, policy, call()))).toEqual({
      kind: 'cancelled',
      message: 'Reading account 7 was cancelled.',
      requestId: expect.any(String),
    })
    const controller = new AbortController()
    const reset = scripted(() => (controller.abort(), problem('reset')))
    await appErrorOf(execute(reset.transport, policy, call({ signal: controller.signal })))
    expect(retries()).toEqual([])
  })
})
