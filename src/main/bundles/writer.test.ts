// Writing bundles: one document or one a line, the count and size told, progress reported, and
// no file at all when the export stops half-way for any reason.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type CustomerBundle } from '../../shared/customer360'
import type { Progress } from '../exports/progress'
import { writeBundles } from './writer'

const tenant = 't100001-s100002 demo'
const at = '2026-12-01T09:30:00.000Z'

const customer = (id: number): CustomerBundle => ({
  kind: BUNDLE_KIND,
  version: 1,
  exportedAt: at,
  tenant,
  account: { id, emailAddress: `c${id}@example.com`, accessToken: 'secret-token' },
  sections: { loginState: { readAt: at, tenant, data: { isLocked: false } } },
  redacted: true,
})

async function* from(list: CustomerBundle[], after?: () => void) {
  yield* list
  after?.()
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-writer-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeBundles', () => {
  it('writes one bundle a line, says it is not masked, leaves no token, and tells the count and size', async () => {
    const path = join(dir, 'many.jsonl')
    const written = await writeBundles({ source: from([customer(1), customer(2)]), path, format: 'jsonl', redact: false })
    const text = await readFile(path, 'utf8')
    const lines = text.split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe('')
    expect(lines.slice(0, 2).map((line) => JSON.parse(line))).toEqual(
      [1, 2].map((id) => {
        const { accessToken: _, ...kept } = customer(id).account
        return { ...customer(id), account: kept, redacted: false }
      }),
    )
    expect(written).toEqual({ path, count: 2, bytes: Buffer.byteLength(text) })
    expect(await readdir(dir)).toEqual(['many.jsonl'])
  })

  it('masks personal data when asked', async () => {
    const path = join(dir, 'masked.json')
    await writeBundles({ source: from([customer(1)]), path, format: 'json', redact: true })
    const bundle = JSON.parse(await readFile(path, 'utf8')) as CustomerBundle
    expect(bundle.redacted).toBe(true)
    expect(bundle.account.emailAddress).toMatch(/@redacted\.invalid$/)
    expect(JSON.stringify(bundle)).not.toContain('secret-token')
  })

  it('writes an empty JSON Lines file for no customer, but refuses an empty single bundle', async () => {
    const path = join(dir, 'none.jsonl')
    expect(await writeBundles({ source: from([]), path, format: 'jsonl', redact: false })).toEqual({ path, count: 0, bytes: 0 })
    expect(await readFile(path, 'utf8')).toBe('')
    const one = join(dir, 'none.json')
    await expect(writeBundles({ source: from([]), path: one, format: 'json', redact: false })).rejects.toMatchObject({
      error: { kind: 'not-found' },
    })
    expect(await readdir(dir)).toEqual(['none.jsonl'])
  })

  it('refuses a second customer in a single bundle, and writes nothing', async () => {
    const path = join(dir, 'two.json')
    await expect(writeBundles({ source: from([customer(1), customer(2)]), path, format: 'json', redact: false })).rejects.toMatchObject({
      error: { kind: 'invalid-input', message: 'A single-customer bundle holds one customer; choose JSON Lines for many.' },
    })
    expect(await readdir(dir)).toEqual([])
  })

  it('replaces a file only when asked', async () => {
    const path = join(dir, 'old.json')
    await writeFile(path, 'old')
    await expect(writeBundles({ source: from([customer(1)]), path, format: 'json', redact: false })).rejects.toThrow()
    expect(await readFile(path, 'utf8')).toBe('old')
    await writeBundles({ source: from([customer(1)]), path, format: 'json', redact: false, replace: true })
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ account: { id: 1 } })
  })

  it('reports progress against the total, and the final count', async () => {
    const reports: Progress[] = []
    const path = join(dir, 'progress.jsonl')
    await writeBundles({
      source: from([customer(1), customer(2), customer(3)]),
      path,
      format: 'jsonl',
      redact: false,
      total: 3,
      onProgress: (p) => reports.push(p),
    })
    expect(reports[0]).toMatchObject({ done: 1, total: 3 })
    expect(reports.at(-1)).toMatchObject({ done: 3, total: 3 })
  })

  describe('cancelled', () => {
    const cancelled = { error: { kind: 'cancelled', message: 'The export was cancelled; no file was written.' } }

    it('before it starts: not even a file is created', async () => {
      const controller = new AbortController()
      controller.abort()
      const path = join(dir, 'early.json')
      await writeFile(path, 'old')
      let asked = false
      const source = (async function* () {
        asked = true
        yield customer(1)
      })()
      await expect(writeBundles({ source, path, format: 'json', redact: false, signal: controller.signal })).rejects.toMatchObject(
        cancelled,
      )
      expect(asked).toBe(false)
      expect(await readdir(dir)).toEqual(['early.json'])
    })

    it('while customers are read: no further customer is asked for', async () => {
      const controller = new AbortController()
      const pulled: number[] = []
      const source = (async function* () {
        for (const id of [1, 2, 3, 4]) {
          pulled.push(id)
          yield customer(id)
          if (id === 1) controller.abort()
        }
      })()
      const path = join(dir, 'mid.jsonl')
      await expect(writeBundles({ source, path, format: 'jsonl', redact: false, signal: controller.signal })).rejects.toMatchObject(
        cancelled,
      )
      expect(pulled).toEqual([1, 2])
      expect(await readdir(dir)).toEqual([])
    })

    it('after the last customer was read: nothing is committed', async () => {
      const controller = new AbortController()
      const path = join(dir, 'late.jsonl')
      await expect(
        writeBundles({
          source: from([customer(1)], () => controller.abort()),
          path,
          format: 'jsonl',
          redact: false,
          signal: controller.signal,
        }),
      ).rejects.toMatchObject(cancelled)
      expect(await readdir(dir)).toEqual([])
    })
  })

  it('a source that fails unexpectedly leaves no file and names only the kind of failure', async () => {
    const path = join(dir, 'broken.jsonl')
    const failing = (thrown: unknown) =>
      (async function* () {
        yield customer(1)
        throw thrown
      })()
    await expect(
      writeBundles({ source: failing(new RangeError('token abc')), path, format: 'jsonl', redact: false }),
    ).rejects.toMatchObject({
      error: { kind: 'internal', message: 'The export failed unexpectedly (RangeError); no file was written.' },
    })
    await expect(writeBundles({ source: failing(42), path, format: 'jsonl', redact: false })).rejects.toMatchObject({
      error: { kind: 'internal', message: 'The export failed unexpectedly (number); no file was written.' },
    })
    expect(await readdir(dir)).toEqual([])
  })
})
