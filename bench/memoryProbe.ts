// Run by bench/run.ts in a fresh process: opens one file and reports the process's peak resident
// memory. ru_maxrss covers every thread, so the dataset worker is included. Prints one JSON line.
import { openDataset } from '../src/main/datasets'
import { benchQueries } from './queries'

const [file, workerUrl, leanFrom] = process.argv.slice(2)
if (!file || !workerUrl) throw new Error('usage: memoryProbe.ts <file> <worker script URL> [leanFromBytes]')

const kind = workerUrl.startsWith('data:') ? 'source' : 'built'
const before = process.memoryUsage().rss
let sampled = before
// Sampling as a cross-check of ru_maxrss; the main thread is idle while the worker parses.
const timer = setInterval(() => {
  sampled = Math.max(sampled, process.memoryUsage().rss)
}, 10)
const handle = await openDataset(file, {
  worker: { script: new URL(workerUrl), kind },
  leanFromBytes: leanFrom === undefined ? undefined : Number(leanFrom),
})
await new Promise((resolve) => setTimeout(resolve, 200))
clearInterval(timer)
const maxRssBytes = process.resourceUsage().maxRSS * 1024
const retained = process.memoryUsage().rss
// Context, not the target: what the sort orders and the filters' slim copies add once every
// benchmark query has run.
for (const q of benchQueries) await handle.query(q.query)
const afterQueries = process.memoryUsage().rss
const peakAfterQueries = process.resourceUsage().maxRSS * 1024
await handle.close()
const report = {
  before,
  peak: Math.max(maxRssBytes, sampled),
  sampled,
  retained,
  afterQueries,
  peakAfterQueries,
  count: handle.summary.count,
  bytes: handle.summary.bytes,
}
process.stdout.write(JSON.stringify(report) + '\n')
