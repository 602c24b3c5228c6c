// Writes accounts to a file as they arrive, page by page: memory stays flat whatever the count.
// The file appears only when complete (see AtomicFile); tokens are never written; PII is masked
// on request.
import { AppFailure } from '../../shared/errors'
import type { ExportFormat } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'
import { AtomicFile } from './atomicFile'
import { CSV_BOM, csvHeader, csvRow, parseColumns } from './csv'
import { createProgressReporter, type ProgressListener } from './progress'
import { createRedactor } from './redaction'
import { withoutSecrets } from './secrets'

export interface ExportOptions {
  source: AsyncIterable<CustomerAccount[]>
  path: string
  format: ExportFormat
  /** CSV only: dotted field paths; arrays along a path are joined with "; ". Default: DEFAULT_CSV_COLUMNS. */
  columns?: string[]
  redact: boolean
  /** The person agreed to replace an existing file; without it an existing file fails with FileExists. */
  replace?: boolean
  /** How many accounts are expected, for the progress ETA; null when unknown. */
  total?: number | null
  signal?: AbortSignal
  onProgress?: ProgressListener
}

interface Encoder {
  start: string
  account(account: CustomerAccount, index: number): string
  end(count: number): string
}

function encoder(format: ExportFormat, columns: string[] | undefined): Encoder {
  switch (format) {
    case 'json':
      // One account per line inside the array: valid JSON that still diffs and greps by line.
      return {
        start: '[',
        account: (account, index) => (index === 0 ? '\n' : ',\n') + JSON.stringify(account),
        end: (count) => (count === 0 ? ']\n' : '\n]\n'),
      }
    case 'jsonl':
      return { start: '', account: (account) => JSON.stringify(account) + '\n', end: () => '' }
    case 'csv': {
      const paths = parseColumns(columns)
      return { start: CSV_BOM + csvHeader(paths), account: (account) => csvRow(account, paths), end: () => '' }
    }
  }
}

/** What was written: the file, how many accounts, how many bytes. */
export interface WrittenExport {
  path: string
  count: number
  bytes: number
}

export async function exportAccounts(options: ExportOptions): Promise<WrittenExport> {
  const { source, path, format, signal } = options
  const encode = encoder(format, options.columns)
  const clean = options.redact ? createRedactor().redact : withoutSecrets
  checkAborted(signal)
  const file = await AtomicFile.create(path, { replace: options.replace })
  const progress = createProgressReporter(options.total, options.onProgress)
  let count = 0
  try {
    file.append(encode.start)
    for await (const page of abortable(source, signal)) {
      for (const account of page) {
        file.append(encode.account(clean(account), count))
        count++
      }
      await file.flushIfFull()
      checkAborted(signal)
      progress.update(count)
    }
    file.append(encode.end(count))
    checkAborted(signal)
    const bytes = await file.commit()
    progress.finish(count)
    return { path, count, bytes }
  } catch (error) {
    await file.discard()
    throw error instanceof AppFailure ? error : unexpected(error)
  }
}

function cancelled(): AppFailure {
  return new AppFailure({ kind: 'cancelled', message: 'The export was cancelled; no file was written.' })
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled()
}

// Only the error's class goes into the message: a source's error text could quote a token.
function unexpected(error: unknown): AppFailure {
  const name = error instanceof Error ? error.name : typeof error
  return new AppFailure({ kind: 'internal', message: `The export failed unexpectedly (${name}); no file was written.` })
}

/**
 * Iterates `source`, but stops at once when `signal` aborts, even while a page is still being
 * fetched: the pending fetch is left to its own signal, and the loop does not wait for it.
 */
async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]()
  let aborted = false
  let finished = false
  try {
    while (true) {
      const next = await raceAbort(iterator.next(), signal)
      if (next === ABORTED) {
        aborted = true
        throw cancelled()
      }
      if (next.done) {
        finished = true
        return
      }
      yield next.value
    }
  } finally {
    if (!finished) {
      // A generator busy in next() would make return() wait for it; don't wait when aborting.
      const closing = Promise.resolve(iterator.return?.()).catch(() => undefined)
      if (!aborted) await closing
    }
  }
}

const ABORTED = Symbol('aborted')

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return promise
  if (signal.aborted) {
    promise.catch(() => undefined)
    return Promise.resolve(ABORTED)
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined)
      resolve(ABORTED)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
