// One HTTP exchange, no retries. Every axios error is classified here and dropped: what leaves
// this file is a status with headers and text, or a WireProblem, never an axios object (those
// hold the Authorization header and the request body).
import axios, { type AxiosInstance } from 'axios'
import type { WireProblem } from './failures'

export interface WireRequest {
  method: 'GET' | 'POST' | 'PUT'
  /** Absolute URL without query. */
  url: string
  query?: Record<string, string | number | boolean | undefined>
  headers: Record<string, string>
  body?: unknown
  timeoutMs: number
  signal?: AbortSignal
}

export type WireOutcome =
  | { type: 'response'; status: number; headers: Record<string, string>; text: string }
  | { type: 'problem'; problem: WireProblem; status?: number; headers?: Record<string, string> }

export type Transport = (request: WireRequest) => Promise<WireOutcome>

const MAX_BODY_BYTES = 64 * 1024 * 1024

export function buildUrl(url: string, query: WireRequest['query']): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined) params.append(name, String(value))
  const search = params.toString()
  return search ? `${url}?${search}` : url
}

function plainHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  const source = (headers as { toJSON?: () => unknown })?.toJSON?.() ?? headers
  if (typeof source !== 'object' || source === null) return out
  for (const [name, value] of Object.entries(source)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value
    else if (Array.isArray(value)) out[name.toLowerCase()] = value.join(', ')
    else if (typeof value === 'number') out[name.toLowerCase()] = String(value)
  }
  return out
}

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED_BY_PEER', 'UND_ERR_SOCKET'])
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'])

function classify(error: unknown, timedOut: boolean, cancelled: boolean): WireProblem {
  if (cancelled) return 'cancelled'
  if (timedOut) return 'timeout'
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown }; response?: unknown }
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : ''
  const message = typeof e?.message === 'string' ? e.message : ''
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return 'timeout'
  if (code === 'ERR_BAD_RESPONSE' && message.includes('maxContentLength')) return 'too-large'
  // Cut mid-body ("stream has been aborted") is a connection fault like any reset, and retried;
  // a complete message whose JSON is broken is judged later, as a bad response.
  if (code === 'ERR_BAD_RESPONSE' || message.includes('aborted')) return 'reset'
  if (resetCodes.has(code) || message.includes('socket hang up')) return 'reset'
  if (code === 'ECONNREFUSED') return 'refused'
  if (dnsCodes.has(code)) return 'dns'
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')
    return 'tls'
  return 'network'
}

/** A transport over a dedicated axios instance (never the shared default one). */
export function createTransport(instance: AxiosInstance = createAxios()): Transport {
  return async (request) => {
    // Our own deadline covers the whole exchange; axios' `timeout` alone only watches the socket.
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, request.timeoutMs)
    const onAbort = () => controller.abort()
    if (request.signal?.aborted) controller.abort()
    else request.signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const response = await instance.request<string>({
        method: request.method,
        url: buildUrl(request.url, request.query),
        headers: request.headers,
        data: request.body === undefined ? undefined : JSON.stringify(request.body),
        timeout: request.timeoutMs,
        signal: controller.signal,
      })
      return {
        type: 'response',
        status: response.status,
        headers: plainHeaders(response.headers),
        text: typeof response.data === 'string' ? response.data : '',
      }
    } catch (error) {
      const problem = classify(error, timedOut, request.signal?.aborted === true)
      const response = (error as { response?: { status?: unknown; headers?: unknown } })?.response
      const status = typeof response?.status === 'number' ? response.status : undefined
      return { type: 'problem', problem, ...(status !== undefined ? { status, headers: plainHeaders(response?.headers) } : {}) }
    } finally {
      clearTimeout(timer)
      request.signal?.removeEventListener('abort', onAbort)
    }
  }
}

export function createAxios(): AxiosInstance {
  return axios.create({
    adapter: 'http',
    // Statuses are ours to judge; JSON is ours to parse, so a broken body is seen as broken.
    validateStatus: () => true,
    responseType: 'text',
    responseEncoding: 'utf8',
    transformResponse: [(data: unknown) => data],
    transformRequest: [(data: unknown) => data],
    maxRedirects: 0,
    maxContentLength: MAX_BODY_BYTES,
    maxBodyLength: MAX_BODY_BYTES,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
  })
}
