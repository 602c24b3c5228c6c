import { describe, expect, it } from 'vitest'
import type { TicketView } from '../../../shared/contract'
import { parseResponseFields, ResponseFieldsSyntaxError, projectFields } from '../../../shared/responseFields'
import { accountFieldsProblem, errorBelongs, errorScopeOf, successClears, ticketFor, ticketRequestFields } from './subject'

const ticket = (accountId: number | null | undefined): TicketView => ({
  userId: 'u-1',
  accessTokenExpiration: null,
  refreshTokenExpiration: null,
  hasRefreshToken: true,
  jwt: null,
  issuedAt: '2026-01-01T00:00:00Z',
  ...(accountId !== undefined ? { accountId } : {}),
})

describe('ticketFor: a ticket is shown only beside the customer it impersonates', () => {
  it('shows the ticket of the impersonated account', () => {
    expect(ticketFor({ source: 'impersonation', profileId: 'p', account: { id: 1001 } }, ticket(1001))).not.toBeNull()
  })
  it('never shows 1001’s ticket beside account 1005 opened from a search', () => {
    expect(ticketFor({ source: 'account', profileId: 'p', account: { id: 1005 } }, ticket(1001))).toBeNull()
  })
  it('shows it beside the same account opened live', () => {
    expect(ticketFor({ source: 'account', profileId: 'p', account: { id: 1001 } }, ticket(1001))).not.toBeNull()
  })
  it('a file has no ticket', () => {
    expect(ticketFor({ source: 'file', profileId: null, account: { id: 1001 } }, ticket(1001))).toBeNull()
  })
  it('without an account id only the impersonation that made it claims it', () => {
    expect(ticketFor({ source: 'impersonation', profileId: 'p', account: null }, ticket(undefined))).not.toBeNull()
    expect(ticketFor({ source: 'account', profileId: 'p', account: { id: 7 } }, ticket(undefined))).toBeNull()
    expect(ticketFor(null, ticket(1))).toBeNull()
  })
})

describe('errors belong to what produced them', () => {
  it('scopes Kibo calls to the active profile and file calls to the files', () => {
    expect(errorScopeOf('kibo.impersonate', 'a')).toBe('profile:a')
    expect(errorScopeOf('datasets.open', 'a')).toBe('files')
    expect(errorScopeOf('compare.accounts', 'a')).toBe('files')
    expect(errorScopeOf('app.info', 'a')).toBe('app')
  })
  it('a profile’s error leaves when another profile is active; a file’s stays', () => {
    expect(errorBelongs('profile:a', 'a')).toBe(true)
    expect(errorBelongs('profile:a', 'b')).toBe(false)
    expect(errorBelongs('files', 'b')).toBe(true)
  })
  it('a request that produces data clears; a list refresh does not', () => {
    expect(successClears('datasets.open')).toBe(true)
    expect(successClears('kibo.impersonate')).toBe(true)
    expect(successClears('profiles.list')).toBe(false)
  })
})

describe('responseFields are written against the account everywhere', () => {
  it('wraps the account expression for impersonatecart and adds what the app needs', () => {
    const sent = ticketRequestFields('id,firstName,contacts(email)')
    const parsed = parseResponseFields(sent)
    expect(parsed.ok).toBe(true)
    const answer = {
      customerAccount: { id: 1, firstName: 'A', lastName: 'B', contacts: [{ email: 'e', id: 3 }] },
      accessToken: 't',
      accessTokenExpiration: 'x',
      refreshToken: 'r',
      refreshTokenExpiration: 'y',
      userId: 'u',
    }
    expect(projectFields(answer, sent)).toEqual({ ...answer, customerAccount: { id: 1, firstName: 'A', contacts: [{ email: 'e' }] } })
  })
  it('empty asks for everything; the old ticket form passes as written', () => {
    expect(ticketRequestFields('  ')).toBe('')
    expect(ticketRequestFields('customerAccount(id)')).toBe('customerAccount(id)')
  })
  it('the natural account expression is valid; a ticket-only field is not', () => {
    expect(accountFieldsProblem('id,firstName,contacts(email)')).toBeNull()
    expect(accountFieldsProblem('')).toBeNull()
    expect(accountFieldsProblem('id,accessToken')?.message).toMatch(/accessToken/)
    // Saved the old way, against the ticket: still valid, sent as written.
    expect(accountFieldsProblem('customerAccount(id,firstName)')).toBeNull()
    expect(accountFieldsProblem('customerAccount(nope)')?.message).toMatch(/nope/)
  })
})

describe('positions are 1-based in every message', () => {
  it('the projector’s syntax error counts from 1, as the inline error does', () => {
    // 'a,,b': the empty name is the third character.
    expect(() => projectFields({}, 'a,,b')).toThrow(ResponseFieldsSyntaxError)
    expect(() => projectFields({}, 'a,,b')).toThrow(/at character 3:/)
  })
})
