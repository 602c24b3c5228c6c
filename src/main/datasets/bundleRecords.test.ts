import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors'
import { BundleRecords } from './bundleRecords'

const dir = mkdtempSync(join(tmpdir(), 'bundle-records-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function errorOf(work: () => unknown): AppError {
  try {
    work()
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected a failure')
}

describe('BundleRecords', () => {
  const first = '{"kind":"b","n":1,"accessToken":"AT-secret"}'
  const second = '{"kind":"b","n":2}'

  function attached(name: string) {
    const path = join(dir, name)
    writeFileSync(path, `${first}\n${second}\n`)
    // A whole second, so the time can be put back exactly after the file is changed.
    utimesSync(path, 1_700_000_000, 1_700_000_000)
    const records = new BundleRecords()
    records.hold(0, { kind: 'b', n: 0 })
    records.locate(1, 0, first.length)
    records.locate(2, first.length + 1, second.length)
    records.attach(path, statSync(path))
    return { path, records }
  }

  it('reads a located bundle back without its tokens, and keeps the last one read', () => {
    const { records } = attached('a.jsonl')
    expect(records.size).toBe(3)
    expect(records.record(0)).toEqual({ kind: 'b', n: 0 })
    const one = records.record(1)
    expect(one).toEqual({ kind: 'b', n: 1 })
    expect(records.record(1)).toBe(one)
    const two = records.record(2)
    expect(two).toEqual({ kind: 'b', n: 2 })
    expect(records.record(1)).not.toBe(one)
    expect(records.record(1)).toEqual(one)
  })

  it('serves the last bundle read even after the file changed, and refuses any other', () => {
    const { path, records } = attached('b.jsonl')
    const one = records.record(1)
    writeFileSync(path, 'changed')
    expect(records.record(1)).toBe(one)
    expect(errorOf(() => records.record(2))).toMatchObject({ kind: 'bad-file', hint: 'Open the file again.' })
  })

  it('refuses a bundle whose bytes are no longer JSON, even when size and time are as they were', () => {
    const { path, records } = attached('c.jsonl')
    writeFileSync(path, `${first}\n${'x'.repeat(second.length)}\n`)
    utimesSync(path, 1_700_000_000, 1_700_000_000)
    const error = errorOf(() => records.record(2))
    expect(error.kind).toBe('bad-file')
    expect(error.hint).toBe('Open the file again.')
    expect(error.message).toContain('changed on disk')
  })

  it('says a position without a bundle holds a plain account', () => {
    const { records } = attached('d.jsonl')
    expect(errorOf(() => records.record(5))).toEqual({
      kind: 'not-found',
      message: 'Customer 6 of this file is a plain account, not a customer bundle: the file holds no sections for it.',
      hint: 'Read the customer live from a profile, or open a customer bundle exported with Account Inspector.',
    })
  })

  it('saves and restores what it knows', () => {
    const { path, records } = attached('e.jsonl')
    const saved = records.saved()
    expect(saved).toEqual({
      held: [[0, { kind: 'b', n: 0 }]],
      spans: [
        [1, 0, first.length],
        [2, first.length + 1, second.length],
      ],
    })
    const restored = BundleRecords.restore(saved)
    expect(restored.size).toBe(3)
    restored.attach(path, statSync(path))
    expect(restored.record(2)).toEqual({ kind: 'b', n: 2 })
    expect(restored.record(0)).toEqual({ kind: 'b', n: 0 })
  })
})
