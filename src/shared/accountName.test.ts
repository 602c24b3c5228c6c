import { describe, expect, it } from 'vitest'
import { accountName, accountNameOrLogin, accountTitle } from './accountName'

describe('account names', () => {
  it('is the person’s own name, trimmed, with missing or blank parts left out', () => {
    expect(accountName({ firstName: ' Ada ', lastName: 'Lovelace' })).toBe('Ada Lovelace')
    expect(accountName({ firstName: '', lastName: 'Lovelace' })).toBe('Lovelace')
    expect(accountName({ firstName: '  ', lastName: null, companyOrOrganization: 'Acme' })).toBe('Acme')
  })

  it('falls back to the company, then the first contact’s name', () => {
    expect(accountName({ companyOrOrganization: 'Acme Corp', contacts: [{ firstName: 'Bo' }] })).toBe('Acme Corp')
    expect(accountName({ contacts: [{ firstName: 'Bo', lastNameOrSurname: 'Berg' }, { firstName: 'X' }] })).toBe('Bo Berg')
    expect(accountName({ contacts: [], emailAddress: 'a@b.c' })).toBe('')
    expect(accountName({ firstName: 7 as unknown as string })).toBe('')
  })

  it('names by login when there is no name, and never leaves a title empty', () => {
    expect(accountNameOrLogin({ emailAddress: 'ada@example.com', userName: 'ada' })).toBe('ada@example.com')
    expect(accountNameOrLogin({ userName: 'ada' })).toBe('ada')
    expect(accountNameOrLogin({ id: 5 })).toBe('')
    expect(accountTitle({ firstName: 'Ada', emailAddress: 'ada@example.com' })).toBe('Ada')
    expect(accountTitle({ id: 1005 })).toBe('Account 1005')
    expect(accountTitle({})).toBe('Account')
  })
})
