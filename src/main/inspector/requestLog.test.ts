// The request log over a whole session against the emulator: every call recorded with what a
// person needs (status, size, time, correlation id, headers, cURL), errors linked to their entry,
// and not one of the tokens or secrets the emulator issued or saw anywhere in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { startEmulator, type Emulator } from '../emulator'
import { Inspector } from './inspector'
import { RequestLog } from './requestLog'
import { appErrorOf } from '../../../test/failures'

let emulator: Emulator
const SECRET = 'request-log-secret-5e4d3c2b1a09'
const signal = new AbortController().signal
const profiles = new Map<string, Profile>()

function profile(id: string): Profile {
  const p: Profile = {
    id,
    name: `Log ${id}`,
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
    clientId: `RequestLog.Test.${id}`,
    target: {},
    responseFields: '',
    production: false,
  }
  profiles.set(id, p)
  return p
}

const inspector = () =>
  new Inspector({ getProfile: (id) => profiles.get(id), getSecret: async () => SECRET, demoUrl: async () => emulator.url })

beforeAll(async () => {
  emulator = await startEmulator({ seed: 9, accounts: 30 })
})
afterAll(() => emulator.close())

describe('the request log', () => {
  it('records a whole session, links errors to their entry, and holds no token or secret', async () => {
    profile('s')
    const app = inspector()
    await app.impersonate('s', { target: { accountId: 1002 } }, signal)
    await app.refreshTicket('s', signal)
    await app.getAccount('s', 1002, 'id,emailAddress', signal)
    await app.searchAccounts('s', { q: 'a', startIndex: 0, pageSize: 5 }, signal)
    const missing = await appErrorOf(app.getAccount('s', 9_999_999, undefined, signal))
    emulator.setFaults({ rules: [{ fault: 'http401', match: 'accounts/1003' }] })
    await app.getAccount('s', 1003, undefined, signal) // 401, a new app token, then 200
    emulator.setFaults({})

    const page = app.requestLog.list({ profileId: 's' })
    const paths = page.entries.map((e) => `${e.method} ${new URL(e.url).pathname}`).reverse()
    expect(paths).toEqual([
      'POST /api/platform/applications/authtickets/oauth',
      'POST /api/commerce/customer/authtickets/impersonatecart',
      'PUT /api/commerce/customer/authtickets/refresh',
      'GET /api/commerce/customer/accounts/1002',
      'GET /api/commerce/customer/accounts',
      'GET /api/commerce/customer/accounts/9999999',
      'GET /api/commerce/customer/accounts/1003',
      'POST /api/platform/applications/authtickets/oauth',
      'GET /api/commerce/customer/accounts/1003',
    ])
    for (const entry of page.entries) {
      expect(entry.status).toEqual(expect.any(Number))
      expect(entry.correlationId).toMatch(/\S/)
      expect(entry.responseBytes).toBeGreaterThan(0)
      expect(Date.parse(entry.time)).not.toBeNaN()
      expect(entry.curl).toMatch(/^curl -X (GET|POST|PUT) /)
    }

    // The error banner's link: the failed call's entry, with Kibo's status and correlation id.
    const failed = page.entries.find((e) => e.id === missing.requestId)
    expect(failed).toMatchObject({ status: 404, correlationId: missing.correlationId })

    // Placeholders where the secrets were, in the log and in every cURL command.
    const impersonation = page.entries.find((e) => e.url.includes('impersonatecart'))!
    expect(impersonation.requestHeaders.Authorization).toBe('Bearer $KIBO_TOKEN')
    expect(impersonation.requestBody).toBe('{"accountId":1002}')
    expect(impersonation.curl).toContain(`-H "Authorization: Bearer $KIBO_TOKEN"`)
    const refresh = page.entries.find((e) => e.url.includes('/refresh'))!
    expect(refresh.url).toContain('refreshToken=$KIBO_REFRESH_TOKEN')
    expect(refresh.curl).toContain('refreshToken=$KIBO_REFRESH_TOKEN&accountId=1002')
    const oauth = page.entries.find((e) => e.url.includes('/oauth'))!
    expect(JSON.parse(oauth.requestBody!)).toEqual({
      client_id: 'RequestLog.Test.s',
      client_secret: '$KIBO_CLIENT_SECRET',
      grant_type: 'client_credentials',
    })

    const text = JSON.stringify(page)
    const needles = [SECRET, ...emulator.issuedSecrets()].filter((s) => s.length >= 8)
    expect(needles.length).toBeGreaterThan(8)
    for (const needle of needles) expect(text).not.toContain(needle)
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{8,}\./)
  })

  it('filters by text and by failure, is kept per profile, and clears', async () => {
    profile('f')
    profile('g')
    const app = inspector()
    await app.getAccount('f', 1004, undefined, signal)
    await appErrorOf(app.getAccount('f', 8_888_888, undefined, signal))
    await app.getAccount('g', 1005, undefined, signal)

    expect(app.requestLog.list({ profileId: 'f', failuresOnly: true }).entries.map((e) => e.status)).toEqual([404])
    expect(app.requestLog.list({ profileId: 'f', text: 'ACCOUNTS/1004' }).entries).toHaveLength(1)
    expect(app.requestLog.list({ profileId: 'f', text: 'oauth' }).entries).toHaveLength(1)
    expect(app.requestLog.list({ profileId: 'g' }).entries.every((e) => e.profileId === 'g')).toBe(true)
    expect(app.requestLog.clear('f')).toBe(3)
    expect(app.requestLog.list({ profileId: 'f' })).toMatchObject({ entries: [], total: 0 })
    expect(app.requestLog.list({ profileId: 'g' }).total).toBe(2)
  })

  it('keeps only the newest entries', () => {
    const log = new RequestLog(3)
    for (let i = 1; i <= 5; i++)
      log.observe('p', {
        type: 'exchange',
        exchange: {
          id: `x${i}`,
          action: 'Reading',
          attempt: 1,
          startedAt: 0,
          durationMs: 1,
          method: 'GET',
          url: 'http://127.0.0.1/api/x',
          query: {},
          requestHeaders: {},
          requestBody: null,
          status: 200,
          problem: null,
          responseHeaders: {},
          responseBytes: 2,
          correlationId: null,
        },
      })
    expect(log.list({ profileId: 'p' }).entries.map((e) => e.id)).toEqual(['x5', 'x4', 'x3'])
  })

  it('a warning about Kibo’s answers is kept as a note', () => {
    const log = new RequestLog()
    log.observe('p', { type: 'warning', action: 'Getting an application token', message: 'odd lifetime' })
    expect(log.list({ profileId: 'p' }).notes.map((n) => n.message)).toEqual(['odd lifetime'])
  })
})
