import { describe, expect, it } from 'vitest'
import { printResponseFields } from '../../../shared/responseFields'
import { accountPart, intersect, parseSelection } from './selection'

const print = (s: ReturnType<typeof parseSelection>) => (s === null ? null : printResponseFields(s))

describe('selection', () => {
  it('treats empty text as everything', () => {
    expect(parseSelection('')).toBeNull()
    expect(parseSelection('   ')).toBeNull()
  })
  it('takes the account part of a ticket selection', () => {
    expect(print(accountPart(parseSelection('accessToken,customerAccount(id,contacts(email))')))).toBe('id,contacts(email)')
    expect(print(accountPart(parseSelection('userId')))).toBe('')
    expect(accountPart(parseSelection('customerAccount'))).toBeNull()
  })
  it('reads a selection written against the account itself as it is', () => {
    expect(print(accountPart(parseSelection('emailAddress,contacts(email)')))).toBe('emailAddress,contacts(email)')
    expect(print(accountPart(parseSelection('accessToken,userId')))).toBe('')
  })
  it('intersects selections, a bare name meaning the whole subtree', () => {
    const a = parseSelection('id,contacts(email,address),notes')
    const b = parseSelection('contacts(address(cityOrTown)),id,segments')
    expect(print(intersect(a, b))).toBe('id,contacts(address(cityOrTown))')
    expect(print(intersect(null, b))).toBe(print(b))
    expect(print(intersect(a, null))).toBe(print(a))
  })
})
