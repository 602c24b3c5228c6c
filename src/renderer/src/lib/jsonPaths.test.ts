import { describe, expect, it } from 'vitest'
import { isContainer, pathToString, responseFieldsForPath, valueAtPath } from './jsonPaths'

describe('paths', () => {
  it('prints paths and responseFields', () => {
    expect(pathToString(['customerAccount', 'contacts', 0, 'address', 'cityOrTown'])).toBe('customerAccount.contacts[0].address.cityOrTown')
    expect(pathToString(['a b', 'c'])).toBe('["a b"].c')
    expect(pathToString([0, 'x-y'])).toBe('[0]["x-y"]')
    expect(pathToString([])).toBe('')
    expect(responseFieldsForPath(['customerAccount', 'contacts', 0, 'address', 'cityOrTown'])).toBe(
      'customerAccount(contacts(address(cityOrTown)))',
    )
    expect(responseFieldsForPath(['accessToken'])).toBe('accessToken')
    expect(responseFieldsForPath([3])).toBe('')
  })

  it('reads values at paths', () => {
    const doc = { customerAccount: { contacts: [{ id: 1 }, { id: 2 }] }, inherited: Object.create({ hidden: 1 }) }
    expect(valueAtPath(doc, ['customerAccount', 'contacts', 1, 'id'])).toBe(2)
    expect(valueAtPath(doc, ['customerAccount', 'contacts', '1'])).toBeUndefined()
    expect(valueAtPath(doc, ['customerAccount', 0])).toBeUndefined()
    expect(valueAtPath(doc, ['missing'])).toBeUndefined()
    expect(valueAtPath(doc, ['inherited', 'hidden'])).toBeUndefined()
    expect(valueAtPath(doc, [])).toBe(doc)
  })

  it('tells containers from scalars', () => {
    expect([{}, [], null, 'x', 0].map(isContainer)).toEqual([true, true, false, false, false])
  })
})
