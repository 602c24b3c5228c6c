import { describe, expect, it } from 'vitest'
import { findPath, validateRequest, validateResponse, validateSchema } from './openapi'

const account = {
  id: 1001,
  emailAddress: null, // nullable in the spec
  firstName: 'Ada',
  auditInfo: { createDate: '2024-01-02T03:04:05.000Z', updateDate: null, createBy: 'x', updateBy: null },
  contacts: [{ id: 5, address: { cityOrTown: 'Berlin', isValidated: null } }],
  isActive: true,
}

describe('validateResponse', () => {
  it('accepts a valid account and honors nullable', () => {
    expect(validateResponse('GET', '/commerce/customer/accounts/{accountId}', 200, account)).toEqual([])
    expect(validateResponse('get', '/api/commerce/customer/accounts/{accountId}', 200, account, { strict: true })).toEqual([])
  })

  it('rejects wrong types, including null where the spec does not allow it', () => {
    const errors = validateResponse('GET', '/commerce/customer/accounts/{accountId}', 200, { ...account, id: 'x', isActive: null })
    expect(errors.join('\n')).toMatch(/\/id must be integer/)
    expect(errors.join('\n')).toMatch(/\/isActive must be boolean/)
  })

  it('checks formats: date-time and int32', () => {
    const bad = { ...account, id: 2 ** 40, auditInfo: { createDate: 'yesterday' } }
    const errors = validateResponse('GET', '/commerce/customer/accounts/{accountId}', 200, bad).join('\n')
    expect(errors).toMatch(/\/id must match format "int32"/)
    expect(errors).toMatch(/createDate must match format "date-time"/)
  })

  it('merges allOf so strict mode knows AccountBase properties and rejects unknown ones', () => {
    const typo = { ...account, emailAdress: 'a@example.com', contacts: [{ id: 1, adress: {} }] }
    expect(validateResponse('GET', '/commerce/customer/accounts/{accountId}', 200, typo)).toEqual([])
    const strict = validateResponse('GET', '/commerce/customer/accounts/{accountId}', 200, typo, { strict: true })
    expect(strict).toContain('response has a property the spec does not declare: emailAdress')
    expect(strict).toContain('response/contacts/0 has a property the spec does not declare: adress')
  })

  it('finds the app development document and its closed schemas', () => {
    const ok = { access_token: 'a', token_type: 'bearer', expires_in: 3600, refresh_token: 'r' }
    expect(validateResponse('POST', '/platform/applications/authtickets/oauth', 200, ok)).toEqual([])
    expect(validateResponse('POST', '/platform/applications/authtickets/oauth', 200, { ...ok, extra: 1 }).length).toBe(1)
  })

  it('reports undeclared statuses and unknown paths', () => {
    expect(validateResponse('GET', '/commerce/customer/accounts', 401, {})[0]).toMatch(/declares no 401/)
    expect(validateResponse('GET', '/nope', 200, {})[0]).toMatch(/no path/)
  })
})

describe('validateRequest', () => {
  it('prefers literal path segments over parameters', () => {
    expect(findPath('/api/commerce/customer/accounts/1001')?.template).toBe('/commerce/customer/accounts/{accountId}')
    expect(findPath('/commerce/customer/authtickets/impersonatecart')?.template).toBe('/commerce/customer/authtickets/impersonatecart')
  })

  it('accepts a well-formed impersonatecart call', () => {
    const errors = validateRequest({
      method: 'POST',
      path: '/api/commerce/customer/authtickets/impersonatecart',
      query: { responseFields: 'accessToken' },
      body: { cartId: 'abc', accountId: 1001, userId: null },
    })
    expect(errors).toEqual([])
  })

  it('rejects undeclared or mistyped query parameters, bad path params, bad bodies and missing methods', () => {
    expect(validateRequest({ method: 'GET', path: '/api/commerce/customer/accounts', query: { pagesize: '5' } })[0]).toMatch(
      /query parameter pagesize is not declared/,
    )
    expect(validateRequest({ method: 'GET', path: '/api/commerce/customer/accounts?pageSize=five' })[0]).toMatch(/must be an integer/)
    expect(validateRequest({ method: 'GET', path: '/api/commerce/customer/accounts?isAnonymous=yes' })[0]).toMatch(/true or false/)
    expect(validateRequest({ method: 'GET', path: '/api/commerce/customer/accounts/abc' })[0]).toMatch(/accountId must be an integer/)
    expect(
      validateRequest({ method: 'POST', path: '/commerce/customer/authtickets/impersonatecart', body: { accountId: '1001' } })[0],
    ).toMatch(/body\/accountId must be integer/)
    expect(
      validateRequest({
        method: 'POST',
        path: '/api/platform/applications/authtickets/oauth',
        body: { client_id: 'a', clientSecret: 'b' },
      }),
    ).toHaveLength(1)
    expect(validateRequest({ method: 'PATCH', path: '/api/commerce/customer/accounts/1' })[0]).toMatch(/not an operation/)
    expect(validateRequest({ method: 'GET', path: '/api/commerce/customer/accounts', body: {} })[0]).toMatch(/takes no JSON request body/)
  })

  it('validates named schemas', () => {
    expect(validateSchema('CartAuthTicketRequest', { cartId: null })).toEqual([])
    expect(validateSchema('CartAuthTicketRequest', { cart: 'x' }, { strict: true })).toHaveLength(1)
    expect(validateSchema('Nope', {})[0]).toMatch(/no schema/)
  })
})
