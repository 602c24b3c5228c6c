// The main-process side of an opened file: starts its worker, follows its progress, and turns
// queries into messages. A failed or cancelled open ends its own worker and touches nothing else.
import { randomUUID } from 'node:crypto'
import { basename, resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppFailure } from '../../shared/errors'
import type { DatasetPage, DatasetSummary } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'
import { createProgressReporter, type ProgressListener, type ProgressReporter } from '../exports/progress'
import type { DatasetQuery } from './dataset'
import type { OpenOrder, WorkerAsk, WorkerReply, WorkerRequest } from './protocol'
import { datasetWorkerStart, type WorkerStart } from './workerScript'

/** For a query that may walk the file (a filter on fields outside the columns of a large file). */
export interface QueryOptions {
  /** Stops the walk and rejects with kind 'cancelled'. */
  signal?: AbortSignal
  /** Bytes walked of the file's total. */
  onProgress?: ProgressListener
}

export interface DatasetHandle {
  readonly summary: DatasetSummary
  query(query: DatasetQuery, options?: QueryOptions): Promise<DatasetPage>
  account(index: number): Promise<CustomerAccount>
  /** The whole record at `index` as the file holds it (tokens dropped): a customer bundle with its sections. */
  record(index: number): Promise<unknown>
  /** Ends the worker and frees the memory. Later calls fail with not-found. */
  close(): Promise<void>
}

export interface OpenDatasetOptions {
  signal?: AbortSignal
  /** Bytes read of the file's total. */
  onProgress?: ProgressListener
  /** Refuse larger files up front (default: no limit but the disk's). */
  maxBytes?: number
  /** Index files from this size on without holding their accounts (default LEAN_FROM_BYTES). */
  leanFromBytes?: number
  /** Where the indexes of large files are kept, so reopening one is immediate (indexFile.ts). */
  indexDir?: string
  /** The summary's id (default: a random UUID). */
  id?: string
  /** Which worker code to run (default: datasetWorkerStart()). */
  worker?: WorkerStart
}

function queryCancelled(): AppFailure {
  return new AppFailure({ kind: 'cancelled', message: 'Reading the file for the filter was cancelled.' })
}

function stopped(): AppFailure {
  return new AppFailure({ kind: 'internal', message: 'The worker that held this file stopped.', hint: 'Open the file again.' })
}

function workerFailure(error: Error): AppFailure {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
    return new AppFailure({
      kind: 'file',
      message: 'The file is too large to hold in memory.',
      hint: 'Export fewer accounts per file, or close other open files.',
    })
  return new AppFailure({ kind: 'internal', message: `The file reader failed (${error.name}).` })
}

export function openDataset(path: string, options: OpenDatasetOptions = {}): Promise<DatasetHandle> {
  const { signal } = options
  if (signal?.aborted) return Promise.reject(new AppFailure({ kind: 'cancelled', message: 'Opening the file was cancelled.' }))
  const fullPath = resolve(path)
  const cancel = new SharedArrayBuffer(4)
  const order: OpenOrder = {
    path: fullPath,
    maxBytes: options.maxBytes,
    leanFromBytes: options.leanFromBytes,
    indexDir: options.indexDir,
    cancel,
  }
  const worker = new Worker((options.worker ?? datasetWorkerStart()).script, { workerData: order })
  const pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: AppFailure): void; progress?: (done: number, total: number) => void }
  >()
  let nextId = 1
  let closed = false
  let progress: ProgressReporter | null = null
  // The total is known only when the worker first reports; the rate still counts from now.
  const startedAt = performance.now()

  const endAll = (failure: AppFailure) => {
    closed = true
    for (const request of pending.values()) request.reject(failure)
    pending.clear()
  }

  const ask = <T>(request: WorkerAsk, watch: QueryOptions = {}): Promise<T> => {
    if (closed)
      return Promise.reject(new AppFailure({ kind: 'not-found', message: 'That file is no longer open.', hint: 'Open it again.' }))
    const { signal, onProgress } = watch
    if (signal?.aborted) return Promise.reject(queryCancelled())
    const id = nextId++
    return new Promise<T>((resolve, reject) => {
      let reporter: ProgressReporter | null = null
      const startedAt = performance.now()
      const onAbort = () => {
        if (!pending.delete(id)) return
        Atomics.store(new Int32Array(cancel), 0, id)
        reject(queryCancelled())
      }
      const settled =
        <V>(then: (value: V) => void) =>
        (value: V) => {
          signal?.removeEventListener('abort', onAbort)
          then(value)
        }
      pending.set(id, {
        resolve: settled(resolve as (value: unknown) => void),
        reject: settled(reject),
        progress: onProgress
          ? (done, total) => {
              reporter ??= createProgressReporter(total, onProgress, undefined, startedAt)
              if (done >= total) reporter.finish(done)
              else reporter.update(done)
            }
          : undefined,
      })
      signal?.addEventListener('abort', onAbort, { once: true })
      const message: WorkerRequest = { ...request, id }
      worker.postMessage(message)
    })
  }

  return new Promise<DatasetHandle>((resolveOpen, rejectOpen) => {
    let opened = false
    const settle = (failure: AppFailure) => {
      if (opened) return
      opened = true
      signal?.removeEventListener('abort', onAbort)
      endAll(failure)
      void worker.terminate()
      rejectOpen(failure)
    }
    const onAbort = () => settle(new AppFailure({ kind: 'cancelled', message: 'Opening the file was cancelled.' }))
    signal?.addEventListener('abort', onAbort, { once: true })

    worker.on('message', (message: WorkerReply) => {
      switch (message.type) {
        case 'progress':
          progress ??= createProgressReporter(message.total, options.onProgress, undefined, startedAt)
          progress.update(message.done)
          return
        case 'failed':
          settle(new AppFailure(message.error))
          return
        case 'opened': {
          if (opened) return
          opened = true
          signal?.removeEventListener('abort', onAbort)
          ;(progress ?? createProgressReporter(message.bytes, options.onProgress, undefined, startedAt)).finish(message.bytes)
          const summary: DatasetSummary = {
            id: options.id ?? randomUUID(),
            name: basename(fullPath),
            path: fullPath,
            shape: message.shape,
            count: message.count,
            bytes: message.bytes,
            warnings: message.warnings,
            ...(message.problems?.length ? { problems: message.problems } : {}),
            ...(message.bundles > 0 ? { bundles: message.bundles } : {}),
          }
          resolveOpen({
            summary,
            query: (query, watch) => ask<DatasetPage>({ type: 'query', query }, watch),
            account: (index) => ask<CustomerAccount>({ type: 'account', index }),
            record: (index) => ask<unknown>({ type: 'record', index }),
            close: async () => {
              if (closed) return
              endAll(new AppFailure({ kind: 'not-found', message: 'That file was closed.' }))
              await worker.terminate()
            },
          })
          return
        }
        case 'scan':
          pending.get(message.id)?.progress?.(message.done, message.total)
          return
        case 'reply': {
          const request = pending.get(message.id)
          if (!request) return
          pending.delete(message.id)
          if (message.ok) request.resolve(message.value)
          else request.reject(new AppFailure(message.error))
          return
        }
      }
    })
    worker.on('error', (error) => {
      const failure = workerFailure(error)
      settle(failure)
      endAll(failure)
    })
    worker.on('exit', () => {
      settle(stopped())
      endAll(stopped())
    })
  })
}
