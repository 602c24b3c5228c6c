// Fault injection: a plan of count-based rules, so a test knows exactly which request fails and how.
import type { ServerResponse } from 'node:http'

export const faultKinds = ['http401', 'http429', 'http500', 'http503', 'reset', 'truncated', 'malformed'] as const
export type FaultKind = (typeof faultKinds)[number]

export interface FaultRule {
  fault: FaultKind
  /** How many matching requests get this fault; default 1. */
  times?: number
  /** A substring of the request path (e.g. 'impersonatecart'); default: any request. */
  match?: string
  /** Sent as Retry-After on 429 and 503. */
  retryAfterSeconds?: number
}

export interface FaultPlan {
  /** Added before every response. */
  latencyMs?: number
  rules?: FaultRule[]
}

interface LiveRule {
  rule: FaultRule
  left: number
}

export class FaultInjector {
  private latency = 0
  private rules: LiveRule[] = []

  constructor(plan?: FaultPlan) {
    this.set(plan ?? {})
  }

  set(plan: FaultPlan): void {
    const latency = plan.latencyMs ?? 0
    if (!Number.isFinite(latency) || latency < 0) throw new RangeError('latencyMs must be a non-negative number')
    for (const r of plan.rules ?? []) {
      if (!(faultKinds as readonly string[]).includes(r.fault)) throw new RangeError(`unknown fault "${String(r.fault)}"`)
      if (r.times !== undefined && (!Number.isInteger(r.times) || r.times < 0)) throw new RangeError('times must be a non-negative integer')
    }
    this.latency = latency
    this.rules = (plan.rules ?? []).map((rule) => ({ rule: { ...rule }, left: rule.times ?? 1 }))
  }

  get latencyMs(): number {
    return this.latency
  }

  /** The fault the next request to `path` gets, if any; consumes one use of the first matching rule. */
  take(path: string): FaultRule | undefined {
    for (const live of this.rules) {
      if (live.left > 0 && (live.rule.match === undefined || path.includes(live.rule.match))) {
        live.left--
        return live.rule
      }
    }
    return undefined
  }

  /** Rules with uses left, for a test to assert a plan was used up. */
  pending(): FaultRule[] {
    return this.rules.filter((r) => r.left > 0).map((r) => ({ ...r.rule, times: r.left }))
  }
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}

/** Status for the faults that answer with a Kibo error; undefined for the transport faults. */
export function faultStatus(kind: FaultKind): { status: number; errorCode: string; message: string } | undefined {
  switch (kind) {
    case 'http401':
      return { status: 401, errorCode: 'UNAUTHORIZED', message: 'Authentication is required or has failed. (injected fault)' }
    case 'http429':
      return { status: 429, errorCode: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded. (injected fault)' }
    case 'http500':
      return { status: 500, errorCode: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred. (injected fault)' }
    case 'http503':
      return { status: 503, errorCode: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable. (injected fault)' }
    default:
      return undefined
  }
}

/**
 * Sends a real response body damaged the way `kind` says:
 * reset → headers and half the body, then the socket is destroyed;
 * truncated → the status as is, a complete HTTP message whose JSON is cut in half;
 * malformed → 200 with a body that is not JSON.
 */
export function sendDamaged(
  res: ServerResponse,
  kind: 'reset' | 'truncated' | 'malformed',
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  if (kind === 'malformed') {
    const junk = '<html><body><h1>502 Bad Gateway</h1>upstream sent an invalid response'
    res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(junk) })
    res.end(junk)
    return
  }
  const half = body.slice(0, Math.max(1, Math.floor(body.length / 2)))
  if (kind === 'truncated') {
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(half) })
    res.end(half)
    return
  }
  // Announce the full length so the client knows the body stopped early.
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) })
  res.write(half, () => res.socket?.destroy())
}
