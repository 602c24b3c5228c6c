// Fault injection as a raw HTTP client sees it, plus the plumbing every response shares.
import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FaultInjector } from './faults'
import { type Emulator, startEmulator } from './index'
import { REQUEST_LOG_SIZE } from './server'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'

let emu: Emulator
let headers: Record<string, string>
beforeAll(async () => {
  emu = await startEmulator({ accounts: 20 })
  headers = kiboHeaders(emu, await appToken(emu))
})
beforeEach(() => emu.setFaults({}))
afterAll(() => emu.close())

const getAccount = () => call(emu, 'GET', '/commerce/customer/accounts/1001', { headers })

/** A raw GET, resolving with what arrived before the connection ended or broke. */
function rawGet(path: string): Promise<{ status?: number; body: string; error?: string; complete: boolean }> {
  return new Promise((resolve) => {
    const req = request(emu.url + path, { headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode, body, complete: res.complete }))
      res.on('error', (e) => resolve({ status: res.statusCode, body, error: e.message, complete: false }))
      res.on('aborted', () => resolve({ status: res.statusCode, body, error: 'aborted', complete: false }))
    })
    req.on('error', (e) => resolve({ body: '', error: e.message, complete: false }))
    req.end()
  })
}

describe('HTTP faults', () => {
  it.each([
    ['http401', 401, 'UNAUTHORIZED'],
    ['http429', 429, 'TOO_MANY_REQUESTS'],
    ['http500', 500, 'UNEXPECTED_ERROR'],
    ['http503', 503, 'SERVICE_UNAVAILABLE'],
  ] as const)('%s answers %i with a Kibo error body, once by default', async (fault, status, errorCode) => {
    emu.setFaults({ rules: [{ fault }] })
    const res = await getAccount()
    expect(res.status).toBe(status)
    expect(res.json).toMatchObject({ errorCode, applicationName: 'Customer', items: [] })
    expect(res.headers.get('x-vol-correlation')).toMatch(/^[0-9a-f]{32}$/)
    expect((await getAccount()).status).toBe(200)
  })

  it('sends Retry-After when asked, counts `times`, and matches on a path substring', async () => {
    emu.setFaults({ rules: [{ fault: 'http429', times: 2, match: '/accounts/1001', retryAfterSeconds: 7 }] })
    const other = await call(emu, 'GET', '/commerce/customer/accounts/1002', { headers })
    expect(other.status).toBe(200)
    const a = await getAccount()
    const b = await getAccount()
    expect([a.status, b.status]).toEqual([429, 429])
    expect(a.headers.get('retry-after')).toBe('7')
    expect((await getAccount()).status).toBe(200)
  })

  it('applies rules in order, each for its own count', async () => {
    emu.setFaults({ rules: [{ fault: 'http503' }, { fault: 'http500', times: 2 }] })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await getAccount()).status)
    expect(statuses).toEqual([503, 500, 500, 200])
  })

  it('reset: headers and part of the body arrive, then the connection breaks', async () => {
    emu.setFaults({ rules: [{ fault: 'reset' }] })
    const res = await rawGet('/commerce/customer/accounts/1001')
    expect(res.status).toBe(200)
    expect(res.body.length).toBeGreaterThan(0)
    expect(res.complete).toBe(false)
    expect(res.error).toBeTruthy()
    await expect(getAccount()).resolves.toMatchObject({ status: 200 })
    emu.setFaults({ rules: [{ fault: 'reset' }] })
    await expect(getAccount()).rejects.toThrow()
  })

  it('truncated: a complete HTTP answer whose JSON is cut short', async () => {
    emu.setFaults({ rules: [{ fault: 'truncated' }] })
    const raw = await rawGet('/commerce/customer/accounts/1001')
    expect(raw).toMatchObject({ status: 200, complete: true })
    expect(() => JSON.parse(raw.body)).toThrow()
    const whole = await rawGet('/commerce/customer/accounts/1001')
    expect(whole.body.startsWith(raw.body)).toBe(true)
    expect(raw.body.length).toBeLessThan(whole.body.length)
  })

  it('malformed: 200 with a body that is not JSON', async () => {
    emu.setFaults({ rules: [{ fault: 'malformed' }] })
    const res = await getAccount()
    expect(res.status).toBe(200)
    expect(res.json).toBeUndefined()
    expect(res.text.length).toBeGreaterThan(0)
  })

  it('latency delays answers without failing them', async () => {
    emu.setFaults({ latencyMs: 30 })
    expect((await getAccount()).status).toBe(200)
  })

  it('refuses a nonsense plan', () => {
    expect(() => emu.setFaults({ rules: [{ fault: 'explode' as never }] })).toThrow(/unknown fault/)
    expect(() => emu.setFaults({ latencyMs: -1 })).toThrow()
    expect(() => emu.setFaults({ rules: [{ fault: 'reset', times: 1.5 }] })).toThrow()
  })

  it('FaultInjector reports what is left of a plan', () => {
    const f = new FaultInjector({ rules: [{ fault: 'http500', times: 2, match: 'oauth' }] })
    expect(f.take('/api/commerce/customer/accounts')).toBeUndefined()
    expect(f.take('/api/platform/applications/authtickets/oauth')?.fault).toBe('http500')
    expect(f.pending()).toEqual([{ fault: 'http500', times: 1, match: 'oauth' }])
  })

  it('faults can be given at start', async () => {
    const other = await startEmulator({ accounts: 2, faults: { rules: [{ fault: 'http503', match: 'oauth' }] } })
    try {
      await expect(appToken(other)).rejects.toThrow(/503/)
      expect(await appToken(other)).toBeTruthy()
    } finally {
      await other.close()
    }
  })
})

describe('plumbing', () => {
  it('every response carries a fresh x-vol-correlation', async () => {
    const ids = new Set<string>()
    for (const path of ['/commerce/customer/accounts/1001', '/commerce/customer/accounts/1', '/nope', '/commerce/customer/accounts/1001']) {
      const res = await call(emu, 'GET', path, { headers })
      ids.add(res.headers.get('x-vol-correlation')!)
    }
    expect(ids.size).toBe(4)
  })

  it('unknown paths are 404 and wrong methods 405, with Kibo error bodies', async () => {
    const nope = await call(emu, 'GET', '/commerce/customer/nope', { headers })
    expect(nope.status).toBe(404)
    expect(nope.json.errorCode).toBe('ITEM_NOT_FOUND')
    const outside = await fetch(emu.url.replace(/\/api$/, '/elsewhere'))
    expect(outside.status).toBe(404)
    const wrong = await call(emu, 'DELETE', '/commerce/customer/accounts/1001', { headers })
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('GET')
  })

  it('logs requests for contract tests, keeping the last 1000', async () => {
    const start = emu.requests.length
    await call(emu, 'POST', '/commerce/customer/authtickets/impersonatecart', {
      headers,
      body: { accountId: 1001 },
      query: { responseFields: 'userId' },
    })
    const last = emu.requests[emu.requests.length - 1]
    expect(emu.requests.length).toBe(Math.min(start + 1, REQUEST_LOG_SIZE))
    expect(last).toMatchObject({
      method: 'POST',
      path: '/api/commerce/customer/authtickets/impersonatecart',
      query: { responseFields: 'userId' },
      body: { accountId: 1001 },
    })
    expect(last.headers['x-vol-tenant']).toBe(String(emu.tenant))
    for (let i = 0; i < REQUEST_LOG_SIZE + 5; i++) await call(emu, 'GET', '/commerce/customer/accounts/1002', { headers })
    expect(emu.requests.length).toBe(REQUEST_LOG_SIZE)
    expect(emu.requests.every((r) => r.path === '/api/commerce/customer/accounts/1002')).toBe(true)
  })
})
