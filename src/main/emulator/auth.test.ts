// Application and customer tickets: issuing, checking, expiring, rotating.
import { decodeJwt } from 'jose'
import { afterEach, describe, expect, it } from 'vitest'
import { validateResponse } from '../../../test/openapi'
import { DEMO_CLIENT, type Emulator, type EmulatorOptions, startEmulator } from './index'
import { appToken, call, kiboHeaders } from '../../../test/emulatorKit'

const OAUTH = '/platform/applications/authtickets/oauth'
const IMPERSONATE = '/commerce/customer/authtickets/impersonatecart'
const REFRESH = '/commerce/customer/authtickets/refresh'

const running: Emulator[] = []
async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ accounts: 30, ...options })
  running.push(emu)
  return emu
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()))
})

function oauth(emu: Emulator, body: unknown) {
  return call(emu, 'POST', OAUTH, { body })
}

describe('application auth tickets', () => {
  it('issues a spec-shaped bearer ticket for the demo client', async () => {
    const emu = await emulator()
    const res = await oauth(emu, {
      client_id: DEMO_CLIENT.clientId,
      client_secret: DEMO_CLIENT.clientSecret,
      grant_type: 'client_credentials',
    })
    expect(res.status).toBe(200)
    expect(validateResponse('POST', OAUTH, 200, res.json, { strict: true })).toEqual([])
    expect(res.json).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
    expect(res.json.refresh_token).not.toMatch(/\./) // opaque, not a JWT
    const claims = decodeJwt(res.json.access_token)
    expect(claims).toMatchObject({ sub: DEMO_CLIENT.clientId, kind: 'app', tenant: emu.tenant, site: emu.site, iss: 'kibo-emulator' })
    expect(claims.exp! - claims.iat!).toBe(3600)
  })

  it('refuses wrong or missing credentials with a Kibo error that does not echo the secret', async () => {
    const emu = await emulator()
    for (const body of [
      { client_id: DEMO_CLIENT.clientId, client_secret: 'not-the-demo-secret', grant_type: 'client_credentials' },
      { client_id: DEMO_CLIENT.clientId, grant_type: 'client_credentials' },
      { client_secret: 'lonely-secret', grant_type: 'client_credentials' },
    ]) {
      const res = await oauth(emu, body)
      expect(res.status).toBe(401)
      expect(res.json).toMatchObject({ errorCode: 'UNAUTHORIZED', applicationName: 'AppDev', additionalErrorData: [], items: [] })
      expect(res.text).not.toContain('not-the-demo-secret')
      expect(res.text).not.toContain('lonely-secret')
    }
    const badGrant = await oauth(emu, { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, grant_type: 'password' })
    expect(badGrant.status).toBe(400)
    expect(badGrant.json.errorCode).toBe('MISSING_OR_INVALID_PARAMETER')
    const unknownField = await oauth(emu, { clientId: 'x', client_secret: 'y', grant_type: 'client_credentials' })
    expect(unknownField.status).toBe(400)
  })

  it('trusts the first secret seen for a client id and refuses a different one later', async () => {
    const emu = await emulator()
    const app = 'Acme.Inspector.1.0.0.Release'
    expect((await oauth(emu, { client_id: app, client_secret: 'first', grant_type: 'client_credentials' })).status).toBe(200)
    expect((await oauth(emu, { client_id: app, client_secret: 'second', grant_type: 'client_credentials' })).status).toBe(401)
    expect((await oauth(emu, { client_id: app, client_secret: 'first', grant_type: 'client_credentials' })).status).toBe(200)
  })

  it('with a client registry, only registered clients (and the demo client) get in', async () => {
    const emu = await emulator({ clients: { 'Acme.App': 's3cret' } })
    expect((await oauth(emu, { client_id: 'Acme.App', client_secret: 's3cret', grant_type: 'client_credentials' })).status).toBe(200)
    expect((await oauth(emu, { client_id: 'Other.App', client_secret: 'x', grant_type: 'client_credentials' })).status).toBe(401)
    expect(await appToken(emu)).toBeTruthy()
  })

  it('rotates application refresh tokens', async () => {
    const emu = await emulator()
    const creds = { client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }
    const first = await oauth(emu, { ...creds, grant_type: 'client_credentials' })
    const second = await oauth(emu, { ...creds, grant_type: 'refresh_token', refresh_token: first.json.refresh_token })
    expect(second.status).toBe(200)
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token)
    expect(second.json.access_token).not.toBe(first.json.access_token)
    const reused = await oauth(emu, { ...creds, grant_type: 'refresh_token', refresh_token: first.json.refresh_token })
    expect(reused.status).toBe(401)
  })
})

describe('bearer checks', () => {
  it('rejects a missing, garbled, expired, foreign, other-tenant or customer token', async () => {
    let now = Date.UTC(2025, 0, 1)
    const key = new Uint8Array(32).fill(7)
    const emu = await emulator({ now: () => now, appTokenSeconds: 60, jwtKey: key })
    const sibling = await emulator({ now: () => now, jwtKey: key, tenant: 200001 })
    const stranger = await emulator({ now: () => now })
    const body = { accountId: 1001 }
    const tryWith = (authorization: string) => call(emu, 'POST', IMPERSONATE, { body, headers: { ...kiboHeaders(emu, ''), authorization } })

    const good = await appToken(emu)
    expect((await call(emu, 'POST', IMPERSONATE, { body, headers: kiboHeaders(emu, good) })).status).toBe(200)

    const noHeader = await call(emu, 'POST', IMPERSONATE, {
      body,
      headers: { 'x-vol-tenant': String(emu.tenant), 'x-vol-site': String(emu.site) },
    })
    expect(noHeader.status).toBe(401)
    expect((await tryWith('Bearer not.a.jwt')).status).toBe(401)
    expect((await tryWith(`Basic ${good}`)).status).toBe(401)

    const foreign = await tryWith(`Bearer ${await appToken(stranger)}`)
    expect(foreign.status).toBe(401)
    expect(foreign.json.message).toMatch(/invalid/)

    const otherTenant = await tryWith(`Bearer ${await appToken(sibling)}`)
    expect(otherTenant.status).toBe(401)
    expect(otherTenant.json.message).toMatch(/tenant 100001/)

    const ticket = await call(emu, 'POST', IMPERSONATE, { body, headers: kiboHeaders(emu, good) })
    expect((await tryWith(`Bearer ${ticket.json.jwtAccessToken}`)).status).toBe(401)

    now += 59_000
    expect((await tryWith(`Bearer ${good}`)).status).toBe(200)
    now += 1_000
    const expired = await tryWith(`Bearer ${good}`)
    expect(expired.status).toBe(401)
    expect(expired.json.message).toMatch(/expired/)
    expect(expired.text).not.toContain(good)
  })
})

describe('customer tickets', () => {
  it('impersonatecart returns tickets whose lifetimes follow the options and the clock', async () => {
    const now = Date.UTC(2025, 2, 3, 4, 5, 6)
    const emu = await emulator({ now: () => now, accessTokenSeconds: 120, refreshTokenSeconds: 600 })
    const res = await call(emu, 'POST', IMPERSONATE, { body: { accountId: 1002 }, headers: kiboHeaders(emu, await appToken(emu)) })
    expect(res.status).toBe(200)
    expect(res.json.accessTokenExpiration).toBe(new Date(now + 120_000).toISOString())
    expect(res.json.refreshTokenExpiration).toBe(new Date(now + 600_000).toISOString())
    const account = emu.data.accounts[2]
    const claims = decodeJwt(res.json.jwtAccessToken)
    expect(claims).toMatchObject({ sub: account.userId, kind: 'customer', tenant: emu.tenant, site: emu.site })
    expect(claims['https://www.kibocommerce.com/user_claims']).toEqual({ accountId: 1002, userId: account.userId, isAnonymous: false })
    expect(claims.exp! - claims.iat!).toBe(120)
    expect(res.json.accessToken).not.toBe(res.json.refreshToken)
  })

  it('refresh rotates both tokens and invalidates the old refresh token', async () => {
    let now = Date.UTC(2025, 0, 1)
    const emu = await emulator({ now: () => now, refreshTokenSeconds: 100 })
    const headers = kiboHeaders(emu, await appToken(emu))
    const first = await call(emu, 'POST', IMPERSONATE, { body: { accountId: 1003 }, headers })
    now += 10_000
    const second = await call(emu, 'PUT', REFRESH, { query: { refreshToken: first.json.refreshToken, accountId: 1003 }, headers })
    expect(second.status).toBe(200)
    expect(validateResponse('PUT', REFRESH, 200, second.json, { strict: true })).toEqual([])
    expect(second.json.customerAccount.id).toBe(1003)
    for (const k of ['accessToken', 'refreshToken', 'jwtAccessToken']) expect(second.json[k]).not.toBe(first.json[k])
    expect(second.json.accessTokenExpiration).toBe(new Date(now + 1800_000).toISOString())

    const reused = await call(emu, 'PUT', REFRESH, { query: { refreshToken: first.json.refreshToken }, headers })
    expect(reused.status).toBe(401)
    expect(reused.text).not.toContain(first.json.refreshToken)

    const wrongAccount = await call(emu, 'PUT', REFRESH, { query: { refreshToken: second.json.refreshToken, accountId: 1004 }, headers })
    expect(wrongAccount.status).toBe(400)
    expect(wrongAccount.json.errorCode).toBe('VALIDATION_CONFLICT')

    const projected = await call(emu, 'PUT', REFRESH, {
      query: { refreshToken: second.json.refreshToken, responseFields: 'refreshToken,customerAccount(id)' },
      headers,
    })
    expect(Object.keys(projected.json).sort()).toEqual(['customerAccount', 'refreshToken'])
    expect(projected.json.customerAccount).toEqual({ id: 1003 })

    now += 100_000
    const expired = await call(emu, 'PUT', REFRESH, { query: { refreshToken: projected.json.refreshToken }, headers })
    expect(expired.status).toBe(401)
    expect((await call(emu, 'PUT', REFRESH, { query: { refreshToken: 'made-up' }, headers })).status).toBe(401)
    expect((await call(emu, 'PUT', REFRESH, { headers })).status).toBe(400)
  })

  it('records every secret issued, accepted or presented', async () => {
    const emu = await emulator()
    const token = await appToken(emu)
    await oauth(emu, { client_id: 'x', client_secret: 'tofu-secret', grant_type: 'client_credentials' })
    await oauth(emu, { client_id: 'x', client_secret: 'wrong-secret', grant_type: 'client_credentials' })
    const ticket = await call(emu, 'POST', IMPERSONATE, { body: { accountId: 1001 }, headers: kiboHeaders(emu, token) })
    await call(emu, 'POST', IMPERSONATE, { body: { accountId: 1001 }, headers: kiboHeaders(emu, 'presented-garbage') })
    const secrets = emu.issuedSecrets()
    for (const s of [DEMO_CLIENT.clientSecret, token, 'tofu-secret', 'wrong-secret', 'presented-garbage']) expect(secrets).toContain(s)
    for (const k of ['accessToken', 'refreshToken', 'jwtAccessToken']) expect(secrets).toContain(ticket.json[k])
  })
})
