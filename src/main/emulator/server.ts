// HTTP plumbing: read the request, log it, apply latency and faults, route, project
// responseFields, answer with x-vol-correlation on every response.
import { randomUUID } from 'node:crypto'
import { BodyTooLarge, readBody } from '../requestBody'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseResponseFields, projectFields } from '../../shared/responseFields'
import type { FieldNode } from '../../shared/responseFields'
import { type FaultInjector, faultStatus, sendDamaged } from './faults'
import { KiboHttpError, invalidParameter } from './kiboError'
import { type EmulatorState, type RouteResult, applicationFor, route } from './routes'

export interface LoggedRequest {
  method: string
  /** The full path, with /api, without the query. */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: unknown
}

export const REQUEST_LOG_SIZE = 1000
const MAX_BODY_BYTES = 1_000_000

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v
  return out
}

function responseFieldsOf(query: Record<string, string>): FieldNode[] | undefined {
  const text = query.responseFields
  if (text === undefined || text.trim() === '') return undefined
  const parsed = parseResponseFields(text)
  if (!parsed.ok)
    throw new KiboHttpError(
      400,
      'MISSING_OR_INVALID_PARAMETER',
      `Missing or invalid parameter: responseFields ${parsed.error.message} (at character ${parsed.error.position + 1})`,
      { data: { parameter: 'responseFields', position: String(parsed.error.position) } },
    )
  return parsed.fields
}

export function createHandler(state: EmulatorState, faults: FaultInjector, log: LoggedRequest[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = { 'x-vol-correlation': randomUUID().replace(/-/g, ''), 'content-type': 'application/json; charset=utf-8' }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const query = Object.fromEntries(url.searchParams)
    const method = (req.method ?? 'GET').toUpperCase()
    const requestHeaders = flatHeaders(req)
    let raw = ''
    let tooLarge = false
    try {
      raw = await readBody(req, MAX_BODY_BYTES)
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) return void res.destroy()
      tooLarge = true
    }
    let body: unknown = raw === '' ? undefined : raw
    let badJson = false
    if (raw !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        badJson = true
      }
    }
    log.push({ method, path: url.pathname, query, headers: requestHeaders, body })
    if (log.length > REQUEST_LOG_SIZE) log.splice(0, log.length - REQUEST_LOG_SIZE)

    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs))
    const fault = faults.take(url.pathname)
    const apiPath = url.pathname.startsWith('/api/') ? url.pathname.slice(4) : url.pathname
    const app = applicationFor(apiPath)

    let result: RouteResult
    let extraHeaders: Record<string, string> = {}
    try {
      const injected = fault && faultStatus(fault.fault)
      if (injected) {
        if (fault.retryAfterSeconds !== undefined) extraHeaders = { 'retry-after': String(fault.retryAfterSeconds) }
        throw new KiboHttpError(injected.status, injected.errorCode, injected.message, { applicationName: app })
      }
      if (tooLarge) throw new KiboHttpError(413, 'REQUEST_TOO_LARGE', 'The request body is too large.', { applicationName: app })
      if (badJson) throw invalidParameter('body', 'is not valid JSON.', app)
      if (!url.pathname.startsWith('/api/'))
        throw new KiboHttpError(404, 'ITEM_NOT_FOUND', `No resource at ${url.pathname}.`, { applicationName: app })
      const selection = responseFieldsOf(query)
      result = await route(state, { method, path: apiPath, query, headers: requestHeaders, body })
      if (selection) result = { status: result.status, body: projectFields(result.body, selection) }
    } catch (e) {
      const err =
        e instanceof KiboHttpError
          ? e
          : new KiboHttpError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred in the emulator.', { applicationName: app })
      result = { status: err.status, body: err.body() }
      extraHeaders = { ...extraHeaders, ...err.headers }
    }

    const text = JSON.stringify(result.body)
    const all = { ...headers, ...extraHeaders }
    if (fault && (fault.fault === 'reset' || fault.fault === 'truncated' || fault.fault === 'malformed')) {
      sendDamaged(res, fault.fault, result.status, text, all)
      return
    }
    res.writeHead(result.status, { ...all, 'content-length': Buffer.byteLength(text) })
    res.end(text)
  }
}
