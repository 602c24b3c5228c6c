import { describe, expect, it } from 'vitest'
import { KiboFilterError, compareAt, compileKiboFilter, parseKiboFilter, valuesAt } from './kiboFilter'

const people = [
  {
    id: 1,
    lastName: 'Smith',
    age: 30,
    isActive: true,
    auditInfo: { createDate: '2024-01-10T00:00:00.000Z' },
    tags: [{ code: 'VIP' }],
    externalId: null,
  },
  { id: 2, lastName: 'smythe', age: 41, isActive: false, auditInfo: { createDate: '2023-06-01T12:00:00.000Z' }, tags: [] },
  {
    id: 3,
    lastName: "O'Brien",
    age: 25,
    isActive: true,
    auditInfo: { createDate: '2025-02-01T00:00:00.000Z' },
    tags: [{ code: 'NEWSLETTER' }, { code: 'VIP' }],
    externalId: 'ERP-1',
  },
]

const ids = (filter: string) => people.filter(compileKiboFilter(filter)).map((p) => p.id)

describe('Kibo filter operators', () => {
  it('eq and ne, case-insensitive for strings', () => {
    expect(ids("lastName eq 'SMITH'")).toEqual([1])
    expect(ids('lastName ne "smith"')).toEqual([2, 3])
    expect(ids('id eq 2')).toEqual([2])
    expect(ids("id eq '2'")).toEqual([2])
    expect(ids('isActive eq true')).toEqual([1, 3])
    expect(ids('isActive ne true')).toEqual([2])
  })

  it('gt lt ge le on numbers and dates', () => {
    expect(ids('age gt 30')).toEqual([2])
    expect(ids('age ge 30')).toEqual([1, 2])
    expect(ids('age lt 30')).toEqual([3])
    expect(ids('age le 30')).toEqual([1, 3])
    expect(ids("auditInfo.createDate gt '2024-01-01'")).toEqual([1, 3])
    expect(ids('auditInfo.createDate lt 2024-01-01')).toEqual([2])
    expect(ids("auditInfo.createDate ge '2024-01-10T00:00:00Z'")).toEqual([1, 3])
  })

  it('sw and cont', () => {
    expect(ids("lastName sw 'sm'")).toEqual([1, 2])
    expect(ids("lastName cont 'RIE'")).toEqual([3])
    expect(ids('id sw 3')).toEqual([3])
  })

  it('null, arrays as "any element", and quoting', () => {
    expect(ids('externalId eq null')).toEqual([1, 2])
    expect(ids('externalId ne null')).toEqual([3])
    expect(ids("tags.code eq 'VIP'")).toEqual([1, 3])
    expect(ids("tags.code ne 'VIP'")).toEqual([2])
    expect(ids("lastName eq 'O''Brien'")).toEqual([3])
    expect(ids("lastName eq 'O\\'Brien'")).toEqual([3])
    expect(ids('lastName eq "O\'Brien"')).toEqual([3])
  })
})

describe('Kibo filter logic', () => {
  it('and binds tighter than or', () => {
    // a or (b and c), not (a or b) and c
    expect(ids("id eq 1 or lastName sw 'sm' and isActive eq false")).toEqual([1, 2])
    expect(ids("(id eq 1 or lastName sw 'sm') and isActive eq false")).toEqual([2])
    expect(parseKiboFilter('a eq 1 or b eq 2 and c eq 3')).toEqual({
      kind: 'or',
      left: { kind: 'compare', field: 'a', op: 'eq', value: 1 },
      right: {
        kind: 'and',
        left: { kind: 'compare', field: 'b', op: 'eq', value: 2 },
        right: { kind: 'compare', field: 'c', op: 'eq', value: 3 },
      },
    })
  })

  it('nested parentheses and keywords in any case', () => {
    expect(ids("((age GT 20) AND (tags.code EQ 'NEWSLETTER' Or id eq 1))")).toEqual([1, 3])
  })

  it('resolves field names through a resolver, case-insensitively', () => {
    const resolveField = (p: string) => ({ lastname: 'lastName' })[p.toLowerCase()]
    expect(parseKiboFilter("LASTNAME eq 'x'", { resolveField })).toMatchObject({ field: 'lastName' })
    expect(() => parseKiboFilter("lastNam eq 'x'", { resolveField })).toThrow(/position 0: unknown field "lastNam"/)
  })
})

describe('Kibo filter errors name the position', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['', 0, /empty/],
    ['lastName', 8, /expected an operator/],
    ['lastName is 3', 9, /expected an operator/],
    ['lastName eq', 11, /expected a value/],
    ['lastName eq smith', 12, /expected a value/],
    ["lastName eq 'smith", 12, /never closed/],
    ["(lastName eq 'x'", 16, /expected "\)"/],
    ["lastName eq 'x')", 15, /expected "and", "or" or the end/],
    ["lastName eq 'x' and", 19, /expected a field name/],
    ["lastName eq 'x' xor id eq 1", 16, /expected "and", "or"/],
    ["9name eq 'x'", 0, /expected a field name/],
  ]
  it.each(cases)('%j', (text, position, message) => {
    try {
      parseKiboFilter(text)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(KiboFilterError)
      expect((e as KiboFilterError).position).toBe(position)
      expect((e as Error).message).toMatch(message)
      expect((e as Error).message).toContain(`position ${position}`)
    }
  })
})

describe('helpers', () => {
  it('valuesAt walks through arrays', () => {
    expect(valuesAt({ a: [{ b: [1, 2] }, { b: 3 }] }, 'a.b')).toEqual([1, 2, 3])
    expect(valuesAt({ a: null }, 'a.b')).toEqual([])
  })
  it('compareAt orders missing values last', () => {
    expect(compareAt({ x: 1 }, { x: 2 }, 'x')).toBeLessThan(0)
    expect(compareAt({}, { x: 2 }, 'x')).toBeGreaterThan(0)
    expect(compareAt({ x: 'b' }, { x: 'A' }, 'x')).toBeGreaterThan(0)
  })
})
