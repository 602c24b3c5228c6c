// Messages between the main process and a dataset worker (one worker per open file).
import type { AccountProblem, AppError, DatasetPage, DatasetSummary } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'
import type { DatasetQuery } from './dataset'

/** workerData: which file to open. The worker starts reading at once. */
export interface OpenOrder {
  path: string
  maxBytes?: number
  leanFromBytes?: number
  /** Where indexes of large files are kept (indexFile.ts); none kept without it. */
  indexDir?: string
  /**
   * One Int32 the main side sets to the id of a request it no longer wants: a walk through the
   * file for that request stops at its next window (the worker cannot read messages mid-walk).
   */
  cancel: SharedArrayBuffer
}

export type WorkerAsk =
  | { type: 'query'; query: DatasetQuery }
  | { type: 'account'; index: number }
  /** The whole record at `index`: a customer bundle with its sections. */
  | { type: 'record'; index: number }
export type WorkerRequest = WorkerAsk & { id: number }

export type WorkerReply =
  | { type: 'progress'; done: number; total: number }
  /** How far request `id` has walked through the file (a filter on fields outside the columns). */
  | { type: 'scan'; id: number; done: number; total: number }
  | {
      type: 'opened'
      shape: DatasetSummary['shape']
      count: number
      bytes: number
      warnings: string[]
      problems: AccountProblem[]
      bundles: number
    }
  | { type: 'failed'; error: AppError }
  | { type: 'reply'; id: number; ok: true; value: DatasetPage | CustomerAccount | unknown }
  | { type: 'reply'; id: number; ok: false; error: AppError }
