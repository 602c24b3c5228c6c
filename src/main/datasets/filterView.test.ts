import { describe, expect, it } from 'vitest'
import { compileAccountFilter } from '../../shared/accountFilter'
import { generateAccounts } from '../emulator/generate'
import { FilterViews, isFlat } from './filterView'

const accounts: unknown[] = [
  ...generateAccounts({ seed: 9, count: 400 }).accounts,
  // Odd shapes the generator never makes: nulls, empty arrays, primitives where objects go.
  { id: 1, contacts: null, segments: [], commerceSummary: null },
  { id: 2, contacts: [null, { address: null }, { address: { countryCode: 'DE' } }], segments: [{ code: null }, 'VIP'] },
  { id: 3, contacts: 'not a list', attributes: [{ fullyQualifiedName: 'x', values: [[1, 2], { a: 1 }, 'Gold'] }] },
]

// A sequence that grows the slim copies field by field and comes back to earlier fields.
const filters = [
  'contacts.address.countryCode = "DE"',
  'segments.code = "VIP"',
  'commerceSummary.orderCount > 5 and segments.code = "VIP"',
  'contacts.address exists',
  'contacts.address.cityOrTown startswith "Ber" or contacts.email contains "example.net"',
  'not contacts.phoneNumbers.mobile exists',
  'attributes.values = "Gold"',
  'notes.content contains "delivery"',
  'contacts.address.countryCode in ("DE", "GB") and isActive',
  'segments exists',
  'segments.code = "VIP"',
  // Kibo's spelling, field names in another case: the copies hold the schema's spelling.
  "CONTACTS.address.countrycode eq 'DE' or Segments.Code in ('VIP')",
]

function matches(filter: string, subjects: readonly unknown[]): number[] {
  const compiled = compileAccountFilter(filter)
  if (!compiled.ok) throw new Error(`${filter}: ${compiled.error.message}`)
  const out: number[] = []
  subjects.forEach((subject, i) => compiled.test(subject) && out.push(i))
  return out
}

describe('FilterViews', () => {
  it('gives every filter the same matches as the full accounts, as the copies grow', () => {
    const views = new FilterViews()
    for (const filter of filters) {
      const compiled = compileAccountFilter(filter)
      if (!compiled.ok) throw new Error(compiled.error.message)
      const subjects = views.get(accounts, compiled.paths)
      expect({ filter, matches: matches(filter, subjects) }).toEqual({ filter, matches: matches(filter, accounts) })
    }
  })

  it('uses the full accounts for top-level fields and slim copies for nested ones', () => {
    const views = new FilterViews()
    expect(views.get(accounts, [['isActive'], ['id']])).toBe(accounts)
    const slim = views.get(accounts, [['contacts', 'address', 'countryCode']])
    expect(slim).not.toBe(accounts)
    expect(slim[accounts.length - 2]).toEqual({ contacts: [null, { address: null }, { address: { countryCode: 'DE' } }] })
    expect(slim[accounts.length - 3]).toEqual({ contacts: null })
    expect(isFlat([['a'], []])).toBe(true)
  })

  it('does not change the accounts', () => {
    const copy = structuredClone(accounts)
    const views = new FilterViews()
    for (const filter of filters) {
      const compiled = compileAccountFilter(filter)
      if (compiled.ok) views.get(accounts, compiled.paths)
    }
    expect(accounts).toEqual(copy)
  })
})
