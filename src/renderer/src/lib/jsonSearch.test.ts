import { describe, expect, it } from 'vitest'
import { pathToString } from './jsonPaths'
import { searchJson, searchSteps } from './jsonSearch'

const doc = {
  customerAccount: {
    id: 1001,
    contacts: [
      { id: 1, address: { cityOrTown: 'Austin' } },
      { id: 2, address: { cityOrTown: 'Boston' } },
    ],
    'odd key': 'x',
  },
}

describe('searchJson', () => {
  it('finds keys and values case-insensitively, in document order', async () => {
    const keys = await searchJson(doc, 'CITY', { keys: true, values: false })
    expect(keys).toEqual({
      truncated: false,
      matches: [
        ['customerAccount', 'contacts', 0, 'address', 'cityOrTown'],
        ['customerAccount', 'contacts', 1, 'address', 'cityOrTown'],
      ],
    })
    const values = await searchJson(doc, 'boston', { keys: false, values: true })
    expect(values.matches).toEqual([['customerAccount', 'contacts', 1, 'address', 'cityOrTown']])
    const both = await searchJson(doc, '1', { keys: true, values: true })
    expect(both.matches.map(pathToString)).toEqual(['customerAccount.id', 'customerAccount.contacts[0].id'])
    expect((await searchJson(doc, '', { keys: true, values: true })).matches).toEqual([])
    expect((await searchJson(doc, 'x', { keys: false, values: false })).matches).toEqual([])
  })

  it('matches a scalar root', async () => {
    expect(await searchJson('Hello', 'hell', { keys: false, values: true })).toEqual({ truncated: false, matches: [[]] })
  })

  it('stops at the match limit and says so', () => {
    const arr = Array.from({ length: 50 }, (_, i) => ({ name: 'n' + i }))
    const gen = searchSteps(arr, 'name', { keys: true, values: false }, 10)
    let step = gen.next()
    while (!step.done) step = gen.next()
    expect(step.value.matches).toHaveLength(10)
    expect(step.value.truncated).toBe(true)
  })

  it('can be aborted', async () => {
    const ctl = new AbortController()
    ctl.abort()
    await expect(
      searchJson(
        Array.from({ length: 10_000 }, (_, i) => ({ i })),
        'i',
        { keys: true, values: false },
        { signal: ctl.signal },
      ),
    ).rejects.toThrow()
  })

  it('searches a large document in slices and stops at the match limit', async () => {
    const value = Array.from({ length: 50_000 }, (_, i) => ({
      id: i,
      contacts: [{ address: { cityOrTown: i % 2 ? 'Boston' : 'Austin' } }],
    }))
    const all = await searchJson(value, 'boston', { keys: false, values: true })
    expect(all.truncated).toBe(true)
    expect(all.matches).toHaveLength(10_000)
    expect(all.matches[0]).toEqual([1, 'contacts', 0, 'address', 'cityOrTown'])
    const one = await searchJson(value, '49999', { keys: false, values: true })
    expect(one).toEqual({ truncated: false, matches: [[49_999, 'id']] })
  })
})
