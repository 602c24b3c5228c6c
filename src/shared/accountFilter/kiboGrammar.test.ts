// Kibo's filter grammar, which the Files filter, the live search form and the emulator share.
import { describe, expect, it } from 'vitest'
import { compileAccountFilter, describeFilterError, type AccountFilterError, type FilterDialect } from './index'

const accounts = [
  {
    id: 1,
    lastName: "O'Brien",
    emailAddress: 'ada@example.com',
    isActive: true,
    commerceSummary: { orderCount: 7 },
    auditInfo: { createDate: '2024-01-10T00:00:00.000Z' },
    segments: [{ code: 'VIP' }, { code: 'NEWS' }],
  },
  {
    id: 2,
    lastName: 'Smith',
    emailAddress: 'bob@other.org',
    isActive: false,
    commerceSummary: { orderCount: 2 },
    auditInfo: { createDate: '2023-06-01T12:00:00+02:00' },
    segments: [],
  },
  { id: 3, lastName: 'smythe', isActive: true, auditInfo: { createDate: '2025-02-01T00:00:00Z' } },
]

function ids(text: string, dialect: FilterDialect = 'kibo'): number[] {
  const result = compileAccountFilter(text, { dialect })
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to compile (${dialect}): ${result.error.message}`)
  return accounts.filter(result.test).map((account) => account.id)
}

/** Both dialects give the same answer for what Kibo takes: copied from a live search, it works on a file. */
function both(text: string): number[] {
  const kibo = ids(text, 'kibo')
  expect(ids(text, 'offline')).toEqual(kibo)
  return kibo
}

function errorOf(text: string, dialect: FilterDialect = 'kibo'): AccountFilterError {
  const result = compileAccountFilter(text, { dialect })
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`)
  return result.error
}

describe("Kibo's operators", () => {
  it('eq ne, text ignoring case', () => {
    expect(both("lastName eq 'smith'")).toEqual([2])
    expect(both("lastName ne 'SMITH'")).toEqual([1, 3])
    expect(both('id eq 2')).toEqual([2])
    expect(both('isActive eq false')).toEqual([2])
    expect(both('isActive ne true')).toEqual([2])
  })

  it('gt ge lt le on numbers, text and dates (as instants, any precision or zone)', () => {
    expect(both('commerceSummary.orderCount gt 2')).toEqual([1])
    expect(both('commerceSummary.orderCount ge 2')).toEqual([1, 2])
    expect(both('commerceSummary.orderCount lt 7')).toEqual([2])
    expect(both('commerceSummary.orderCount le 7')).toEqual([1, 2])
    expect(both("lastName gt 'sm'")).toEqual([2, 3])
    expect(both('auditInfo.createDate lt 2024-01-01')).toEqual([2])
    expect(both("auditInfo.createDate ge '2024-01-10T00:00:00Z'")).toEqual([1, 3])
    expect(both('auditInfo.createDate eq 2023-06-01T10:00:00z')).toEqual([2])
    expect(both('auditInfo.createDate le 2023-06-01T12:00:00+0200')).toEqual([2])
  })

  it('sw and cont', () => {
    expect(both("lastName sw 'SM'")).toEqual([2, 3])
    expect(both("emailAddress cont 'EXAMPLE'")).toEqual([1])
    expect(both('emailAddress sw ada@')).toEqual([1])
  })

  it('in, with parentheses or brackets', () => {
    expect(both('id in (1, 3)')).toEqual([1, 3])
    expect(both("lastName in ['smith', 'SMYTHE']")).toEqual([2, 3])
    expect(both('segments.code in (news)')).toEqual([1])
  })

  it('null: eq null is missing, ne null is there', () => {
    expect(both('emailAddress eq null')).toEqual([3])
    expect(both('emailAddress ne null')).toEqual([1, 2])
    expect(both('segments.code eq null')).toEqual([2, 3])
  })

  it('arrays: any element matches; ne means no element equals', () => {
    expect(both("segments.code eq 'vip'")).toEqual([1])
    expect(both("segments.code ne 'vip'")).toEqual([2, 3])
  })
})

describe('precedence and grouping', () => {
  it('and binds tighter than or; parentheses override', () => {
    expect(both('id eq 3 or isActive eq false and id eq 1')).toEqual([3])
    expect(both('(id eq 3 or isActive eq false) and id ne 1')).toEqual([2, 3])
    expect(both("((id eq 1) or (lastName sw 's' and isActive eq true))")).toEqual([1, 3])
  })

  it('keywords and operators in any case', () => {
    expect(both("ID GT 1 AND lastName SW 'Sm' Or id Eq 1")).toEqual([1, 2, 3])
  })
})

describe('quoting as Kibo does', () => {
  it('single or double quotes; a doubled quote or a backslash escapes; unquoted words', () => {
    expect(both("lastName eq 'O''Brien'")).toEqual([1])
    expect(both("lastName eq 'O\\'Brien'")).toEqual([1])
    expect(both('lastName eq "O\'Brien"')).toEqual([1])
    expect(both('lastName eq Smith')).toEqual([2])
    expect(both("lastName eq 'and'")).toEqual([])
    expect(both("id eq '2'")).toEqual([2])
  })
})

describe('errors: positioned, with suggestions', () => {
  it('the live form refuses the offline spellings and offers Kibo’s', () => {
    expect(errorOf("lastName = 'x'")).toEqual({ message: "Kibo's filter has no '=': write eq.", position: 9, length: 1, suggestion: 'eq' })
    expect(errorOf("lastName >= 'x'")).toMatchObject({ position: 9, length: 2, suggestion: 'ge' })
    expect(errorOf("lastName contains 'x'")).toMatchObject({ position: 9, length: 8, suggestion: 'cont' })
    expect(errorOf("lastName startswith 'x'")).toMatchObject({ position: 9, length: 10, suggestion: 'sw' })
    expect(errorOf('emailAddress exists')).toMatchObject({ position: 13, length: 6, suggestion: 'ne null' })
    expect(errorOf('isActive and id eq 1')).toMatchObject({ position: 0, length: 8, suggestion: 'isActive eq true' })
    expect(errorOf('not isActive eq true')).toMatchObject({ position: 0, length: 3, message: expect.stringContaining("no 'not'") })
    expect(errorOf("lastName endswith 'x'")).toMatchObject({ position: 9, length: 8 })
  })

  it('unknown fields suggest the nearest name, in both places', () => {
    for (const dialect of ['kibo', 'offline'] as const) {
      expect(errorOf("lastNme eq 'x'", dialect)).toMatchObject({ position: 0, length: 7, suggestion: 'lastName' })
      expect(errorOf('auditInfo.createDat gt 2024-01-01', dialect)).toMatchObject({ position: 10, length: 9, suggestion: 'createDate' })
    }
  })

  it('unknown operators, missing values, unclosed quotes and lists', () => {
    expect(errorOf("lastName is 'x'")).toMatchObject({
      position: 9,
      length: 2,
      message: expect.stringContaining('eq, ne, gt, ge, lt, le, sw, cont or in'),
    })
    expect(errorOf('lastName eq')).toMatchObject({ position: 9, length: 2, message: "Expected a value after 'eq'." })
    expect(errorOf("lastName eq 'x")).toMatchObject({ position: 12, length: 2, message: "Unclosed text: add a closing '." })
    expect(errorOf("lastName eq 'x' and")).toMatchObject({ position: 16, length: 3, message: "Expected a condition after 'and'." })
    expect(errorOf("(lastName eq 'x'")).toMatchObject({ position: 0, length: 1, message: expect.stringContaining("Unclosed '('") })
    expect(errorOf('id in [1, 2')).toMatchObject({ position: 6, length: 1, message: "Unclosed '[': add a ']' to close the list." })
    expect(errorOf('id in [1, 2)')).toMatchObject({ position: 11, length: 1, message: "Expected ',' or ']' in the list, found ')'." })
    expect(errorOf('id in ()')).toMatchObject({ position: 6, length: 2, message: expect.stringContaining('Empty list') })
    expect(errorOf('id eq abc')).toMatchObject({ position: 6, length: 3, message: "'id' is a number, and 'abc' is not one." })
    expect(errorOf('auditInfo.createDate gt yesterday')).toMatchObject({
      position: 24,
      length: 9,
      message: expect.stringContaining('date-time'),
    })
  })

  it('messages for people count from 1', () => {
    expect(describeFilterError(errorOf("lastName = 'x'"))).toBe("Kibo's filter has no '=': write eq. (at character 10)")
  })
})
