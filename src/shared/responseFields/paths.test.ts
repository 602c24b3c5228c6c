import { describe, expect, it } from 'vitest'
import { parseResponseFields } from './parse'
import { pathsFromSelection, responseFieldsForPath, selectionFromPaths } from './paths'
import { printResponseFields } from './print'

describe('selection ↔ checkbox paths', () => {
  it('builds a selection from paths, a path meaning its whole subtree', () => {
    const fields = selectionFromPaths([
      ['customerAccount', 'contacts', 'address', 'cityOrTown'],
      ['customerAccount', 'id'],
      ['accessToken'],
      ['customerAccount', 'contacts', 'email'],
    ])
    expect(printResponseFields(fields)).toBe('customerAccount(contacts(address(cityOrTown),email),id),accessToken')
  })

  it('a shorter path swallows longer ones, in either order', () => {
    expect(
      printResponseFields(
        selectionFromPaths([
          ['a', 'b', 'c'],
          ['a', 'b'],
        ]),
      ),
    ).toBe('a(b)')
    expect(
      printResponseFields(
        selectionFromPaths([
          ['a', 'b'],
          ['a', 'b', 'c'],
          ['a', 'd'],
        ]),
      ),
    ).toBe('a(b,d)')
    expect(
      printResponseFields(
        selectionFromPaths([
          ['a', 'b'],
          ['a', 'b'],
        ]),
      ),
    ).toBe('a(b)')
  })

  it('an empty path or no paths means no selection', () => {
    expect(selectionFromPaths([])).toEqual([])
    expect(selectionFromPaths([['a'], []])).toEqual([])
  })

  it('positions are those of the canonical text', () => {
    const [field] = selectionFromPaths([['customerAccount', 'id']])
    expect(field).toMatchObject({ start: 0, end: 19 })
    expect(field.children![0]).toMatchObject({ name: 'id', start: 16, end: 18 })
  })

  it('rejects names that are not field names', () => {
    expect(() => selectionFromPaths([['a.b']])).toThrow(/Not a valid field path/)
  })

  it('lists the selected leaves as paths, and round-trips', () => {
    const parsed = parseResponseFields('accessToken,customerAccount(id,contacts(id,address(cityOrTown)))')
    if (!parsed.ok) throw new Error('should parse')
    const paths = pathsFromSelection(parsed.fields)
    expect(paths).toEqual([
      ['accessToken'],
      ['customerAccount', 'id'],
      ['customerAccount', 'contacts', 'id'],
      ['customerAccount', 'contacts', 'address', 'cityOrTown'],
    ])
    expect(printResponseFields(selectionFromPaths(paths))).toBe(printResponseFields(parsed.fields))
  })

  it('responseFieldsForPath nests a path', () => {
    expect(responseFieldsForPath(['customerAccount', 'contacts', 'email'])).toBe('customerAccount(contacts(email))')
    expect(responseFieldsForPath(['id'])).toBe('id')
    expect(responseFieldsForPath([])).toBe('')
  })
})
