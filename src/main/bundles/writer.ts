// Writes customer bundles as they are read: one customer as one JSON document, many as JSON
// Lines (one bundle a line) so a tenant's worth never sits in memory. Atomic like every export
// (the file appears only when complete), tokens never written, personal data masked on request
// with one mask per export, so a customer masks the same way in every section and every line.
import type { CustomerBundle } from '../../shared/customer360'
import { AppFailure } from '../../shared/errors'
import { AtomicFile } from '../exports/atomicFile'
import { createProgressReporter, type ProgressListener } from '../exports/progress'
import { createRedactor } from '../exports/redaction'
import { withoutSecrets } from '../exports/secrets'

export interface WriteBundlesOptions {
  source: AsyncIterable<CustomerBundle>
  path: string
  /** 'json': exactly one bundle, as one document; 'jsonl': any number, one a line. */
  format: 'json' | 'jsonl'
  redact: boolean
  replace?: boolean
  total?: number | null
  signal?: AbortSignal
  onProgress?: ProgressListener
}

export interface WrittenBundles {
  path: string
  count: number
  bytes: number
}

function cancelled(): AppFailure {
  return new AppFailure({ kind: 'cancelled', message: 'The export was cancelled; no file was written.' })
}

export async function writeBundles(options: WriteBundlesOptions): Promise<WrittenBundles> {
  const { source, path, format, redact, signal } = options
  if (signal?.aborted) throw cancelled()
  const clean: <T>(value: T) => T = redact ? createRedactor().redact : withoutSecrets
  const file = await AtomicFile.create(path, { replace: options.replace })
  const progress = createProgressReporter(options.total, options.onProgress)
  let count = 0
  try {
    for await (const bundle of source) {
      if (signal?.aborted) throw cancelled()
      if (format === 'json' && count === 1) {
        throw new AppFailure({ kind: 'invalid-input', message: 'A single-customer bundle holds one customer; choose JSON Lines for many.' })
      }
      const line = JSON.stringify(clean({ ...bundle, redacted: redact }))
      file.append(line + '\n')
      count++
      await file.flushIfFull()
      progress.update(count)
    }
    if (format === 'json' && count === 0)
      throw new AppFailure({ kind: 'not-found', message: 'There was no customer to export; no file was written.' })
    if (signal?.aborted) throw cancelled()
    const bytes = await file.commit()
    progress.finish(count)
    return { path, count, bytes }
  } catch (error) {
    await file.discard()
    if (error instanceof AppFailure) throw error
    const name = error instanceof Error ? error.name : typeof error
    throw new AppFailure({ kind: 'internal', message: `The export failed unexpectedly (${name}); no file was written.` })
  }
}
