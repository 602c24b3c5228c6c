// The loopback HTTP host: serves the built renderer and carries the contract over HTTP, so the
// very same renderer and handlers run in a plain Chromium (tests, development). Bound to
// 127.0.0.1 only; every API request must present the per-run key, come from our own origin and
// name our own host (against DNS rebinding).
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { contentSecurityPolicy } from '../shared/csp'
import type { Dispatch } from './dispatch'
import { BodyTooLarge, readBody } from './requestBody'
import type { EventHub } from './events'
import { PAGE_HEADER, PageSessions, pageIdOf, type Schedule } from './pageSessions'

export interface WebHostOptions {
  rendererDir: string
  dispatch: Dispatch
  events: EventHub
  port?: number
  /** Called when a page starts listening to events (the renderer has started). */
  onListening?: () => void
  /** How long a page's event stream may be gone before its files close (default 10 s); tests pass a clock. */
  pageGraceMs?: number
  schedule?: Schedule
}

export interface WebHost {
  /** Open this in a browser: the key rides in the fragment, which is never sent over HTTP. */
  url: string
  origin: string
  key: string
  close(): Promise<void>
}

const maxBodyBytes = 4 * 1024 * 1024
const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const key = randomBytes(32).toString('base64url')
  const keyBytes = Buffer.from(key)
  let origin = ''
  let host = ''
  const openStreams = new Set<ServerResponse>()
  const pages = new PageSessions({ dispatch: options.dispatch, graceMs: options.pageGraceMs, schedule: options.schedule })

  const server = createServer((req, res) => {
    securityHeaders(res)
    if (req.headers.host !== host) return plain(res, 421, 'Misdirected request.')
    let url: URL
    try {
      url = new URL(req.url ?? '/', origin)
    } catch {
      return plain(res, 400, 'Bad request.')
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return json(res, 403, { error: 'Foreign origin.' })
      if (!hasKey(req)) return json(res, 401, { error: 'Missing or wrong key.' })
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(res, pageIdOf(req.headers[PAGE_HEADER]))
      const match = /^\/api\/call\/([A-Za-z.]+)$/.exec(url.pathname)
      if (match && req.method === 'POST') return void handleCall(match[1], req, res)
      return json(res, 404, { error: 'No such endpoint.' })
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed.')
    void serveFile(url.pathname, res)
  })

  function hasKey(req: IncomingMessage): boolean {
    const given = Buffer.from(String(req.headers['x-inspector-key'] ?? ''))
    return given.length === keyBytes.length && timingSafeEqual(given, keyBytes)
  }

  async function handleCall(name: string, req: IncomingMessage, res: ServerResponse) {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return json(res, 415, { error: 'Send application/json.' })
    }
    let body: unknown
    try {
      body = JSON.parse(await readBody(req, maxBodyBytes))
    } catch (error) {
      if (error instanceof BodyTooLarge) return json(res, 413, { error: 'The request is too large.' })
      return json(res, 200, { ok: false, error: { kind: 'invalid-input', message: 'The request body is not JSON.' } })
    }
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableFinished) controller.abort()
    })
    // A call stops when its request goes away, and when its page does.
    const page = pageIdOf(req.headers[PAGE_HEADER])
    const signal = page === null ? controller.signal : AbortSignal.any([controller.signal, pages.signal(page)])
    const result = await options.dispatch(name, body, { signal })
    if (page !== null) pages.record(page, name, body, result)
    if (!res.destroyed) json(res, 200, result)
  }

  function streamEvents(res: ServerResponse, page: string | null) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    openStreams.add(res)
    if (page !== null) pages.connected(page)
    const unsubscribe = options.events.subscribe((name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
    })
    res.on('close', () => {
      unsubscribe()
      openStreams.delete(res)
      if (page !== null) pages.disconnected(page)
    })
    options.onListening?.()
  }

  async function serveFile(pathname: string, res: ServerResponse) {
    try {
      const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '')
      const file = normalize(join(options.rendererDir, relative))
      if (!file.startsWith(normalize(options.rendererDir) + sep)) return plain(res, 404, 'Not found.')
      const info = await stat(file)
      if (!info.isFile()) return plain(res, 404, 'Not found.')
      res.writeHead(200, {
        'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      })
      createReadStream(file).pipe(res)
    } catch {
      plain(res, 404, 'Not found.')
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  host = `127.0.0.1:${port}`
  origin = `http://${host}`

  return {
    url: `${origin}/#key=${key}`,
    origin,
    key,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of openStreams) stream.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function securityHeaders(res: ServerResponse) {
  res.setHeader('content-security-policy', contentSecurityPolicy)
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('referrer-policy', 'no-referrer')
  res.setHeader('cross-origin-opener-policy', 'same-origin')
  res.setHeader('cross-origin-resource-policy', 'same-origin')
}

function json(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(text)
}
