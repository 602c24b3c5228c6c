import { describe, expect, it } from 'vitest'
import type { FieldSpec } from '../kiboFields'
import { compileAccountFilter, type AccountFilterError } from './index'

const ada = {
  id: 1,
  emailAddress: 'Ada@Example.com',
  firstName: 'Ada',
  lastName: 'Smith',
  isActive: true,
  isLocked: false,
  taxExempt: false,
  externalId: 'ext-1',
  commerceSummary: { orderCount: 7, totalOrderAmount: { amount: 120.5, currencyCode: 'USD' } },
  auditInfo: { createDate: '2023-05-01T10:00:00Z', updateDate: '2024-02-03T08:00:00Z' },
  segments: [
    { id: 1, code: 'NEWS', name: 'Newsletter' },
    { id: 2, code: 'VIP', name: 'Very important' },
  ],
  contacts: [
    { id: 10, email: 'ada@work.com', address: { countryCode: 'FR', cityOrTown: 'Paris' }, types: [{ name: 'Billing', isPrimary: false }] },
    { id: 11, email: null, address: { countryCode: 'CA', cityOrTown: 'Toronto' }, types: [{ name: 'Shipping', isPrimary: true }] },
  ],
  attributes: [{ fullyQualifiedName: 'tenant~size', values: ['M', 42] }],
}

const bob = {
  id: 2,
  emailAddress: 'bob@other.org',
  firstName: 'Bob',
  lastName: 'Jones',
  isActive: false,
  isLocked: true,
  taxExempt: true,
  externalId: null,
  commerceSummary: { orderCount: 2 },
  auditInfo: { createDate: '2022-01-01T00:00:00Z', updateDate: '2023-12-31T23:59:59Z' },
  segments: [],
  contacts: [{ id: 20, email: 'b@x.org', address: { countryCode: 'US' } }],
}

const cleo = { id: 3, lastName: 'Smythe', isActive: false }

const everyone = [ada, bob, cleo]

/** Ids of the accounts the filter keeps. */
function ids(text: string, accounts: object[] = everyone): number[] {
  const result = compileAccountFilter(text)
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to compile: ${result.error.message}`)
  return accounts.filter(result.test).map((account) => (account as { id: number }).id)
}

function errorOf(text: string, root?: FieldSpec[]): AccountFilterError {
  const result = compileAccountFilter(text, root)
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`)
  return result.error
}

describe('compileAccountFilter', () => {
  it('runs the examples', () => {
    expect(ids('commerceSummary.orderCount > 5 and segments.code = "VIP"')).toEqual([1])
    expect(ids('emailAddress contains "@example.com"')).toEqual([1])
    expect(ids('not isLocked')).toEqual([1, 3])
    expect(ids('(isActive = true or taxExempt = true) and lastName startswith "Sm"')).toEqual([1])
    expect(ids('auditInfo.updateDate >= "2024-01-01"')).toEqual([1])
    expect(ids('contacts.address.countryCode in ("US","CA")')).toEqual([1, 2])
    expect(ids('externalId exists')).toEqual([1])
  })

  it('blank text matches every account', () => {
    const result = compileAccountFilter('   ')
    expect(result.ok && result.paths).toEqual([])
    expect(ids('')).toEqual([1, 2, 3])
  })

  it('reports the paths it reads, once each', () => {
    const result = compileAccountFilter('segments.code = "A" or segments.code = "B" or not isLocked and contacts.email exists')
    expect(result.ok && result.paths).toEqual([['segments', 'code'], ['isLocked'], ['contacts', 'email']])
  })

  describe('operators', () => {
    it('= and != on text ignore case; != is "no element equals"', () => {
      expect(ids('lastName = "smith"')).toEqual([1])
      expect(ids('lastName != "SMITH"')).toEqual([2, 3])
      expect(ids('segments.code != "vip"')).toEqual([2, 3])
      expect(ids('lastName == "Jones"')).toEqual([2])
      expect(ids('lastName <> "Jones"')).toEqual([1, 3])
    })

    it('= on numbers, booleans and null (null also matches missing)', () => {
      expect(ids('id = 2')).toEqual([2])
      expect(ids('commerceSummary.totalOrderAmount.amount = 120.5')).toEqual([1])
      expect(ids('isActive = false')).toEqual([2, 3])
      expect(ids('externalId = null')).toEqual([2, 3])
      expect(ids('externalId != null')).toEqual([1])
    })

    it('ordering on numbers and on ISO dates as text', () => {
      expect(ids('commerceSummary.orderCount > 2')).toEqual([1])
      expect(ids('commerceSummary.orderCount >= 2')).toEqual([1, 2])
      expect(ids('commerceSummary.orderCount < 7')).toEqual([2])
      expect(ids('commerceSummary.orderCount <= 7')).toEqual([1, 2])
      expect(ids('commerceSummary.orderCount > -1')).toEqual([1, 2])
      expect(ids('auditInfo.createDate < "2023"')).toEqual([2])
      expect(ids('auditInfo.updateDate <= "2023-12-31T23:59:59Z"')).toEqual([2])
      expect(ids('lastName > "Sm"')).toEqual([1, 3])
    })

    it('contains, startswith, endswith ignore case, and can be negated', () => {
      expect(ids('emailAddress contains "EXAMPLE"')).toEqual([1])
      expect(ids('lastName startswith "sm"')).toEqual([1, 3])
      expect(ids('emailAddress endswith ".ORG"')).toEqual([2])
      expect(ids('emailAddress not contains "example"')).toEqual([2, 3])
      expect(ids('contacts.email endswith "@work.com"')).toEqual([1])
      expect(ids('lastName CONTAINS "ones"')).toEqual([2])
    })

    it('in (...) with text, numbers and null, and not in', () => {
      expect(ids('id in (1, 3)')).toEqual([1, 3])
      expect(ids('lastName in ("jones", "SMYTHE")')).toEqual([2, 3])
      expect(ids('emailAddress in (null)')).toEqual([3])
      expect(ids('contacts.address.countryCode not in ("US")')).toEqual([1, 3])
    })

    it('exists and not exists', () => {
      expect(ids('commerceSummary exists')).toEqual([1, 2])
      expect(ids('contacts exists')).toEqual([1, 2])
      expect(ids('segments exists')).toEqual([1])
      expect(ids('emailAddress not exists')).toEqual([3])
      expect(ids('commerceSummary.totalOrderAmount.amount exists')).toEqual([1])
    })

    it('a bare boolean field is true when the field is true', () => {
      expect(ids('isActive')).toEqual([1])
      expect(ids('not isActive')).toEqual([2, 3])
      expect(ids('contacts.types.isPrimary')).toEqual([1])
    })

    it('decodes escapes in text', () => {
      const quoted = { id: 9, lastName: 'O"Brien\\x\n\u00e9' }
      expect(ids('lastName = "O\\"Brien\\\\x\\n\\u00e9"', [quoted])).toEqual([9])
      expect(ids('lastName contains "\\u00C9"', [quoted])).toEqual([9])
    })
  })

  describe('arrays: a condition holds when any element matches', () => {
    it('through arrays of objects and nested arrays', () => {
      expect(ids('segments.code = "NEWS"')).toEqual([1])
      expect(ids('contacts.types.name = "shipping"')).toEqual([1])
      expect(ids('contacts.address.cityOrTown = "toronto" and contacts.address.countryCode = "FR"')).toEqual([1])
    })

    it('arrays of plain values are transparent too', () => {
      expect(ids('attributes.values = "m"')).toEqual([1])
      expect(ids('attributes.values = 42')).toEqual([1])
      expect(ids('attributes.values > 40')).toEqual([1])
    })

    it('an empty or missing array counts as a missing value', () => {
      expect(ids('segments.code = null')).toEqual([2, 3])
      expect(ids('segments.code exists')).toEqual([1])
      expect(ids('not segments.code exists')).toEqual([2, 3])
    })

    it('top-level arrays and odd values do not throw', () => {
      const result = compileAccountFilter('lastName = "Smith"')
      if (!result.ok) throw new Error('should compile')
      expect(result.test([cleo, ada])).toBe(true)
      expect(result.test(null)).toBe(false)
      expect(result.test('Smith')).toBe(false)
      expect(result.test({ lastName: 5 })).toBe(false)
    })
  })

  describe('precedence', () => {
    it('and binds tighter than or', () => {
      // id = 3 or (isActive and taxExempt) keeps cleo; (id = 3 or isActive) and taxExempt keeps nobody.
      expect(ids('id = 3 or isActive and taxExempt')).toEqual([3])
      expect(ids('(id = 3 or isActive) and taxExempt')).toEqual([])
      expect(ids('isLocked or isActive and id = 1')).toEqual([1, 2])
      expect(ids('isActive and id = 1 or isLocked')).toEqual([1, 2])
    })

    it('not binds tightest, parentheses override', () => {
      expect(ids('not isActive and id = 2')).toEqual([2])
      expect(ids('not (isActive or id = 2)')).toEqual([3])
      expect(ids('not not isActive')).toEqual([1])
      expect(ids('((id = 1))')).toEqual([1])
    })

    it('keywords are case-insensitive', () => {
      expect(ids('NOT isLocked AND lastName StartsWith "s" Or id In (2)')).toEqual([1, 2, 3])
    })
  })

  describe('errors point at the problem', () => {
    it('unknown fields, with a suggestion, at the bad name', () => {
      expect(errorOf('isActive and emailAdress contains "x"')).toEqual({
        message: "Unknown field 'emailAdress'. Did you mean 'emailAddress'?",
        position: 13,
        length: 11,
        suggestion: 'emailAddress',
      })
      expect(errorOf('commerceSummary.ordrCount > 1')).toMatchObject({
        message: "Unknown field 'ordrCount' in 'commerceSummary'. Did you mean 'orderCount'?",
        position: 16,
        length: 9,
        suggestion: 'orderCount',
      })
      expect(errorOf('segments.cod = "x"')).toMatchObject({ position: 9, suggestion: 'code' })
      expect(errorOf('emailAddress.domain = "x"')).toMatchObject({
        position: 13,
        length: 6,
        message: expect.stringContaining('no fields inside'),
      })
    })

    it('field names match ignoring case, as Kibo matches them, and report the schema spelling', () => {
      expect(ids('commerceSummary.ordercount > 2')).toEqual([1])
      const result = compileAccountFilter('LASTNAME eq "smith" and Contacts.Address.CountryCode eq "FR"')
      expect(result.ok && result.paths).toEqual([['lastName'], ['contacts', 'address', 'countryCode']])
    })

    it('values that the field cannot hold, at the value', () => {
      expect(errorOf('id = "abc"')).toMatchObject({ position: 5, length: 5, message: "'id' is a number, and 'abc' is not one." })
      expect(errorOf('auditInfo.updateDate >= "last year"')).toMatchObject({ position: 24, message: expect.stringContaining('date-time') })
      expect(errorOf('isActive = "yes"')).toMatchObject({ position: 11, length: 5 })
      expect(errorOf('isActive > true')).toMatchObject({ position: 9, length: 1 })
      expect(errorOf('id > null')).toMatchObject({ position: 5, length: 4 })
      expect(errorOf('id contains "1"')).toMatchObject({ position: 0, length: 2, message: "'cont' works on text, and 'id' is a number." })
      expect(errorOf('id in (1, "x2")')).toMatchObject({ position: 10, length: 4 })
      expect(errorOf('id = 12abc')).toMatchObject({ position: 5, length: 5 })
    })

    it('values mean what the field holds, quoted or not, as in Kibo', () => {
      expect(ids('id = "2"')).toEqual([2])
      expect(ids("id eq '2' or id eq 3")).toEqual([2, 3])
      expect(ids('isActive eq "TRUE"')).toEqual([1])
      expect(ids('lastName eq Smith')).toEqual([1])
      expect(ids('lastName = Smith')).toEqual([1])
      expect(
        ids('taxId eq 123', [
          { id: 5, taxId: '123' },
          { id: 6, taxId: '0123' },
        ]),
      ).toEqual([5])
      expect(
        ids('taxId eq 0123', [
          { id: 5, taxId: '123' },
          { id: 6, taxId: '0123' },
        ]),
      ).toEqual([6])
      expect(ids('emailAddress eq ada@example.com')).toEqual([1])
    })

    it('groups and non-boolean flags', () => {
      expect(errorOf('commerceSummary > 1')).toMatchObject({
        position: 0,
        length: 15,
        message: expect.stringContaining('commerceSummary.totalOrderAmount'),
      })
      expect(errorOf('segments = "VIP"')).toMatchObject({ position: 0, length: 8 })
      expect(errorOf('isActive and externalId')).toMatchObject({ position: 13, length: 10, suggestion: 'externalId ne null' })
      // eq null / ne null ask whether a group is there at all.
      expect(ids('commerceSummary ne null')).toEqual([1, 2])
      expect(ids('commerceSummary eq null')).toEqual([3])
    })

    it('syntax: operators, values and words', () => {
      expect(errorOf('lastName is "x"')).toMatchObject({
        position: 9,
        length: 2,
        message: expect.stringContaining("Unknown operator 'is'"),
      })
      expect(errorOf('isActive isLocked')).toMatchObject({ position: 9, length: 8 })
      expect(errorOf('id = 1 id = 2')).toMatchObject({ position: 7, length: 2, message: "Expected 'and' or 'or' before 'id'." })
      expect(errorOf('"x" = lastName')).toMatchObject({ position: 0, length: 3 })
      expect(errorOf('and isActive')).toMatchObject({ position: 0, length: 3 })
      expect(errorOf('lastName not = "x"')).toMatchObject({ position: 13, length: 1 })
      expect(errorOf('lastName = "x" > 3')).toMatchObject({ position: 15, length: 1 })
      expect(errorOf('lastName eq and id eq 1')).toMatchObject({
        position: 12,
        length: 3,
        message: "Expected a value after 'eq', found 'and'.",
      })
      expect(errorOf('lastName eq = "x"')).toMatchObject({ position: 12, length: 1 })
    })

    it('syntax: characters and text', () => {
      expect(errorOf('isActive && isLocked')).toMatchObject({ position: 9, length: 2, suggestion: 'and' })
      expect(errorOf('isActive || isLocked')).toMatchObject({ position: 9, length: 2, suggestion: 'or' })
      expect(errorOf('!isLocked')).toMatchObject({ position: 0, length: 1 })
      expect(errorOf('lastName = "abc')).toMatchObject({ position: 11, length: 4, message: expect.stringContaining('Unclosed text') })
      expect(errorOf("lastName = 'abc")).toMatchObject({ position: 11, length: 4, message: "Unclosed text: add a closing '." })
      expect(errorOf('lastName = "a\\qb"')).toMatchObject({ position: 13, length: 2, message: expect.stringContaining('Bad escape') })
      expect(errorOf('lastName = "\\u12"')).toMatchObject({ position: 12, message: expect.stringContaining('four hex digits') })
      expect(errorOf('id = 1 # comment')).toMatchObject({ position: 7, length: 1, message: "Unexpected character '#'." })
      expect(errorOf('id = 1\u0001')).toMatchObject({ position: 6, length: 1, message: 'Unexpected character U+0001.' })
    })

    it('checks against another field tree when given one', () => {
      const root: FieldSpec[] = [{ name: 'code', type: 'string' }]
      expect(compileAccountFilter('code = "a"', root).ok).toBe(true)
      expect(errorOf('emailAddress = "a"', root)).toMatchObject({ position: 0, length: 12 })
    })
  })
})
