// The dataset worker: reads one file and answers queries over it, so a 100k-account file never
// blocks the main process. Built as out/main/dataset-worker.js (see electron.vite.config.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { AppFailure, type AppError } from '../../shared/errors'
import type { BundleRecords } from './bundleRecords'
import { Dataset } from './dataset'
import { loadIndex, saveIndex } from './indexFile'
import { parseAccountFile } from './parseFile'
import type { OpenOrder, WorkerReply, WorkerRequest } from './protocol'

const port = parentPort
if (!port) throw new Error('The dataset worker must run in a worker thread.')
const post = (message: WorkerReply) => port.postMessage(message)

// Only our own messages cross: an unexpected error's text could quote the file.
function asAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error
  const name = error instanceof Error ? error.name : typeof error
  return { kind: 'internal', message: `The file could not be read (${name}).` }
}

const order = workerData as OpenOrder
const cancel = new Int32Array(order.cancel)
let dataset: Dataset | null = null
let bundles: BundleRecords | null = null

port.on('message', (request: WorkerRequest) => {
  try {
    if (!dataset || !bundles) throw new AppFailure({ kind: 'internal', message: 'The file is not open.' })
    let value: unknown
    if (request.type === 'query')
      value = dataset.query(request.query, {
        progress: (done, total) => post({ type: 'scan', id: request.id, done, total }),
        cancelled: () => Atomics.load(cancel, 0) === request.id,
      })
    else if (request.type === 'account') value = dataset.account(request.index)
    else {
      dataset.account(request.index) // the same "no customer #n" as an account
      value = bundles.record(request.index)
    }
    post({ type: 'reply', id: request.id, ok: true, value })
  } catch (error) {
    post({ type: 'reply', id: request.id, ok: false, error: asAppError(error) })
  }
})

try {
  // One message per read (4 MB): the main side's progress reporter does the throttling.
  const kept = order.indexDir ? loadIndex(order.indexDir, order.path, { fromBytes: order.leanFromBytes, maxBytes: order.maxBytes }) : null
  const parsed =
    kept ??
    parseAccountFile(order.path, {
      maxBytes: order.maxBytes,
      leanFromBytes: order.leanFromBytes,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    })
  dataset = new Dataset(parsed.source, parsed.index, parsed.views)
  bundles = parsed.bundles
  post({
    type: 'opened',
    shape: parsed.shape,
    count: parsed.index.count,
    bytes: parsed.bytes,
    warnings: parsed.warnings,
    problems: parsed.problems,
    bundles: parsed.bundles.size,
  })
  // After saying it is open: keeping the index must not delay the first look.
  if (order.indexDir && !kept) void saveIndex(order.indexDir, parsed)
} catch (error) {
  post({ type: 'failed', error: asAppError(error) })
}
