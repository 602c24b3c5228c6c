import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { createMemoryStore } from '../profiles'
import { ImpersonationHistory, MAX_ENTRIES_PER_PROFILE, MAX_SNAPSHOT_BYTES } from './impersonationHistory'

const ada = { id: 7, firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com', isActive: true } as CustomerAccount

describe('ImpersonationHistory', () => {
  it('keeps the newest entries per profile, bounded', () => {
    let t = Date.UTC(2026, 0, 1)
    const history = new ImpersonationHistory(createMemoryStore(), { now: () => new Date((t += 1000)) })
    for (let i = 1; i <= MAX_ENTRIES_PER_PROFILE + 5; i++) history.record('p1', { accountId: i }, { ...ada, id: i }, null)
    history.record('p2', { cartId: 'cart-9' }, null, null)
    const p1 = history.list('p1')
    expect(p1).toHaveLength(MAX_ENTRIES_PER_PROFILE)
    expect(p1[0].accountId).toBe(MAX_ENTRIES_PER_PROFILE + 5)
    expect(history.list('p2')).toEqual([
      expect.objectContaining({
        how: 'cartId',
        target: 'cart-9',
        accountId: null,
        name: null,
        hasSnapshot: false,
        snapshotNote: expect.stringContaining('no account'),
      }),
    ])
  })

  it('snapshots hold no secret and mask personal data; the same mask applies to the live side', () => {
    const history = new ImpersonationHistory(createMemoryStore())
    const withToken = { ...ada, attributes: [{ fullyQualifiedName: 'x', accessToken: 'tok-123' }] } as unknown as CustomerAccount
    const entry = history.record('p1', { accountId: 7 }, withToken, null)
    const snapshot = history.snapshot('p1', entry.id)
    expect(JSON.stringify(snapshot)).not.toContain('tok-123')
    expect(snapshot.emailAddress).toMatch(/@redacted\.invalid$/)
    expect(snapshot.isActive).toBe(true)
    expect(history.mask(ada).emailAddress).toBe(snapshot.emailAddress)
    expect(entry.name).toBe('Ada Lovelace')
  })

  it('a snapshot too large is not kept, and says so', () => {
    const history = new ImpersonationHistory(createMemoryStore())
    const huge = {
      ...ada,
      attributes: [{ fullyQualifiedName: 'tenant~big', values: ['x'.repeat(MAX_SNAPSHOT_BYTES)] }],
    } as unknown as CustomerAccount
    const entry = history.record('p1', { accountId: 7 }, huge, null)
    expect(entry).toMatchObject({ hasSnapshot: false, snapshotNote: expect.stringContaining('too large') })
    expect(() => history.snapshot('p1', entry.id)).toThrow(/too large/)
  })

  it('persists through its store; a damaged file reads as empty history', () => {
    const store = createMemoryStore()
    const first = new ImpersonationHistory(store)
    const entry = first.record('p1', { userId: 'u-1' }, ada, null)
    const second = new ImpersonationHistory(store)
    expect(second.list('p1')).toEqual([entry])
    expect(second.snapshot('p1', entry.id)).toEqual(first.snapshot('p1', entry.id))
    expect(new ImpersonationHistory(createMemoryStore({ version: 9, entries: 'no' })).list('p1')).toEqual([])
    // Another profile's entry is not reachable through this one.
    expect(() => second.snapshot('p2', entry.id)).toThrow(/gone/)
  })
})
