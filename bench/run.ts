// Benchmark of opening a 100k-account export, measured as ratios within one run:
//   import time vs a bare JSON.parse(readFileSync(file, 'utf8')) of the same file,
//   peak resident memory of a fresh process that imports it vs the file size,
//   p50/p95 latency of search and filter queries over the opened file.
// Run: node --import tsx bench/run.ts   [--regenerate] [--source-worker]
// Writes bench/RESULTS.md. The data file goes to bench/data/ (gitignored) and is reused.
import { percentile } from './percentile'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, totalmem } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import { datasetWorkerStart, LEAN_FROM_BYTES, openDataset, type WorkerStart } from '../src/main/datasets'
import { generateAccounts } from '../src/main/emulator/generate'
import { exportAccounts } from '../src/main/exports'
import type { CustomerAccount } from '../src/shared/kibo'
import { benchQueries } from './queries'
import { measureClientOverhead } from './clientOverhead'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = new Set(process.argv.slice(2))
const COUNT = Number(process.env.BENCH_COUNT ?? 100_000)
const SEED = 20250601
const IMPORT_RUNS = 3
const QUERY_RUNS = 5
const file = join(root, 'bench', 'data', `accounts-${COUNT}.json`)

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`

const median = (values: number[]) => percentile(values, 50)

async function ensureData(): Promise<void> {
  if (existsSync(file) && !args.has('--regenerate')) return
  mkdirSync(dirname(file), { recursive: true })
  const started = performance.now()
  let accounts: CustomerAccount[] | null = generateAccounts({ seed: SEED, count: COUNT }).accounts
  async function* pages(): AsyncGenerator<CustomerAccount[]> {
    for (let i = 0; i < COUNT; i += 1000) yield accounts!.slice(i, i + 1000)
  }
  const result = await exportAccounts({ source: pages(), path: file, format: 'json', redact: false })
  accounts = null
  console.log(
    `Generated ${result.count} accounts into ${relative(root, file)} (${mb(result.bytes)}) in ${seconds(performance.now() - started)}.`,
  )
}

// The built worker is what the app runs; use it unless it is missing or older than its sources.
function chooseWorker(): { start: WorkerStart; note: string } {
  const built = join(root, 'out', 'main', 'dataset-worker.js')
  const source = datasetWorkerStart()
  if (args.has('--source-worker') || !existsSync(built)) return { start: source, note: 'TypeScript sources through tsx (no build found)' }
  const newest = ['src/main/datasets', 'src/shared/accountFilter', 'src/main/exports']
    .flatMap((folder) => readdirSync(join(root, folder)).map((name) => statSync(join(root, folder, name)).mtimeMs))
    .reduce((a, b) => Math.max(a, b), 0)
  if (statSync(built).mtimeMs < newest)
    return { start: source, note: 'TypeScript sources through tsx (the build is older than the sources)' }
  return { start: datasetWorkerStart(pathToFileURL(join(root, 'out', 'main', 'index.js')).href), note: 'built out/main/dataset-worker.js' }
}

async function measureImport(worker: WorkerStart) {
  const bare: number[] = []
  const ours: number[] = []
  const indexed: number[] = []
  let count = 0
  for (let run = 0; run < IMPORT_RUNS; run++) {
    gc()
    let started = performance.now()
    // Held until it is measured, then dropped before the next collection.
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    bare.push(performance.now() - started)
    void parsed
    gc()
    started = performance.now()
    const handle = await openDataset(file, { worker })
    ours.push(performance.now() - started)
    count = handle.summary.count
    await handle.close()
    gc()
    started = performance.now()
    const lean = await openDataset(file, { worker, leanFromBytes: 0 })
    indexed.push(performance.now() - started)
    await lean.close()
    void parsed
  }
  return { bare: median(bare), ours: median(ours), indexed: median(indexed), count, runs: { bare, ours, indexed } }
}

function measureMemory(worker: WorkerStart, leanFromBytes?: number) {
  const probe = [
    join(root, 'bench', 'memoryProbe.ts'),
    file,
    worker.script.href,
    ...(leanFromBytes === undefined ? [] : [String(leanFromBytes)]),
  ]
  const output = execFileSync(process.execPath, ['--import', 'tsx', ...probe], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  return JSON.parse(output.trim().split('\n').pop()!) as {
    before: number
    peak: number
    sampled: number
    retained: number
    afterQueries: number
    peakAfterQueries: number
    bytes: number
  }
}

async function measureQueries(worker: WorkerStart, leanFromBytes?: number) {
  const handle = await openDataset(file, { worker, leanFromBytes })
  try {
    // First pass, reported apart: it computes each sort order and copies the fields each filter
    // reads (both kept for later queries, as when a person pages, re-sorts or refines a filter).
    const totals = new Map<string, number>()
    const first = new Map<string, number>()
    for (const q of benchQueries) {
      const started = performance.now()
      totals.set(q.label, (await handle.query(q.query)).total)
      first.set(q.label, performance.now() - started)
    }
    const times = new Map<string, number[]>(benchQueries.map((q) => [q.label, []]))
    // Round-robin, so no run is answered from the previous query's cache.
    for (let run = 0; run < QUERY_RUNS; run++) {
      for (const q of benchQueries) {
        const started = performance.now()
        await handle.query(q.query)
        times.get(q.label)!.push(performance.now() - started)
      }
    }
    const of = (kind: 'search' | 'filter') => benchQueries.filter((q) => q.kind === kind).flatMap((q) => times.get(q.label)!)
    const firstOf = (kind: 'search' | 'filter') => benchQueries.filter((q) => q.kind === kind).map((q) => first.get(q.label)!)
    return {
      search: of('search'),
      filter: of('filter'),
      firstSearch: firstOf('search'),
      firstFilter: firstOf('filter'),
      times,
      totals,
      first,
    }
  } finally {
    await handle.close()
  }
}

const loadBefore = loadavg()[0]
await ensureData()
const fileBytes = statSync(file).size
const { start: worker, note: workerNote } = chooseWorker()
console.log(`File: ${relative(root, file)}, ${mb(fileBytes)}. Worker: ${workerNote}.`)

const imported = await measureImport(worker)
const memory = measureMemory(worker)
const queries = await measureQueries(worker)
// The same file indexed instead of held, as files from LEAN_FROM_BYTES on are (fileAccounts.ts).
const leanMemory = measureMemory(worker, 0)
const leanQueries = await measureQueries(worker, 0)
const leanImportRatio = imported.indexed / imported.bare
const leanMemoryRatio = leanMemory.peak / fileBytes
const outside = (q: (typeof benchQueries)[number]) =>
  q.kind === 'filter' && /\b(contacts|notes|segments|commerceSummary|attributes)\./.test(q.query.filter ?? '')
const overhead = await measureClientOverhead()

const importRatio = imported.ours / imported.bare
const memoryRatio = memory.peak / fileBytes
const rows = [
  [
    'Import time (median of 3)',
    `${seconds(imported.ours)} vs JSON.parse ${seconds(imported.bare)} = ${importRatio.toFixed(2)}×`,
    '≤ 1.5× JSON.parse',
    importRatio <= 1.5,
  ],
  [
    'Peak memory (fresh process, RSS incl. worker)',
    `${mb(memory.peak)} for a ${mb(fileBytes)} file = ${memoryRatio.toFixed(2)}× (growth ${((memory.peak - memory.before) / fileBytes).toFixed(2)}×)`,
    '≤ 2.5× file size',
    memoryRatio <= 2.5,
  ],
  [
    'Search p50 / p95',
    `${ms(median(queries.search))} / ${ms(percentile(queries.search, 95))}`,
    'p95 ≤ 50 ms',
    percentile(queries.search, 95) <= 50,
  ],
  [
    'Filter p50 / p95',
    `${ms(median(queries.filter))} / ${ms(percentile(queries.filter, 95))}`,
    'p95 ≤ 50 ms',
    percentile(queries.filter, 95) <= 50,
  ],
  [
    `Kibo client per call vs a bare http.request (getAccount on the emulator, median of ${overhead.calls} interleaved)`,
    `${overhead.clientMs.toFixed(3)} ms vs ${overhead.bareMs.toFixed(3)} ms = ${overhead.ratio.toFixed(2)}×`,
    '≤ 1.1×',
    overhead.ratio <= 1.1,
  ],
  [
    `Indexed (files from ${mb(LEAN_FROM_BYTES)} on): import time (median of 3)`,
    `${seconds(imported.indexed)} vs JSON.parse ${seconds(imported.bare)} = ${leanImportRatio.toFixed(2)}×`,
    '≤ 1.0× JSON.parse',
    leanImportRatio <= 1.0,
  ],
  [
    'Indexed: peak memory (fresh process, RSS incl. worker)',
    `${mb(leanMemory.peak)} for a ${mb(fileBytes)} file = ${leanMemoryRatio.toFixed(2)}× (after every query once: ${mb(leanMemory.afterQueries)})`,
    '≤ 1× file size',
    leanMemoryRatio <= 1,
  ],
  [
    'Indexed: search p50 / p95',
    `${ms(median(leanQueries.search))} / ${ms(percentile(leanQueries.search, 95))}`,
    'p95 ≤ 30 ms',
    percentile(leanQueries.search, 95) <= 30,
  ],
  [
    'Indexed: filter p50 / p95 (after the first run)',
    `${ms(median(leanQueries.filter))} / ${ms(percentile(leanQueries.filter, 95))}`,
    'p95 ≤ 30 ms',
    percentile(leanQueries.filter, 95) <= 30,
  ],
  [
    'Indexed: first run of a filter on fields outside the columns (reads the file through), median / max',
    (() => {
      const firsts = benchQueries.filter(outside).map((q) => leanQueries.first.get(q.label)!)
      return `${seconds(median(firsts))} / ${seconds(Math.max(...firsts))} (${firsts.length} filters)`
    })(),
    '(no target)',
    null,
  ],
  [
    'First run of each query (cold), median / max',
    `search ${ms(median(queries.firstSearch))} / ${ms(Math.max(...queries.firstSearch))}; filter ${ms(median(queries.firstFilter))} / ${ms(Math.max(...queries.firstFilter))}`,
    '(no target)',
    null,
  ],
] as const

const cpu = cpus()
const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${mb(totalmem())} memory, ${platform()}-${arch()}, Node ${process.version}`
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
// Other work on the machine slows everything; ratios suffer less than absolute times.
const load = `1-minute load average ${loadBefore.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (${cpu.length} cores)`

console.log(`\nMachine: ${machine}. ${load}.`)
console.log(['Measure', 'Result', 'Target', ''].join(' | '))
const verdict = (pass: boolean | null) => (pass === null ? '' : pass ? 'PASS' : 'MISS')
for (const [what, result, target, pass] of rows) console.log([what, result, target, verdict(pass)].join(' | '))

const queryLines = benchQueries.map((q) => {
  const t = queries.times.get(q.label)!
  const extra = [
    q.query.search && q.kind === 'filter' ? `search "${q.query.search}"` : '',
    q.query.sort ? `sort ${q.query.sort.field} ${q.query.sort.direction}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  const lean = leanQueries.times.get(q.label)!
  if (leanQueries.totals.get(q.label) !== queries.totals.get(q.label)) throw new Error(`The indexed file answered ${q.label} differently.`)
  return `| ${q.kind} | \`${q.label.replace(/^(search|filter) /, '').replace(/\|/g, '\\|')}\`${extra ? ` (${extra})` : ''} | ${queries.totals.get(q.label)} | ${ms(queries.first.get(q.label)!)} | ${ms(median(t))} | ${ms(Math.max(...t))} | ${ms(leanQueries.first.get(q.label)!)} | ${ms(median(lean))} | ${ms(Math.max(...lean))} |`
})

const report = `# Benchmark: opening a ${COUNT.toLocaleString('en-US')}-account export

Run with \`node --import tsx bench/run.ts\` (or \`npm run bench\`, which builds first and runs \`bench/run.js\`).
Ratios are measured in one run on one machine; absolute times are only context.

- Date: ${date}
- Machine: ${machine}
- Load: ${load}
- Data: \`${relative(root, file)}\`, ${imported.count.toLocaleString('en-US')} accounts from the emulator's generator (seed ${SEED}), written by \`exportAccounts\` as JSON, ${mb(fileBytes)}
- Dataset worker: ${workerNote}

| Measure | Result | Target | |
|---|---|---|---|
${rows.map(([what, result, target, pass]) => `| ${what} | ${result} | ${target} | ${verdict(pass)} |`).join('\n')}

How each is measured:

- **Import**: time from \`openDataset()\` until the worker has parsed every account and built the list index and search text (the file is ready to query), against \`JSON.parse(fs.readFileSync(file, 'utf8'))\` on the main thread of the same process. Runs alternate, GC between; median of ${IMPORT_RUNS} each. Runs: JSON.parse ${imported.runs.bare.map((v) => seconds(v)).join(', ')}; import ${imported.runs.ours.map((v) => seconds(v)).join(', ')}.
- **Indexed**: the same file opened as files from ${mb(LEAN_FROM_BYTES)} on are (\`leanFromBytes: 0\`): one pass keeps where each account lies and the list, search and sort columns, not the accounts; an account is read back from the file when shown. Import runs: ${imported.runs.indexed.map((v) => seconds(v)).join(', ')}. Memory: RSS ${mb(leanMemory.retained)} holding it, ${mb(leanMemory.afterQueries)} after every query once (the filters' slim copies). A filter on fields outside the columns reads the file through on its first run (with progress and Cancel in the app), then answers from the slim copies it kept.
- **Peak memory**: \`bench/memoryProbe.ts\` in a fresh Node process opens the file; peak = max of \`process.resourceUsage().maxRSS\` (covers all threads, so the worker too) and 10 ms samples of \`rss\`. Process RSS before opening: ${mb(memory.before)}; after opening, still holding the dataset: ${mb(memory.retained)}. After every benchmark query has run once (sort orders and the filters' slim field copies are then held too): RSS ${mb(memory.afterQueries)}, peak ${mb(memory.peakAfterQueries)} (${(memory.peakAfterQueries / fileBytes).toFixed(2)}× the file).
- **Queries**: ${benchQueries.length} queries (${benchQueries.filter((q) => q.kind === 'search').length} searches, ${benchQueries.filter((q) => q.kind === 'filter').length} filters, some sorted), first page of 100 rows, round trip through the worker from the main thread. A first pass is reported on its own ("first run"): it computes each sort order and, for filters on nested fields, copies the fields the filter reads into slim per-account copies; both are kept for the life of the open file. Then ${QUERY_RUNS} passes in round-robin, so no query is answered from the previous one's result cache; p50/p95 are over those runs.

| Kind | Query | Matches | First run | Median | Max | Indexed: first run | Median | Max |
|---|---|---|---|---|---|---|---|---|
${queryLines.join('\n')}
`
if (COUNT === 100_000) {
  // The sections other benchmarks write below this one (bench/bundle.ts) stay as they are.
  const results = join(root, 'bench', 'RESULTS.md')
  const current = existsSync(results) ? readFileSync(results, 'utf8') : ''
  const others = current.indexOf('\n<!-- ')
  writeFileSync(results, others >= 0 ? `${report}\n${current.slice(others + 1)}` : report)
  console.log('\nWrote bench/RESULTS.md')
} else console.log(`\nBENCH_COUNT=${COUNT}: bench/RESULTS.md (the 100k record) left as it was.`)
