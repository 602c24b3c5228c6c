import { describe, expect, it } from 'vitest'
import { Operations } from './operations'

describe('Operations', () => {
  it('cancels by id, by profile and for every profile but one, and forgets finished work', async () => {
    const ops = new Operations()
    const a = ops.start({ id: 'a', profileId: 'p1' })
    const b = ops.start({ id: 'b', profileId: 'p2' })
    const file = ops.start({ id: 'file', profileId: null })
    expect(ops.cancelOtherProfiles('p1')).toBe(1)
    expect(b.signal.aborted).toBe(true)
    expect(a.signal.aborted || file.signal.aborted).toBe(false)
    expect(ops.cancel('a')).toBe(true)
    expect(ops.cancel('a')).toBe(false)
    expect(ops.cancelProfile('p2')).toBe(0)
    file.done()
    expect(ops.size).toBe(0)
    await expect(ops.run({ id: 'r' }, async () => 42)).resolves.toBe(42)
    expect(ops.size).toBe(0)
  })

  it('follows its caller: a closed window or dropped connection aborts the work', () => {
    const ops = new Operations()
    const caller = new AbortController()
    const op = ops.start({ parent: caller.signal })
    caller.abort()
    expect(op.signal.aborted).toBe(true)
    const late = ops.start({ parent: caller.signal })
    expect(late.signal.aborted).toBe(true)
  })

  it('a second start with the same id replaces and aborts the first', () => {
    const ops = new Operations()
    const first = ops.start({ id: 'same' })
    const second = ops.start({ id: 'same' })
    expect(first.signal.aborted).toBe(true)
    first.done()
    expect(ops.cancel('same')).toBe(true)
    expect(second.signal.aborted).toBe(true)
  })
})
