// The node:http transport on its own: compressed bodies, the body cap, the deadline, and when the
// axios transport (which honours proxies) is used instead.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync, brotliCompressSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { createNodeTransport, proxyConfigured } from './transport'

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

describe('node transport', () => {
  it('reads gzip and brotli bodies as text, and sends query, headers and a JSON body', async () => {
    const seen: { url?: string; auth?: string; body: string }[] = []
    const url = await serve((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        seen.push({ url: req.url, auth: req.headers.authorization, body })
        const text = JSON.stringify({ ok: true, n: seen.length })
        const br = req.url!.includes('br=1')
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': br ? 'br' : 'gzip' })
        res.end(br ? brotliCompressSync(text) : gzipSync(text))
      })
    })
    const transport = createNodeTransport()
    const one = await transport({
      method: 'POST',
      url,
      query: { a: 'x y', skip: undefined },
      headers: { Authorization: 'Bearer t' },
      body: { q: 1 },
      timeoutMs: 2000,
    })
    expect(one).toEqual({
      type: 'response',
      status: 200,
      headers: expect.objectContaining({ 'content-encoding': 'gzip' }),
      text: '{"ok":true,"n":1}',
    })
    expect(seen[0]).toEqual({ url: '/?a=x+y', auth: 'Bearer t', body: '{"q":1}' })
    const two = await transport({ method: 'GET', url, query: { br: 1 }, headers: {}, timeoutMs: 2000 })
    expect(two).toMatchObject({ type: 'response', text: '{"ok":true,"n":2}' })
  })

  it('a body that never ends is a timeout, with the status already read', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"a":')
    })
    const outcome = await createNodeTransport()({ method: 'GET', url, headers: {}, timeoutMs: 150 })
    expect(outcome).toMatchObject({ type: 'problem', problem: 'timeout', status: 200 })
  })

  it('an abort from the caller is cancelled, and nothing is sent when already aborted', async () => {
    let hits = 0
    const url = await serve(() => hits++)
    const controller = new AbortController()
    const pending = createNodeTransport()({ method: 'GET', url, headers: {}, timeoutMs: 5000, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    expect(await pending).toMatchObject({ type: 'problem', problem: 'cancelled' })
    const before = hits
    expect(await createNodeTransport()({ method: 'GET', url, headers: {}, timeoutMs: 5000, signal: AbortSignal.abort() })).toMatchObject({
      problem: 'cancelled',
    })
    expect(hits).toBe(before)
  })

  it('nobody listening is refused', async () => {
    const url = await serve(() => {})
    server!.close()
    expect(await createNodeTransport()({ method: 'GET', url, headers: {}, timeoutMs: 2000 })).toMatchObject({ problem: 'refused' })
  })
})

describe('proxyConfigured', () => {
  it('is true only when the environment names a proxy', () => {
    expect(proxyConfigured({})).toBe(false)
    expect(proxyConfigured({ HTTPS_PROXY: ' ' })).toBe(false)
    expect(proxyConfigured({ https_proxy: 'http://proxy:3128' })).toBe(true)
    expect(proxyConfigured({ ALL_PROXY: 'socks5://p:1080' })).toBe(true)
  })
})
