// Operations from start to end: finished work lets go of its caller, failed work is forgotten too,
// and quitting cancels everything.
import { describe, expect, it } from 'vitest'
import { Operations } from './operations'

describe('Operations lifecycle', () => {
  it('cancelAll aborts every operation, with or without a profile, and forgets them', () => {
    const ops = new Operations()
    const started = [ops.start({ id: 'a', profileId: 'p1' }), ops.start({ id: 'b', profileId: null }), ops.start({})]
    ops.cancelAll()
    expect(started.map((op) => op.signal.aborted)).toEqual([true, true, true])
    expect(ops.size).toBe(0)
    expect(ops.cancel('a')).toBe(false)
  })

  it('finished work no longer follows its caller: a later abort of the caller leaves it alone', () => {
    const ops = new Operations()
    const caller = new AbortController()
    const op = ops.start({ id: 'x', parent: caller.signal })
    op.done()
    caller.abort()
    expect(op.signal.aborted).toBe(false)
    expect(ops.size).toBe(0)
  })

  it('forgets work that failed, and passes its failure on', async () => {
    const ops = new Operations()
    await expect(
      ops.run({ id: 'boom', profileId: 'p' }, async () => {
        throw new Error('it broke')
      }),
    ).rejects.toThrow('it broke')
    expect(ops.size).toBe(0)
    expect(ops.cancelProfile('p')).toBe(0)
  })

  it('hands work its own id, a fresh one when none is given', async () => {
    const ops = new Operations()
    expect(await ops.run({ id: 'given' }, async (_signal, id) => id)).toBe('given')
    const [first, second] = await Promise.all([ops.run({}, async (_s, id) => id), ops.run({}, async (_s, id) => id)])
    expect(first).toMatch(/^[0-9a-f-]{36}$/)
    expect(second).not.toBe(first)
  })

  it('counts only the operations it cancelled for other profiles, keeping the kept profile and file work', () => {
    const ops = new Operations()
    const kept = ops.start({ profileId: 'keep' })
    const file = ops.start({ profileId: null })
    const others = [ops.start({ profileId: 'a' }), ops.start({ profileId: 'b' })]
    expect(ops.cancelOtherProfiles('keep')).toBe(2)
    expect(others.every((op) => op.signal.aborted)).toBe(true)
    expect(kept.signal.aborted || file.signal.aborted).toBe(false)
    expect(ops.size).toBe(2)
    expect(ops.cancelOtherProfiles(null)).toBe(1)
    expect(kept.signal.aborted).toBe(true)
    expect(file.signal.aborted).toBe(false)
  })
})
