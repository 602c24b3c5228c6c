// What every tenant endpoint checks first (guard.ts), on its own: the tenant and site headers in
// the order Kibo checks them, the application's bearer, and an account id in the path.
import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { accountFromPath, asApplication, checkTenantHeaders } from './guard'
import { KiboHttpError } from './kiboError'
import type { EmulatorState, RouteRequest } from './routes'

const ada = { id: 1001, firstName: 'Ada' } as CustomerAccount
const verified: (string | undefined)[] = []
const state = {
  data: { tenant: 100001, site: 100002 },
  byId: new Map([[1001, ada]]),
  tokens: {
    verifyAppBearer: async (authorization: string | undefined) => {
      verified.push(authorization)
      if (authorization !== 'Bearer good') throw new KiboHttpError(401, 'UNAUTHORIZED', 'Bad bearer.')
      return 'client-1'
    },
  },
} as unknown as EmulatorState

const req = (headers: Record<string, string>): RouteRequest => ({ method: 'GET', path: '/x', query: {}, headers, body: null })

function refused(run: () => unknown): { status: number; errorCode: string; message: string } {
  try {
    run()
  } catch (error) {
    if (error instanceof KiboHttpError) return { status: error.status, errorCode: error.errorCode, message: error.message }
    throw error
  }
  throw new Error('not refused')
}

describe('checkTenantHeaders', () => {
  const check =
    (headers: Record<string, string>, siteRequired = false) =>
    () =>
      checkTenantHeaders(state, req(headers), siteRequired)

  it('needs the tenant header, as a tenant id, of this tenant', () => {
    expect(refused(check({}))).toEqual({
      status: 400,
      errorCode: 'MISSING_OR_INVALID_PARAMETER',
      message: 'Missing or invalid parameter: x-vol-tenant header is required.',
    })
    for (const t of ['', 'abc', '1x', 'x1', '-1', '1.0'])
      expect(refused(check({ 'x-vol-tenant': t })).message, t).toBe(
        'Missing or invalid parameter: x-vol-tenant header must be a tenant id.',
      )
    expect(refused(check({ 'x-vol-tenant': '100002' }))).toEqual({
      status: 401,
      errorCode: 'UNAUTHORIZED',
      message: 'This application is not authorized for tenant 100002.',
    })
    expect(check({ 'x-vol-tenant': '100001' })()).toBeUndefined()
    expect(check({ 'x-vol-tenant': '0100001' })()).toBeUndefined()
  })

  it('checks a site header when there is one, and needs it only when asked to', () => {
    expect(check({ 'x-vol-tenant': '100001', 'x-vol-site': '100002' }, true)()).toBeUndefined()
    expect(refused(check({ 'x-vol-tenant': '100001' }, true))).toEqual({
      status: 400,
      errorCode: 'MISSING_OR_INVALID_PARAMETER',
      message: 'Missing or invalid parameter: x-vol-site header is required for storefront auth tickets.',
    })
    for (const s of ['', 's1', '1s', '2 '])
      expect(refused(check({ 'x-vol-tenant': '100001', 'x-vol-site': s })).message, s).toBe(
        'Missing or invalid parameter: x-vol-site header must be a site id.',
      )
    expect(refused(check({ 'x-vol-tenant': '100001', 'x-vol-site': '100003' }))).toEqual({
      status: 401,
      errorCode: 'UNAUTHORIZED',
      message: 'Site 100003 does not belong to tenant 100001.',
    })
    // The tenant is checked before the site.
    expect(refused(check({ 'x-vol-tenant': '7', 'x-vol-site': 'bad' })).status).toBe(401)
  })
})

describe('asApplication', () => {
  it('checks the headers, then the bearer, and names the client', async () => {
    verified.length = 0
    await expect(asApplication(state, req({ 'x-vol-tenant': '100001', authorization: 'Bearer good' }))).resolves.toBe('client-1')
    expect(verified).toEqual(['Bearer good'])
    await expect(asApplication(state, req({ 'x-vol-tenant': '100001', authorization: 'Bearer bad' }))).rejects.toMatchObject({
      status: 401,
    })
    // Headers first: a bad tenant is refused without looking at the bearer.
    verified.length = 0
    await expect(asApplication(state, req({ authorization: 'Bearer good' }))).rejects.toMatchObject({ status: 400 })
    expect(verified).toEqual([])
    // A storefront call needs the site too.
    await expect(asApplication(state, req({ 'x-vol-tenant': '100001', authorization: 'Bearer good' }), true)).rejects.toMatchObject({
      status: 400,
      message: 'Missing or invalid parameter: x-vol-site header is required for storefront auth tickets.',
    })
  })
})

describe('accountFromPath', () => {
  it('reads an integer id of up to ten digits and finds its account', () => {
    expect(accountFromPath(state, '1001')).toBe(ada)
    expect(refused(() => accountFromPath(state, '1002'))).toEqual({
      status: 404,
      errorCode: 'ITEM_NOT_FOUND',
      message: 'Customer account 1002 not found.',
    })
    expect(refused(() => accountFromPath(state, '12345678901')).status).toBe(400)
    expect(refused(() => accountFromPath(state, '1234567890')).status).toBe(404)
    for (const raw of ['', 'x1001', '1001x', '-1', '10.1'])
      expect(refused(() => accountFromPath(state, raw)).message, raw).toBe('Missing or invalid parameter: accountId must be an integer.')
    expect(refused(() => accountFromPath(state, 'abc', 'customerId')).message).toBe(
      'Missing or invalid parameter: customerId must be an integer.',
    )
  })
})
