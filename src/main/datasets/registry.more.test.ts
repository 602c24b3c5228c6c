// More of the registry's rules over stand-in datasets: opens in flight count towards the cap, a
// failed open leaves nothing behind, records of closed files, paths that are not files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { appErrorOf } from '../../../test/failures'
import type { DatasetHandle, OpenDatasetOptions } from './openDataset'
import { DatasetRegistry } from './registry'

const dir = mkdtempSync(join(tmpdir(), 'registry-more-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text = '[]'): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function opener() {
  const started: Array<{ path: string; options: OpenDatasetOptions }> = []
  const closed: string[] = []
  const pending: Array<() => void> = []
  let serial = 0
  let hold = false
  let fail: AppFailure | null = null
  const openFile = async (path: string, options: OpenDatasetOptions = {}): Promise<DatasetHandle> => {
    started.push({ path, options })
    if (hold) await new Promise<void>((resolve) => pending.push(resolve))
    if (fail) throw fail
    const id = options.id ?? `d${++serial}`
    return {
      summary: { id, name: basename(path), path, shape: 'array', count: 0, bytes: 0, warnings: [] },
      query: async () => ({ total: 0, rows: [] }),
      account: async () => ({}),
      record: async (index: number) => ({ id, index }),
      close: async () => void closed.push(id),
    }
  }
  return {
    openFile,
    started,
    closed,
    hold: (on: boolean) => (hold = on),
    failWith: (failure: AppFailure | null) => (fail = failure),
    release: () => pending.splice(0).forEach((resolve) => resolve()),
  }
}

describe('DatasetRegistry: more rules', () => {
  it('counts opens still in flight towards the limit', async () => {
    const fake = opener()
    const registry = new DatasetRegistry({ openFile: fake.openFile, limit: 2 })
    fake.hold(true)
    const first = registry.open(file('a.json'))
    const second = registry.open(file('b.json'))
    const error = await appErrorOf(registry.open(file('c.json')))
    expect(error.message).toBe('2 files are open, the most Account Inspector keeps at once (each holds its accounts in memory).')
    expect(error.kind).toBe('file')
    fake.release()
    await Promise.all([first, second])
    expect(registry.size).toBe(2)
    expect(fake.started.map((s) => basename(s.path))).toEqual(['a.json', 'b.json'])
  })

  it('opens by full path and passes the options on, without an id for a new file', async () => {
    const fake = opener()
    const registry = new DatasetRegistry({ openFile: fake.openFile })
    const path = file('rel.json')
    const handle = await registry.open(relative(process.cwd(), path), { maxBytes: 10 })
    expect(handle.summary.path).toBe(path)
    expect(fake.started).toEqual([{ path, options: { maxBytes: 10 } }])
    expect(registry.get(handle.summary.id)).toBe(handle)
    expect(registry.get('nope')).toBe(undefined)
  })

  it('a failed open leaves nothing open and can be tried again', async () => {
    const fake = opener()
    const registry = new DatasetRegistry({ openFile: fake.openFile, limit: 1 })
    const path = file('bad.json')
    fake.failWith(new AppFailure({ kind: 'bad-file', message: 'bad.json is not JSON.' }))
    expect(await appErrorOf(registry.open(path))).toEqual({ kind: 'bad-file', message: 'bad.json is not JSON.' })
    expect(registry.size).toBe(0)
    fake.failWith(null)
    const handle = await registry.open(path)
    expect(registry.size).toBe(1)
    expect(fake.started).toHaveLength(2)
    expect(await registry.open(path)).toBe(handle)
  })

  it('reads again a path that is not a file each time it is opened', async () => {
    const fake = opener()
    const registry = new DatasetRegistry({ openFile: fake.openFile })
    const missing = join(dir, 'missing.json')
    const first = await registry.open(missing)
    const second = await registry.open(missing)
    expect(second).not.toBe(first)
    expect(second.summary.id).toBe(first.summary.id)
    expect(fake.started[1].options).toEqual({ id: first.summary.id })
    expect(fake.closed).toEqual([first.summary.id])
    expect(registry.size).toBe(1)
    const folder = await registry.open(dir)
    expect(await registry.open(dir)).not.toBe(folder)
  })

  it('gives the record of an open file and refuses one of a closed file', async () => {
    const fake = opener()
    const registry = new DatasetRegistry({ openFile: fake.openFile })
    const handle = await registry.open(file('r.json'))
    expect(await registry.record(handle.summary.id, 3)).toEqual({ id: handle.summary.id, index: 3 })
    expect(await registry.close(handle.summary.id)).toBe(true)
    expect(fake.closed).toEqual([handle.summary.id])
    expect(await appErrorOf(registry.record(handle.summary.id, 3))).toEqual({
      kind: 'not-found',
      message: 'That file is no longer open.',
      hint: 'Open it again.',
    })
  })

  it('closes every file once on closeAll, even when one fails to close', async () => {
    const fake = opener()
    const registry = new DatasetRegistry({ openFile: fake.openFile })
    const a = await registry.open(file('x.json'))
    const b = await registry.open(file('y.json'))
    a.close = async () => {
      throw new Error('worker gone')
    }
    await registry.closeAll()
    expect(fake.closed).toEqual([b.summary.id])
    expect(registry.size).toBe(0)
    expect(registry.get(a.summary.id)).toBe(undefined)
  })
})
