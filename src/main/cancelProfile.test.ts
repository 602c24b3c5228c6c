// Deleting a profile cancels that profile's requests and exports, and nobody else's.
import { describe, expect, it } from 'vitest'
import { Operations } from './operations'

describe('Operations.cancelProfile', () => {
  it("aborts every operation of the deleted profile and forgets them, leaving other profiles' and file work running", () => {
    const ops = new Operations()
    const search = ops.start({ id: 'search', profileId: 'deleted' })
    const exporting = ops.start({ id: 'export', profileId: 'deleted' })
    const other = ops.start({ id: 'other', profileId: 'kept' })
    const file = ops.start({ id: 'file', profileId: null })

    expect(ops.cancelProfile('deleted')).toBe(2)

    expect(search.signal.aborted).toBe(true)
    expect(exporting.signal.aborted).toBe(true)
    expect(other.signal.aborted).toBe(false)
    expect(file.signal.aborted).toBe(false)
    expect(ops.size).toBe(2)
    // Already gone: cancelling them again by id finds nothing.
    expect(ops.cancel('search')).toBe(false)
    expect(ops.cancel('other')).toBe(true)
  })

  it('stops work run through run(): its signal aborts mid-flight', async () => {
    const ops = new Operations()
    let seen: AbortSignal | undefined
    let finish!: () => void
    const running = ops.run({ profileId: 'deleted' }, (signal) => {
      seen = signal
      return new Promise<void>((resolve) => (finish = resolve))
    })
    expect(ops.cancelProfile('deleted')).toBe(1)
    expect(seen?.aborted).toBe(true)
    finish()
    await running
    expect(ops.size).toBe(0)
  })
})
