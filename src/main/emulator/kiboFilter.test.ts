import { describe, expect, it } from 'vitest'
import { KiboFilterError, compareAt, compileKiboFilter, valuesAt } from './kiboFilter'

const people = [
  {
    id: 1,
    lastName: 'Smith',
    isActive: true,
    auditInfo: { createDate: '2024-01-10T00:00:00.000Z' },
    segments: [{ code: 'VIP' }],
    externalId: null,
  },
  { id: 2, lastName: 'smythe', isActive: false, auditInfo: { createDate: '2023-06-01T12:00:00.000Z' }, segments: [] },
  {
    id: 3,
    lastName: "O'Brien",
    isActive: true,
    auditInfo: { createDate: '2025-02-01T00:00:00.000Z' },
    segments: [{ code: 'NEWSLETTER' }, { code: 'VIP' }],
    externalId: 'ERP-1',
  },
]

const ids = (filter: string) => people.filter(compileKiboFilter(filter)).map((p) => p.id)

describe('the emulator answers filters with the shared grammar', () => {
  it('Kibo operators, quoting and field names in any case', () => {
    expect(ids("lastName eq 'SMITH'")).toEqual([1])
    expect(ids('LASTNAME ne "smith"')).toEqual([2, 3])
    expect(ids("id eq '2'")).toEqual([2])
    expect(ids('id gt 1 and id le 3')).toEqual([2, 3])
    expect(ids("lastName sw 'sm'")).toEqual([1, 2])
    expect(ids("lastName cont 'RIE'")).toEqual([3])
    expect(ids("lastName eq 'O''Brien'")).toEqual([3])
    expect(ids('auditInfo.createDate lt 2024-01-01')).toEqual([2])
    expect(ids("auditInfo.createDate ge '2024-01-10T00:00:00Z'")).toEqual([1, 3])
    expect(ids("segments.code ne 'VIP'")).toEqual([2])
    expect(ids('externalId eq null')).toEqual([1, 2])
    expect(ids('id in (1, 3)')).toEqual([1, 3])
    expect(ids("((id GT 1) AND (segments.code EQ 'NEWSLETTER' Or id eq 2))")).toEqual([2, 3])
  })

  it('refuses what Kibo does not take, with the 1-based character in the message', () => {
    const refusal = (text: string) => {
      try {
        compileKiboFilter(text)
      } catch (e) {
        expect(e).toBeInstanceOf(KiboFilterError)
        return { position: (e as KiboFilterError).position, message: (e as Error).message }
      }
      throw new Error(`expected ${text} to be refused`)
    }
    expect(refusal("lastName = 'x'")).toEqual({
      position: 9,
      message: "Invalid filter at character 10: Kibo's filter has no '=': write eq.",
    })
    expect(refusal("lastNam eq 'x'")).toMatchObject({ position: 0, message: expect.stringContaining("Did you mean 'lastName'?") })
    expect(refusal('isActive')).toMatchObject({ position: 0, message: expect.stringContaining('write isActive eq true') })
    expect(refusal("lastName eq 'smith")).toMatchObject({ position: 12, message: expect.stringContaining('Unclosed text') })
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
