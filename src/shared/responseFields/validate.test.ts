import { describe, expect, it } from 'vitest'
import { customerAccountFields, customerAuthTicketFields } from '../kiboFields'
import { parseResponseFields } from './parse'
import { levenshtein, nearestName } from './suggest'
import { checkResponseFields, findFieldSpec, validateResponseFields } from './validate'

describe('validateResponseFields', () => {
  it('accepts the README example for impersonatecart', () => {
    const check = checkResponseFields(
      'accessToken,customerAccount(id,emailAddress,contacts(id,address(cityOrTown)))',
      customerAuthTicketFields,
    )
    expect(check.syntaxOk).toBe(true)
    expect(check.problems).toEqual([])
    expect(check.fields).toHaveLength(2)
  })

  it('suggests the nearest sibling for an unknown name', () => {
    const text = 'customerAccount(emailAdress)'
    expect(checkResponseFields(text, customerAuthTicketFields).problems).toEqual([
      {
        message: "Unknown field 'emailAdress' in 'customerAccount'. Did you mean 'emailAddress'?",
        position: 16,
        length: 11,
        suggestion: 'emailAddress',
      },
    ])
  })

  it('prefers a case-insensitive match, and names the level in the message', () => {
    const problems = checkResponseFields('EmailAddress, contacts(address(CityOrTown))', customerAccountFields).problems
    expect(problems.map((p) => [p.position, p.length, p.suggestion])).toEqual([
      [0, 12, 'emailAddress'],
      [31, 10, 'cityOrTown'],
    ])
    expect(problems[1].message).toContain("in 'contacts.address'")
  })

  it('gives no suggestion when nothing is close', () => {
    const [problem] = checkResponseFields('zzzzzz', customerAccountFields).problems
    expect(problem).toEqual({ message: "Unknown field 'zzzzzz'.", position: 0, length: 6 })
  })

  it('reports selections inside scalars, covering the whole node, suggesting the bare name', () => {
    const text = 'id, emailAddress(foo), attributes(values(x))'
    const problems = checkResponseFields(text, customerAccountFields).problems
    expect(problems).toEqual([
      {
        message: "'emailAddress' has no fields inside: remove the parentheses to keep it.",
        position: 4,
        length: 17,
        suggestion: 'emailAddress',
      },
      expect.objectContaining({ position: 34, length: 9, suggestion: 'values' }),
    ])
  })

  it('walks through arrays: selections apply to their items', () => {
    expect(checkResponseFields('segments(code,auditInfo(updateDate)),notes(content)', customerAccountFields).problems).toEqual([])
    expect(checkResponseFields('segments(cod)', customerAccountFields).problems[0]).toMatchObject({ position: 9, suggestion: 'code' })
  })

  it('reports every problem, in text order', () => {
    const problems = checkResponseFields('custmerAccount(x), accesToken', customerAuthTicketFields).problems
    expect(problems.map((p) => p.suggestion)).toEqual(['customerAccount', 'accessToken'])
  })

  it('returns the syntax error alone when the text does not parse', () => {
    expect(checkResponseFields('a,,b', customerAccountFields)).toEqual({
      fields: [],
      problems: [expect.objectContaining({ position: 2 })],
      syntaxOk: false,
    })
    expect(checkResponseFields('', customerAccountFields)).toEqual({ fields: [], problems: [], syntaxOk: true })
  })

  it('validateResponseFields works on parsed nodes directly', () => {
    const parsed = parseResponseFields('commerceSummary(totalOrderAmount(amount,currencyCod))')
    if (!parsed.ok) throw new Error('should parse')
    expect(validateResponseFields(parsed.fields, customerAccountFields)).toEqual([
      expect.objectContaining({ suggestion: 'currencyCode', position: 40 }),
    ])
  })

  it('findFieldSpec follows paths through arrays', () => {
    expect(findFieldSpec(customerAuthTicketFields, ['customerAccount', 'contacts', 'address', 'countryCode'])?.type).toBe('string')
    expect(findFieldSpec(customerAccountFields, ['contacts', 'nope'])).toBeUndefined()
    expect(findFieldSpec(customerAccountFields, ['emailAddress', 'x'])).toBeUndefined()
  })
})

describe('nearestName', () => {
  const names = ['emailAddress', 'firstName', 'lastName', 'isActive', 'id']
  it('finds typos, case slips and prefixes', () => {
    expect(nearestName('emailAdress', names)).toBe('emailAddress')
    expect(nearestName('FIRSTNAME', names)).toBe('firstName')
    expect(nearestName('lastNmae', names)).toBe('lastName')
    expect(nearestName('email', names)).toBe('emailAddress')
    expect(nearestName('ix', names)).toBe('id')
    expect(nearestName('completelyDifferent', names)).toBeUndefined()
  })
  it('levenshtein counts edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3)
    expect(levenshtein('', 'abc')).toBe(3)
    expect(levenshtein('same', 'same')).toBe(0)
  })
})
