// How an export stops: a source left half-read is closed (and waited for, unless cancelled),
// the abort listener is removed once a page arrives, and a failure says only what is safe.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { appFailureOf } from '../../../test/failures'
import { exportAccounts } from './exportAccounts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'export-cancel-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A source of `pages` one-account pages whose return() takes `closeMs` and is recorded. */
function source(pages: number, options: { closeMs?: number; failAt?: number; failWith?: unknown } = {}) {
  const log: string[] = []
  const iterable: AsyncIterable<CustomerAccount[]> = {
    [Symbol.asyncIterator]() {
      let page = 0
      return {
        next: async () => {
          page++
          if (options.failAt === page) throw options.failWith
          return page <= pages ? { done: false, value: [{ id: page }] } : { done: true, value: undefined }
        },
        return: async () => {
          log.push('closing')
          await new Promise((resolve) => setTimeout(resolve, options.closeMs ?? 0))
          log.push('closed')
          return { done: true, value: undefined }
        },
      }
    },
  }
  return { iterable, log }
}

/** An AbortSignal that counts its listeners. */
function countingSignal() {
  const controller = new AbortController()
  const signal = controller.signal
  let listeners = 0
  const add = signal.addEventListener.bind(signal)
  const remove = signal.removeEventListener.bind(signal)
  type Add = Parameters<typeof signal.addEventListener>
  type Remove = Parameters<typeof signal.removeEventListener>
  signal.addEventListener = ((...args: Add) => {
    listeners++
    add(...args)
  }) as typeof signal.addEventListener
  signal.removeEventListener = ((...args: Remove) => {
    listeners--
    remove(...args)
  }) as typeof signal.removeEventListener
  return { controller, signal, listeners: () => listeners }
}

describe('exportAccounts stopping', () => {
  it('reads a source to its end without closing it, and leaves no abort listener behind', async () => {
    const { iterable, log } = source(3)
    const { signal, listeners } = countingSignal()
    const path = join(dir, 'a.jsonl')
    const written = await exportAccounts({ source: iterable, path, format: 'jsonl', redact: false, signal })
    expect(written.count).toBe(3)
    expect(log).toEqual([])
    expect(listeners()).toBe(0)
    expect(await readFile(path, 'utf8')).toBe('{"id":1}\n{"id":2}\n{"id":3}\n')
  })

  it('closes a source it stops reading because the file failed, and waits for it to close', async () => {
    const { iterable, log } = source(5)
    const failure = await appFailureOf(
      exportAccounts({ source: iterable, path: join(dir, 'a.csv'), format: 'csv', columns: ['id', 'a..b'], redact: false }),
    )
    expect(failure.error.kind).toBe('invalid-input')
    // The column check runs before the file and the source are touched.
    expect(log).toEqual([])
    expect(await readdir(dir)).toEqual([])
  })

  it('a page that fails removes the abort listener and passes the failure on', async () => {
    const { iterable } = source(5, { failAt: 2, failWith: new TypeError('token t0k3n in text') })
    const { signal, listeners } = countingSignal()
    const failure = await appFailureOf(
      exportAccounts({ source: iterable, path: join(dir, 'a.json'), format: 'json', redact: false, signal }),
    )
    expect(failure.error).toEqual({ kind: 'internal', message: 'The export failed unexpectedly (TypeError); no file was written.' })
    expect(listeners()).toBe(0)
    expect(await readdir(dir)).toEqual([])
  })

  it('names only the type of a thrown value that is not an Error', async () => {
    const { iterable } = source(5, { failAt: 1, failWith: 'secret string' })
    const failure = await appFailureOf(exportAccounts({ source: iterable, path: join(dir, 'a.json'), format: 'json', redact: false }))
    expect(failure.error.message).toBe('The export failed unexpectedly (string); no file was written.')
  })

  it('cancelled between pages: stops, closes the source without waiting for it, writes nothing', async () => {
    const { iterable, log } = source(100, { closeMs: 60_000 })
    const { controller, signal } = countingSignal()
    let reports = 0
    const started = Date.now()
    const failure = await appFailureOf(
      exportAccounts({
        source: iterable,
        path: join(dir, 'a.json'),
        format: 'json',
        redact: false,
        signal,
        onProgress: () => {
          reports++
          if (reports === 1) controller.abort()
        },
      }),
    )
    expect(failure.error).toEqual({ kind: 'cancelled', message: 'The export was cancelled; no file was written.' })
    expect(log).toEqual(['closing'])
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(await readdir(dir)).toEqual([])
  })
})
