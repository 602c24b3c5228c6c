// The browser host's guards, over real HTTP on 127.0.0.1: the per-run key, our own origin and
// host, JSON only, a size limit, no path outside the renderer folder, and events over SSE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEventHub } from './events'
import { contentSecurityPolicy } from '../shared/csp'
import { startWebHost, type WebHost } from './webHost'

let host: WebHost
let dir: string
const events = createEventHub()
const calls: [unknown, unknown][] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-webhost-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>renderer</title>')
  writeFileSync(join(tmpdir(), 'outside-renderer.txt'), 'secret-ish')
  host = await startWebHost({
    rendererDir: dir,
    events,
    dispatch: async (name, input) => {
      calls.push([name, input])
      return { ok: true, value: 'answered' }
    },
  })
})
afterAll(async () => {
  await host.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A raw request, so Host and Origin can be anything. */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; text: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(host.origin)
    const req = request({ host: '127.0.0.1', port: url.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let text = ''
      res.on('data', (c) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

const keyed = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', 'x-inspector-key': host.key, ...extra })

describe('web host', () => {
  it('binds to loopback and carries the key only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(host.url).toBe(`${host.origin}/#key=${host.key}`)
  })

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const page = await send('/')
    expect(page.status).toBe(200)
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy)
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    for (const path of ['/../outside-renderer.txt', '/%2e%2e/outside-renderer.txt', '/..%2foutside-renderer.txt']) {
      expect((await send(path)).status, path).toBe(404)
    }
  })

  it('survives paths that do not parse or decode, and keeps serving', async () => {
    expect((await send('//')).status).toBe(400)
    expect((await send('/%E0%A4%A')).status).toBe(404)
    expect((await send('/')).status).toBe(200)
  })

  it('answers calls only with the key, from our origin, for our host, in JSON, within the size limit', async () => {
    const body = JSON.stringify({})
    expect((await send('/api/call/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401)
    expect((await send('/api/call/app.info', { method: 'POST', headers: keyed({ origin: 'http://evil.example' }), body })).status).toBe(403)
    expect((await send('/api/call/app.info', { method: 'POST', headers: keyed({ host: 'evil.example:80' }), body })).status).toBe(421)
    expect((await send('/api/call/app.info', { method: 'POST', headers: keyed({ 'content-type': 'text/plain' }), body })).status).toBe(415)
    expect((await send('/api/call/app.info', { method: 'POST', headers: keyed(), body: 'x'.repeat(5 * 1024 * 1024) })).status).toBe(413)
    const bad = await send('/api/call/app.info', { method: 'POST', headers: keyed(), body: '{not json' })
    expect(JSON.parse(bad.text)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    expect(calls).toEqual([])
    const good = await send('/api/call/app.info', { method: 'POST', headers: keyed({ origin: host.origin }), body })
    expect(JSON.parse(good.text)).toEqual({ ok: true, value: 'answered' })
    expect(calls).toEqual([['app.info', {}]])
  })

  it('streams events to a keyed subscriber', async () => {
    const url = new URL(host.origin)
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: url.port, path: '/api/events', headers: { 'x-inspector-key': host.key } }, (res) => {
        let text = ''
        res.on('data', (chunk) => {
          text += chunk
          if (text.includes('file.open')) {
            req.destroy()
            resolve(text)
          }
        })
        setTimeout(() => events.emit('file.open', { handle: 'f-1', name: 'x.jsonl' }), 50)
      })
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)))
      req.end()
    })
    expect(received).toContain('event: file.open\ndata: {"handle":"f-1","name":"x.jsonl"}')
  })
})
