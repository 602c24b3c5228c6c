import { describe, expect, it } from 'vitest'
import { compileAccountFilter } from '../../shared/accountFilter'
import { generateAccounts } from '../emulator/generate'
import { FilterViews, isFlat } from './filterView'
import { SCALAR_FIELDS } from './accountShape'

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
      const subjectAt = views.get(accounts, compiled.paths)
      const subjects = accounts.map((_, i) => subjectAt(i))
      expect({ filter, matches: matches(filter, subjects) }).toEqual({ filter, matches: matches(filter, accounts) })
    }
  })

  it('uses the full accounts for top-level fields and slim copies for nested ones', () => {
    const views = new FilterViews()
    const flat = views.get(accounts, [['isActive'], ['id']])
    accounts.forEach((account, i) => expect(flat(i)).toBe(account))
    const slim = views.get(accounts, [['contacts', 'address', 'countryCode']])
    expect(slim(0)).not.toBe(accounts[0])
    expect(slim(accounts.length - 2)).toEqual({ contacts: [null, { address: null }, { address: { countryCode: 'DE' } }] })
    expect(slim(accounts.length - 3)).toEqual({ contacts: null })
    expect(isFlat([['a'], []])).toBe(true)
  })

  it('with primed single-valued fields (an indexed file), gives every filter the same matches, copying only nested fields', () => {
    const views = new FilterViews()
    views.prime(SCALAR_FIELDS)
    accounts.forEach((account) => views.add(account))
    views.primed()
    let walks = 0
    const walker = {
      length: accounts.length,
      forEach: (visit: (account: unknown, i: number) => void) => (walks++, accounts.forEach(visit)),
    }
    for (const filter of filters) {
      const compiled = compileAccountFilter(filter)
      if (!compiled.ok) throw new Error(compiled.error.message)
      const subjectAt = views.get(walker, compiled.paths)
      // The subject is valid until the next call: test each in turn.
      const out: number[] = []
      accounts.forEach((_, i) => compiled.test(subjectAt(i)) && out.push(i))
      expect({ filter, matches: out }).toEqual({ filter, matches: matches(filter, accounts) })
    }
    // Only the filters on nested fields walked the accounts, each new field once.
    expect(walks).toBeGreaterThan(0)
    const before = walks
    const again = compileAccountFilter('isActive = false and lastName startswith "B"')
    if (!again.ok) throw new Error(again.error.message)
    views.get(walker, again.paths)
    expect(walks).toBe(before)
    // Saved and restored, the columns answer alike.
    const restored = FilterViews.restore(views.saved()!)
    const subjectAt = restored.get(walker, again.paths)
    const out: number[] = []
    accounts.forEach((_, i) => again.test(subjectAt(i)) && out.push(i))
    expect(out).toEqual(matches('isActive = false and lastName startswith "B"', accounts))
    expect(walks).toBe(before)
    expect(new FilterViews().saved()).toBeNull()
    expect(() => new FilterViews().add({})).toThrow()
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
