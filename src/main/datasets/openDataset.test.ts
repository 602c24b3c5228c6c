// Through the real worker thread (from TypeScript sources; the built worker too when out/ exists).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { Progress } from '../exports/progress'
import { generateAccounts } from '../emulator/generate'
import { openDataset, type DatasetHandle } from './openDataset'
import { DatasetRegistry } from './registry'
import { datasetWorkerStart } from './workerScript'
import { indexPath } from './indexFile'
import { appErrorOf } from '../../../test/failures'

const dir = mkdtempSync(join(tmpdir(), 'open-dataset-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const accounts = generateAccounts({ seed: 11, count: 300 }).accounts
const good = join(dir, 'accounts.jsonl')
writeFileSync(good, accounts.map((a) => JSON.stringify(a)).join('\n') + '\n')
const bad = join(dir, 'bad.json')
writeFileSync(bad, '[{"id": 1, "emailAddress": "a@example.com"},\n {"id": 2,, }]')

describe('openDataset (worker)', () => {
  it('opens a file, pages, searches, returns accounts, and closes', async () => {
    const progress: Progress[] = []
    const handle = await openDataset(good, { id: 'd1', onProgress: (p) => progress.push(p) })
    try {
      expect(handle.summary).toEqual({
        id: 'd1',
        name: 'accounts.jsonl',
        path: resolve(good),
        shape: 'jsonl',
        count: 300,
        bytes: expect.any(Number),
        warnings: [],
      })
      expect(progress[progress.length - 1]).toMatchObject({ done: handle.summary.bytes, total: handle.summary.bytes })
      const page = await handle.query({ offset: 10, limit: 5 })
      expect(page.total).toBe(300)
      expect(page.rows.map((r) => r.id)).toEqual(accounts.slice(10, 15).map((a) => a.id))
      const target = accounts[42]
      const found = await handle.query({ offset: 0, limit: 10, search: target.emailAddress! })
      expect(found.rows.map((r) => r.index)).toContain(42)
      expect(await handle.account(42)).toEqual(target)
      expect(await appErrorOf(handle.account(300))).toMatchObject({ kind: 'not-found' })
      expect(await appErrorOf(handle.query({ offset: 0, limit: 1, filter: 'nonsense >' }))).toMatchObject({ kind: 'invalid-input' })
    } finally {
      await handle.close()
    }
    expect(await appErrorOf(handle.query({ offset: 0, limit: 1 }))).toMatchObject({ kind: 'not-found' })
  })

  it('opens a file indexed without holding its accounts the same way, reading each account back from it', async () => {
    const handle = await openDataset(good, { leanFromBytes: 0 })
    const inMemory = await openDataset(good)
    try {
      expect(handle.summary).toMatchObject({ shape: 'jsonl', count: 300, warnings: [] })
      for (const query of [
        { offset: 20, limit: 7, sort: { field: 'name' as const, direction: 'desc' as const } },
        { offset: 0, limit: 300, filter: 'contacts.address.countryCode = "DE"' },
        { offset: 0, limit: 10, search: accounts[77].emailAddress! },
      ])
        expect(await handle.query(query)).toEqual(await inMemory.query(query))
      expect(await handle.account(299)).toEqual(accounts[299])
      expect(await appErrorOf(handle.account(300))).toMatchObject({ kind: 'not-found' })
    } finally {
      await handle.close()
      await inMemory.close()
    }
  })

  it('reopens an indexed file from its kept index, without reading the file through again', async () => {
    const indexDir = join(dir, 'indexes')
    const reads: number[][] = [[], []]
    const first = await openDataset(good, { leanFromBytes: 0, indexDir, onProgress: (p) => reads[0].push(p.done) })
    const query = { offset: 0, limit: 300, filter: 'segments.code = "VIP"', sort: { field: 'name' as const, direction: 'asc' as const } }
    const answer = await first.query(query)
    // The index is written after the file is open, between queries; closing before it is done keeps none.
    await expect.poll(() => existsSync(indexPath(indexDir, resolve(good))), { timeout: 20_000 }).toBe(true)
    await first.close()
    const again = await openDataset(good, { leanFromBytes: 0, indexDir, onProgress: (p) => reads[1].push(p.done) })
    try {
      // The file was read in chunks the first time; the second open only reports it is done.
      expect(reads[0].length).toBeGreaterThan(0)
      expect(reads[1]).toEqual([again.summary.bytes])
      expect(again.summary).toMatchObject({ shape: 'jsonl', count: 300, warnings: [] })
      expect(await again.query(query)).toEqual(answer)
      expect(await again.account(123)).toEqual(accounts[123])
    } finally {
      await again.close()
    }
  })

  it('says how far a filter has read a large file, and stops reading when cancelled', async () => {
    const handle = await openDataset(good, { leanFromBytes: 0 })
    try {
      const done: number[] = []
      const query = { offset: 0, limit: 300, filter: 'notes.content contains "delivery"' }
      const page = await handle.query(query, { onProgress: (p) => done.push(p.done) })
      expect(page.total).toBeGreaterThan(0)
      expect(done[done.length - 1]).toBe(handle.summary.bytes)
      const stop = new AbortController()
      stop.abort()
      expect(await appErrorOf(handle.query({ ...query, filter: 'segments.code = "VIP"' }, { signal: stop.signal }))).toMatchObject({
        kind: 'cancelled',
      })
      // A cancel sent while the worker is busy: the query ends cancelled, and the file answers afterwards.
      const later = new AbortController()
      const cancelled = handle.query({ ...query, filter: 'attributes.values = "x"' }, { signal: later.signal })
      later.abort()
      expect(await appErrorOf(cancelled)).toMatchObject({ kind: 'cancelled' })
      expect((await handle.query({ ...query, filter: 'segments.code = "VIP"' })).total).toBeGreaterThan(0)
    } finally {
      await handle.close()
    }
  })

  it('refuses a bad file with a located bad-file error, leaving open files alone', async () => {
    const open = await openDataset(good)
    try {
      const error = await appErrorOf(openDataset(bad))
      expect(error.kind).toBe('bad-file')
      expect(error.where).toMatch(/^line 2, column 11 \(byte \d+\)$/)
      expect((await open.query({ offset: 0, limit: 1 })).total).toBe(300)
    } finally {
      await open.close()
    }
  })

  it('refuses a file over the limit', async () => {
    expect(await appErrorOf(openDataset(good, { maxBytes: 1000 }))).toMatchObject({ kind: 'file' })
  })

  it('stops when cancelled, before or during the read', async () => {
    const before = new AbortController()
    before.abort()
    expect(await appErrorOf(openDataset(good, { signal: before.signal }))).toMatchObject({ kind: 'cancelled' })
    const during = new AbortController()
    const opening = openDataset(good, { signal: during.signal })
    during.abort()
    expect(await appErrorOf(opening)).toMatchObject({ kind: 'cancelled' })
  })
})

describe('DatasetRegistry with real workers', () => {
  it('opens a file once however often it is asked, and its worker ends when it closes', async () => {
    const registry = new DatasetRegistry()
    const [a, b] = await Promise.all([registry.open(good), registry.open(good)])
    const c = await registry.open(good)
    expect(b).toBe(a)
    expect(c).toBe(a)
    expect(registry.size).toBe(1)
    expect(registry.get(a.summary.id)).toBe(a)
    expect(await registry.close(a.summary.id)).toBe(true)
    expect(await registry.close(a.summary.id)).toBe(false)
    expect(registry.get(a.summary.id)).toBeUndefined()
    expect(await appErrorOf(a.query({ offset: 0, limit: 1 }))).toMatchObject({ kind: 'not-found' })
    const d = await registry.open(good)
    expect(d).not.toBe(a)
    await registry.closeAll()
    expect(registry.size).toBe(0)
    expect(await appErrorOf(d.account(0))).toMatchObject({ kind: 'not-found' })
  })
})

describe('datasetWorkerStart', () => {
  it('starts worker.ts through a tsx bootstrap when running from sources', () => {
    const start = datasetWorkerStart(pathToFileURL(resolve('src/main/datasets/openDataset.ts')).href)
    expect(start.kind).toBe('source')
    expect(start.script.protocol).toBe('data:')
    expect(decodeURIComponent(start.script.href)).toContain(pathToFileURL(resolve('src/main/datasets/worker.ts')).href)
  })

  it('finds dataset-worker.js beside the built main bundle, or one folder up from a chunk', () => {
    const out = join(dir, 'out', 'main')
    mkdirSync(join(out, 'chunks'), { recursive: true })
    writeFileSync(join(out, 'dataset-worker.js'), '')
    const worker = pathToFileURL(join(out, 'dataset-worker.js')).href
    expect(datasetWorkerStart(pathToFileURL(join(out, 'index.js')).href)).toEqual({ script: new URL(worker), kind: 'built' })
    expect(datasetWorkerStart(pathToFileURL(join(out, 'chunks', 'openDataset-x1.js')).href).script.href).toBe(worker)
  })

  const built = resolve('out/main/dataset-worker.js')
  it.skipIf(!existsSync(built))('opens a file with the built worker (after npx electron-vite build)', async () => {
    const handle: DatasetHandle = await openDataset(good, { worker: datasetWorkerStart(pathToFileURL(resolve('out/main/index.js')).href) })
    try {
      expect(handle.summary.count).toBe(300)
      expect((await handle.query({ offset: 0, limit: 1, filter: 'commerceSummary.orderCount >= 0' })).total).toBeGreaterThan(0)
    } finally {
      await handle.close()
    }
  })
})
