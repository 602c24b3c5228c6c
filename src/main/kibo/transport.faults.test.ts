// The transports' edges: how each fault an HTTP library reports is named, the headers read back,
// the body and headers sent, compressed and broken bodies, and no listener left on a caller's signal.
import { getEventListeners } from 'node:events'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { deflateSync, gzipSync } from 'node:zlib'
import type { AxiosInstance } from 'axios'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildUrl, createAxiosTransport, createNodeTransport, createTransport, type WireRequest } from './transport'

let server: Server | undefined
afterEach(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler)
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const get = (url: string, extra: Partial<WireRequest> = {}): WireRequest => ({ method: 'GET', url, headers: {}, timeoutMs: 2000, ...extra })

/** An axios instance whose request does what the test says. */
function fakeAxios(request: (config: { signal: AbortSignal; data?: unknown; url: string; timeout: number }) => Promise<unknown>) {
  return { request } as unknown as AxiosInstance
}
const throwing = (error: unknown) => createAxiosTransport(fakeAxios(async () => Promise.reject(error)))

describe('buildUrl', () => {
  it('appends defined values only, encoded', () => {
    expect(buildUrl('https://h/api/x', undefined)).toBe('https://h/api/x')
    expect(buildUrl('https://h/api/x', {})).toBe('https://h/api/x')
    expect(buildUrl('https://h/api/x', { a: undefined })).toBe('https://h/api/x')
    expect(buildUrl('https://h/api/x', { a: 'b c&d', n: 0, t: false, u: undefined })).toBe('https://h/api/x?a=b+c%26d&n=0&t=false')
  })
})

describe('what a failed exchange is called', () => {
  it.each([
    [{ code: 'ETIMEDOUT' }, 'timeout'],
    [{ code: 'ECONNABORTED' }, 'timeout'],
    [{ code: 'ERR_BAD_RESPONSE', message: 'maxContentLength size of 67108864 exceeded' }, 'too-large'],
    [{ code: 'ERR_BAD_RESPONSE', message: 'Unexpected end of JSON' }, 'reset'],
    [{ code: 'ERR_BAD_RESPONSE', message: 7 }, 'reset'],
    [{ code: 'ERR_OTHER', message: 'maxContentLength size of 1 exceeded' }, 'network'],
    [{ message: 'stream has been aborted' }, 'reset'],
    [{ code: 'ECONNRESET' }, 'reset'],
    [{ code: 'EPIPE' }, 'reset'],
    [{ code: 'ECONNABORTED_BY_PEER' }, 'reset'],
    [{ code: 'UND_ERR_SOCKET' }, 'reset'],
    [{ message: 'socket hang up' }, 'reset'],
    [{ code: 'ECONNREFUSED' }, 'refused'],
    [{ code: 7, cause: { code: 'ECONNREFUSED' } }, 'refused'],
    [{ cause: { code: 'ENOTFOUND' } }, 'dns'],
    [{ cause: { code: 8 } }, 'network'],
    [{ code: 'ENOTFOUND' }, 'dns'],
    [{ code: 'EAI_AGAIN' }, 'dns'],
    [{ code: 'EAI_FAIL' }, 'dns'],
    [{ code: 'EAI_NONAME' }, 'dns'],
    [{ code: 'CERT_HAS_EXPIRED' }, 'tls'],
    [{ code: 'ERR_TLS_HANDSHAKE_TIMEOUT' }, 'tls'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls'],
    [{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'tls'],
    [{ code: 'EHOSTUNREACH', message: 'no route' }, 'network'],
    [{ code: 'XERR_TLS' }, 'network'],
    [null, 'network'],
    ['a string', 'network'],
  ])('%j is %s', async (error, problem) => {
    expect(await throwing(error)(get('http://h/api'))).toEqual({ type: 'problem', problem })
  })

  it('an error with an answer keeps its status and headers', async () => {
    const error = { code: 'ERR_BAD_RESPONSE', message: 'x', response: { status: 502, headers: { 'X-Vol-Correlation': 'c-9' } } }
    expect(await throwing(error)(get('http://h/api'))).toEqual({
      type: 'problem',
      problem: 'reset',
      status: 502,
      headers: { 'x-vol-correlation': 'c-9' },
    })
    for (const headers of [undefined, null])
      expect(await throwing({ code: 'ECONNRESET', response: { status: 503, headers } })(get('http://h/api'))).toEqual({
        type: 'problem',
        problem: 'reset',
        status: 503,
        headers: {},
      })
    expect(await throwing({ code: 'ECONNRESET', response: { status: '502' } })(get('http://h/api'))).toEqual({
      type: 'problem',
      problem: 'reset',
    })
  })

  it('a caller’s abort is cancelled whatever the library says; our deadline is a timeout', async () => {
    const waitForAbort = fakeAxios(
      ({ signal }) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject({ code: 'ECONNREFUSED', message: 'canceled' }))),
    )
    const controller = new AbortController()
    // A deadline far off: the cancel must reach the library at once, not when the deadline passes.
    const pending = createAxiosTransport(waitForAbort)(get('http://h/api', { signal: controller.signal, timeoutMs: 600_000 }))
    setTimeout(() => controller.abort(), 10)
    expect(await pending).toEqual({ type: 'problem', problem: 'cancelled' })
    expect(await createAxiosTransport(waitForAbort)(get('http://h/api', { timeoutMs: 20 }))).toEqual({
      type: 'problem',
      problem: 'timeout',
    })
  })

  it('an already aborted signal aborts the library’s request at once', async () => {
    let sawAborted: boolean | undefined
    const transport = createAxiosTransport(
      fakeAxios(async ({ signal }) => {
        sawAborted = signal.aborted
        throw { code: 'ERR_CANCELED' }
      }),
    )
    expect(await transport(get('http://h/api', { signal: AbortSignal.abort() }))).toEqual({ type: 'problem', problem: 'cancelled' })
    expect(sawAborted).toBe(true)
  })
})

describe('the axios transport', () => {
  it('sends the URL with its query, the JSON body as text and the deadline; reads headers as plain strings', async () => {
    const seen: { url: string; data?: unknown; timeout: number }[] = []
    const transport = createAxiosTransport(
      fakeAxios(async (config) => {
        seen.push({ url: config.url, data: config.data, timeout: config.timeout })
        return {
          status: 201,
          data: '{"ok":true}',
          headers: {
            toJSON: () => ({
              'Content-Type': 'application/json',
              'Set-Cookie': ['a=1', 'b=2'],
              'Content-Length': 11,
              'X-Obj': { a: 1 },
              'X-Nil': null,
            }),
          },
        }
      }),
    )
    expect(
      await transport({ method: 'POST', url: 'http://h/api', query: { q: 'a b' }, headers: {}, body: { x: 1 }, timeoutMs: 1234 }),
    ).toEqual({
      type: 'response',
      status: 201,
      headers: { 'content-type': 'application/json', 'set-cookie': 'a=1, b=2', 'content-length': '11' },
      text: '{"ok":true}',
    })
    expect(await transport(get('http://h/api'))).toMatchObject({ type: 'response', status: 201 })
    expect(seen).toEqual([
      { url: 'http://h/api?q=a+b', data: '{"x":1}', timeout: 1234 },
      { url: 'http://h/api', data: undefined, timeout: 2000 },
    ])
  })

  it('a body that is not text reads as empty; headers that are not an object as none', async () => {
    const transport = createAxiosTransport(fakeAxios(async () => ({ status: 200, data: { parsed: true }, headers: 'nonsense' })))
    expect(await transport(get('http://h/api'))).toEqual({ type: 'response', status: 200, headers: {}, text: '' })
    const plain = createAxiosTransport(fakeAxios(async () => ({ status: 204, data: '', headers: { ETag: 'x' } })))
    expect(await plain(get('http://h/api'))).toEqual({ type: 'response', status: 204, headers: { etag: 'x' }, text: '' })
  })

  it('leaves no listener on the caller’s signal', async () => {
    const controller = new AbortController()
    const ok = createAxiosTransport(fakeAxios(async () => ({ status: 200, data: 'x', headers: {} })))
    const failing = throwing({ code: 'ECONNRESET' })
    for (let i = 0; i < 3; i++) {
      await ok(get('http://h/api', { signal: controller.signal }))
      await failing(get('http://h/api', { signal: controller.signal }))
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })

  it('over real HTTP: any status is an answer, redirects are not followed, text stays text', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere' })
        return res.end()
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' })
      res.end('{"message":"no"}')
    })
    const transport = createAxiosTransport()
    expect(await transport(get(`${url}/missing`))).toMatchObject({ type: 'response', status: 404, text: '{"message":"no"}' })
    expect(await transport(get(`${url}/moved`))).toMatchObject({ type: 'response', status: 302, headers: { location: '/elsewhere' } })
    expect(await transport(get(`${url}/fine`))).toMatchObject({ type: 'response', status: 200, text: '{"message":"no"}' })
  })
})

describe('which transport', () => {
  it('axios (which sends its own User-Agent) only where a proxy is named', async () => {
    const agents: (string | undefined)[] = []
    const url = await serve((req, res) => {
      agents.push(req.headers['user-agent'])
      res.end('{}')
    })
    await createTransport({})(get(url))
    await createTransport({ HTTP_PROXY: 'http://proxy.invalid:3128', NO_PROXY: '*' })(get(url))
    expect(agents[0]).toBeUndefined()
    expect(agents[1]).toMatch(/^axios\//)
  })
})

describe('the node transport', () => {
  it('sends Content-Length with a body (not chunked), accepts compressed answers, and lets the caller’s headers win', async () => {
    const seen: IncomingHttpHeaders[] = []
    const url = await serve((req, res) => {
      seen.push(req.headers)
      req.resume()
      req.on('end', () => res.end('{}'))
    })
    const transport = createNodeTransport()
    await transport({ method: 'PUT', url, headers: { 'X-A': 'b' }, body: { é: 1 }, timeoutMs: 2000 })
    await transport(get(url, { headers: { 'Accept-Encoding': 'identity' } }))
    expect(seen[0]).toMatchObject({ 'content-length': '8', 'accept-encoding': 'gzip, deflate, br', 'x-a': 'b' })
    expect(seen[0]['transfer-encoding']).toBeUndefined()
    expect(seen[1]['content-length']).toBeUndefined()
    expect(seen[1]['accept-encoding']).toBe('identity')
  })

  it('reads deflate and x-gzip, in any case; an unknown encoding as it is', async () => {
    const url = await serve((req, res) => {
      const text = `{"path":"${req.url}"}`
      if (req.url === '/deflate') res.writeHead(200, { 'content-encoding': 'Deflate' }).end(deflateSync(text))
      else if (req.url === '/xgzip') res.writeHead(200, { 'content-encoding': 'X-GZIP' }).end(gzipSync(text))
      else res.writeHead(200, { 'content-encoding': 'identity' }).end(text)
    })
    const transport = createNodeTransport()
    expect(await transport(get(`${url}/deflate`))).toMatchObject({ text: '{"path":"/deflate"}' })
    expect(await transport(get(`${url}/xgzip`))).toMatchObject({ text: '{"path":"/xgzip"}' })
    expect(await transport(get(`${url}/plain`))).toMatchObject({ text: '{"path":"/plain"}' })
  })

  it('a body that does not decompress is a network problem, with the status read', async () => {
    const url = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end('this is not gzip at all'))
    expect(await createNodeTransport()(get(url))).toEqual({
      type: 'problem',
      problem: 'network',
      status: 200,
      headers: expect.objectContaining({ 'content-encoding': 'gzip' }),
    })
  })

  it('more than 64 MiB is too large', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024 + 1), { level: 1 })
    const url = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb))
    expect(await createNodeTransport()(get(url, { timeoutMs: 10_000 }))).toMatchObject({
      type: 'problem',
      problem: 'too-large',
      status: 200,
    })
  })

  it('headers come back as plain lower-case strings, repeated ones joined', async () => {
    const url = await serve((_req, res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2'])
      res.setHeader('X-Vol-Correlation', 'c-1')
      res.end('ok')
    })
    const outcome = await createNodeTransport()(get(url))
    expect(outcome).toMatchObject({ type: 'response', status: 200, text: 'ok' })
    expect(outcome.headers).toMatchObject({ 'set-cookie': 'a=1, b=2', 'x-vol-correlation': 'c-1' })
  })

  it('no answer at all within the deadline is a timeout without a status', async () => {
    const url = await serve(() => {})
    expect(await createNodeTransport()(get(url, { timeoutMs: 100 }))).toEqual({ type: 'problem', problem: 'timeout' })
  })

  it('a URL that cannot be parsed is a network problem', async () => {
    expect(await createNodeTransport()(get('not a url'))).toEqual({ type: 'problem', problem: 'network' })
  })

  it('a socket cut before the body ends is a reset', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"partial":', () => res.socket?.destroy())
    })
    expect(await createNodeTransport()(get(url))).toMatchObject({ type: 'problem', problem: 'reset', status: 200 })
  })

  it('an https URL is spoken to over TLS (a plain HTTP server cannot answer it)', async () => {
    const url = await serve((_req, res) => res.end('{}'))
    expect(await createNodeTransport()(get(url.replace('http:', 'https:')))).toEqual({ type: 'problem', problem: 'network' })
  })

  it('leaves no listener on the caller’s signal', async () => {
    const url = await serve((_req, res) => res.end('{}'))
    const controller = new AbortController()
    const transport = createNodeTransport()
    for (let i = 0; i < 3; i++) await transport(get(url, { signal: controller.signal }))
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0)
  })
})

describe('no deadline left running', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('after an answer, a refused URL or a failure', async () => {
    const url = await serve((_req, res) => res.end('{}'))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    expect(await createNodeTransport()(get(url, { timeoutMs: 60_000 }))).toMatchObject({ type: 'response', status: 200 })
    expect(vi.getTimerCount()).toBe(0)
    expect(await createNodeTransport()(get('not a url', { timeoutMs: 60_000 }))).toEqual({ type: 'problem', problem: 'network' })
    expect(vi.getTimerCount()).toBe(0)
    expect(
      await createAxiosTransport(fakeAxios(async () => ({ status: 200, data: '', headers: {} })))(get(url, { timeoutMs: 60_000 })),
    ).toMatchObject({
      type: 'response',
    })
    expect(await throwing({ code: 'ECONNRESET' })(get(url, { timeoutMs: 60_000 }))).toMatchObject({ problem: 'reset' })
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('bodies at their limits', () => {
  it('a compressed body cut short is read as far as it goes', async () => {
    const text = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `account ${i}` })) })
    const gz = gzipSync(text)
    const df = deflateSync(text)
    const url = await serve((req, res) => {
      const body = req.url === '/gzip' ? gz.subarray(0, gz.length - 20) : df.subarray(0, df.length - 10)
      res.writeHead(200, { 'content-encoding': req.url === '/gzip' ? 'gzip' : 'deflate', 'content-length': body.length }).end(body)
    })
    for (const path of ['/gzip', '/deflate']) {
      const outcome = await createNodeTransport()(get(`${url}${path}`))
      expect(outcome.type).toBe('response')
      if (outcome.type !== 'response') continue
      expect(outcome.text.length).toBeGreaterThan(1000)
      expect(text.startsWith(outcome.text)).toBe(true)
    }
  })

  it('exactly 64 MiB is not too large', async () => {
    const body = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 1 })
    const url = await serve((_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(body))
    const outcome = await createNodeTransport()(get(url, { timeoutMs: 10_000 }))
    expect(outcome.type === 'response' && outcome.text.length).toBe(64 * 1024 * 1024)
  })

  it('axios sends the JSON body as it is', async () => {
    const bodies: string[] = []
    const url = await serve((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        bodies.push(body)
        res.end('{}')
      })
    })
    await createAxiosTransport()({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json' },
      body: { a: [1, 'b'] },
      timeoutMs: 2000,
    })
    expect(bodies).toEqual(['{"a":[1,"b"]}'])
  })
})
