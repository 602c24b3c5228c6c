// One HTTP exchange, no retries. Every error is classified here and dropped: what leaves this
// file is a status with headers and text, or a WireProblem, never an error object (axios' hold
// the Authorization header and the request body).
//
// Calls go straight through node:http(s) on the keep-alive global agents: axios cost ~0.28 ms a
// call on loopback (its config merging, interceptor chain, follow-redirects wrapper and proxy
// lookup), a third more than the exchange itself (bench/clientOverhead.ts). Axios is kept for one
// case only: a proxy named in the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY), which it
// honours, NO_PROXY included.
import axios, { type AxiosInstance } from 'axios'
import http from 'node:http'
import https from 'node:https'
import zlib from 'node:zlib'
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

/** Whether the environment names a proxy, which only the axios transport honours. */
export function proxyConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'].some(
    (name) => (env[name] ?? '').trim() !== '',
  )
}

/** The transport the client uses: node:http directly, or axios where a proxy is configured. */
export function createTransport(env: NodeJS.ProcessEnv = process.env): Transport {
  return proxyConfigured(env) ? createAxiosTransport() : createNodeTransport()
}

/** Response bodies Kibo may compress; anything else is read as it is. */
function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
    case 'deflate':
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH })
    case 'br':
      return zlib.createBrotliDecompress()
    default:
      return null
  }
}

/** A transport over node:http(s) and their keep-alive global agents. */
export function createNodeTransport(): Transport {
  return (request) =>
    new Promise<WireOutcome>((resolve) => {
      let settled = false
      let timedOut = false
      let status: number | undefined
      let headers: Record<string, string> | undefined
      const finish = (outcome: WireOutcome) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        request.signal?.removeEventListener('abort', onAbort)
        resolve(outcome)
      }
      const fail = (problem: WireProblem) =>
        finish({ type: 'problem', problem, ...(status !== undefined ? { status, headers: headers ?? {} } : {}) })
      const onAbort = () => {
        req.destroy()
        fail(timedOut ? 'timeout' : 'cancelled')
      }
      // Our own deadline covers the whole exchange, body included.
      const timer = setTimeout(() => {
        timedOut = true
        onAbort()
      }, request.timeoutMs)

      let url: URL
      try {
        url = new URL(buildUrl(request.url, request.query))
      } catch {
        clearTimeout(timer)
        resolve({ type: 'problem', problem: 'network' })
        return
      }
      const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8')
      // Node sets Content-Length itself for a body sent whole with end().
      const sendHeaders: Record<string, string> = { 'Accept-Encoding': 'gzip, deflate, br', ...request.headers }
      const lib = url.protocol === 'https:' ? https : http
      const req = lib.request(url, { method: request.method, headers: sendHeaders }, (res) => {
        status = res.statusCode ?? 0
        headers = plainHeaders(res.headers)
        const decoder = decoderFor(headers['content-encoding'])
        const stream = decoder ? res.pipe(decoder) : res
        const chunks: Buffer[] = []
        let bytes = 0
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          if (bytes > MAX_BODY_BYTES) {
            req.destroy()
            fail('too-large')
            return
          }
          chunks.push(chunk)
        })
        // A body cut short (the socket closed before its end) is a connection fault like any reset.
        res.on('error', () => fail('reset'))
        decoder?.on('error', () => fail('network'))
        stream.on('end', () => {
          if (!res.complete) return fail('reset')
          finish({ type: 'response', status: status!, headers: headers!, text: Buffer.concat(chunks).toString('utf8') })
        })
      })
      req.on('error', (error) => fail(classify(error, timedOut, request.signal?.aborted === true)))
      if (request.signal?.aborted) return onAbort()
      request.signal?.addEventListener('abort', onAbort, { once: true })
      req.end(body)
    })
}

/** A transport over a dedicated axios instance (never the shared default one). */
export function createAxiosTransport(instance: AxiosInstance = createAxios()): Transport {
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
