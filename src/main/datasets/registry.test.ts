// The registry's rules, over stand-in datasets (no workers): the cap, one dataset per file, and
// closing. openDataset.test.ts runs the same through real workers.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { appErrorOf } from '../../../test/failures'
import type { DatasetHandle, OpenDatasetOptions } from './openDataset'
import { DatasetRegistry, MAX_OPEN_DATASETS } from './registry'

const dir = mkdtempSync(join(tmpdir(), 'registry-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function fakeOpener() {
  const started: string[] = []
  const closed: string[] = []
  let serial = 0
  const openFile = async (path: string, options: OpenDatasetOptions = {}): Promise<DatasetHandle> => {
    started.push(path)
    const id = options.id ?? `d${++serial}`
    const summary = { id, name: basename(path), path, shape: 'array' as const, count: 0, bytes: 0, warnings: [] }
    return {
      summary,
      query: async () => ({ total: 0, rows: [] }),
      account: async () => ({}),
      record: async () => ({}),
      close: async () => void closed.push(`${id}@${basename(path)}`),
    }
  }
  return { openFile, started, closed }
}

function files(n: number): string[] {
  return Array.from({ length: n }, (_, k) => {
    const path = join(dir, `f${k}.json`)
    writeFileSync(path, '[]')
    return path
  })
}

describe('DatasetRegistry', () => {
  it(`keeps at most ${MAX_OPEN_DATASETS} files open and says so, naming the limit and what to do`, async () => {
    const { openFile, started } = fakeOpener()
    const registry = new DatasetRegistry({ openFile })
    const paths = files(MAX_OPEN_DATASETS + 1)
    for (const path of paths.slice(0, MAX_OPEN_DATASETS)) await registry.open(path)
    const error = await appErrorOf(registry.open(paths[MAX_OPEN_DATASETS]))
    expect(error.message).toBe(
      `${MAX_OPEN_DATASETS} files are open, the most Account Inspector keeps at once (each holds its accounts in memory).`,
    )
    expect(error.hint).toMatch(/^Close a file you no longer need/)
    expect(started).toHaveLength(MAX_OPEN_DATASETS) // no worker started for the refused one
    // An open file can still be opened again at the limit, and closing one makes room.
    await registry.open(paths[0])
    await registry.close(registry.get('d1')!.summary.id)
    await registry.open(paths[MAX_OPEN_DATASETS])
    expect(registry.size).toBe(MAX_OPEN_DATASETS)
  })

  it('opening the same unchanged file again, even fifty times at once, starts one dataset', async () => {
    const { openFile, started } = fakeOpener()
    const registry = new DatasetRegistry({ openFile })
    const [path] = files(1)
    const handles = await Promise.all(Array.from({ length: 50 }, () => registry.open(path)))
    expect(new Set(handles).size).toBe(1)
    expect(await registry.open(path)).toBe(handles[0])
    expect(started).toHaveLength(1)
    expect(registry.size).toBe(1)
  })

  it('a file changed since it was read is read again under the same id, and the old one closes', async () => {
    const { openFile, started, closed } = fakeOpener()
    const registry = new DatasetRegistry({ openFile })
    const [path] = files(1)
    const first = await registry.open(path)
    writeFileSync(path, '[{"id":1}]')
    utimesSync(path, new Date(), new Date(Date.now() + 5000))
    const second = await registry.open(path)
    expect(second).not.toBe(first)
    expect(second.summary.id).toBe(first.summary.id)
    expect(started).toHaveLength(2)
    expect(closed).toEqual([`${first.summary.id}@f0.json`])
    expect(registry.get(first.summary.id)).toBe(second)
    expect(registry.size).toBe(1)
  })

  it('add: a handle opened elsewhere replaces one of the same file; past the limit it is closed and refused', async () => {
    const { openFile, closed } = fakeOpener()
    const registry = new DatasetRegistry({ openFile, limit: 2 })
    const [a, b, c] = files(3)
    const one = await openFile(a)
    registry.add(one)
    registry.add(await openFile(a))
    expect(closed).toEqual(['d1@f0.json'])
    registry.add(await openFile(b))
    const third = await openFile(c)
    expect((await appErrorOf(() => registry.add(third))).message).toMatch(/^2 files are open/)
    expect(closed).toContain(`${third.summary.id}@f2.json`)
    await registry.closeAll()
    expect(registry.size).toBe(0)
  })
})
