// `npm run bench:big`: a whole-tenant export of 1M accounts (about 3.6 GB, past what JSON.parse
// can read), opened by the app (indexed: fileAccounts.ts) and by DuckDB's read_json, in the same
// run on the same file, each in a fresh process so each one's peak memory is its own.
//   node --import tsx bench/big.ts [--count N] [--keep] [--file accounts.json]
// Needs about 5 GB of disk for 1M (the file and DuckDB's database), in a temporary folder deleted
// afterwards (--keep leaves it; --file measures a file already made, with its count). Writes bench/BIG.md.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { constants } from 'node:buffer'
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { datasetWorkerStart, LEAN_FROM_BYTES, openDataset, type DatasetHandle, type WorkerStart } from '../src/main/datasets'
import { generatedAccount } from '../src/main/emulator/generate'
import { exportAccounts } from '../src/main/exports'
import type { CustomerAccount } from '../src/shared/kibo'
import { percentile } from './percentile'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name: string) => {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}
const COUNT = Number(option('--count') ?? process.env.BENCH_BIG_COUNT ?? 1_000_000)
const SEED = 20250601
const PASSES = 3

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString('en-US')} MB`
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

/**
 * The same questions to both engines: the app's filter language, and DuckDB SQL over the table
 * read_json made (nested lists of structs queried with list functions). `search` is a text column
 * both build from the same fields.
 */
const QUERIES: {
  label: string
  ours: { search?: string; filter?: string; sort?: { field: 'totalOrderAmount'; direction: 'desc' } }
  where: string
  order?: string
}[] = [
  { label: 'search "smith"', ours: { search: 'smith' }, where: `search LIKE '%smith%'` },
  { label: 'search "aisha patel"', ours: { search: 'aisha patel' }, where: `search LIKE '%aisha%' AND search LIKE '%patel%'` },
  { label: 'search "example.org"', ours: { search: 'example.org' }, where: `search LIKE '%example.org%'` },
  { label: 'filter isActive = false', ours: { filter: 'isActive = false' }, where: 'isActive = false' },
  {
    label: 'filter orderCount > 5 and segment VIP',
    ours: { filter: 'commerceSummary.orderCount > 5 and segments.code = "VIP"' },
    where: `commerceSummary.orderCount > 5 AND len(list_filter(segments, s -> s.code = 'VIP')) > 0`,
  },
  {
    label: 'filter amount >= 1000, by amount desc',
    ours: { filter: 'commerceSummary.totalOrderAmount.amount >= 1000', sort: { field: 'totalOrderAmount', direction: 'desc' } },
    where: 'commerceSummary.totalOrderAmount.amount >= 1000',
    order: 'commerceSummary.totalOrderAmount.amount DESC',
  },
  {
    label: 'filter contacts in DE',
    ours: { filter: 'contacts.address.countryCode = "DE"' },
    where: `len(list_filter(contacts, c -> c.address.countryCode = 'DE')) > 0`,
  },
  {
    label: 'filter notes.content contains "delivery"',
    ours: { filter: 'notes.content contains "delivery"' },
    where: `len(list_filter(notes, n -> contains(lower(n.content), 'delivery'))) > 0`,
  },
]

interface Probe {
  openMs: number
  reopenMs: number
  peakRss: number
  count: number
  /** First answer of each query, then PASSES more. */
  first: Record<string, number>
  times: Record<string, number[]>
  totals: Record<string, number>
  diskBytes?: number
}

// ---- the probes, each in its own process ----

async function probeOurs(file: string, workerUrl: string): Promise<Probe> {
  const worker: WorkerStart = { script: new URL(workerUrl), kind: workerUrl.startsWith('data:') ? 'source' : 'built' }
  // As the app opens files: indexes kept in a folder of their own (the app's data folder).
  const indexDir = join(dirname(file), 'indexes')
  let started = performance.now()
  let handle: DatasetHandle = await openDataset(file, { worker, indexDir })
  const openMs = performance.now() - started
  const result = await askAll((q) => handle.query({ offset: 0, limit: 100, ...q.ours }).then((page) => page.total))
  const count = handle.summary.count
  await handle.close()
  started = performance.now()
  handle = await openDataset(file, { worker, indexDir })
  const reopenMs = performance.now() - started
  await handle.close()
  const diskBytes = existsSync(indexDir) ? readdirSync(indexDir).reduce((sum, name) => sum + statSync(join(indexDir, name)).size, 0) : 0
  return { openMs, reopenMs, peakRss: process.resourceUsage().maxRSS * 1024, count, diskBytes, ...result }
}

async function probeDuckdb(file: string, database: string): Promise<Probe> {
  const { DuckDBInstance } = await import('@duckdb/node-api')
  // What the app's search finds an account by (accountIndex.ts searchText), folded the same way.
  const contact = `c -> concat_ws(' ', c.email, c.firstName, c.lastNameOrSurname, c.companyOrOrganization, c.phoneNumbers.home, c.phoneNumbers.mobile, c.phoneNumbers.work, c.address.cityOrTown, c.address.postalOrZipCode)`
  const searchText = `strip_accents(lower(concat_ws(' ', id, firstName, lastName, emailAddress, userName, companyOrOrganization, externalId, taxId, array_to_string(list_transform(contacts, ${contact}), ' '))))`
  let started = performance.now()
  let instance = await DuckDBInstance.create(database)
  let connection = await instance.connect()
  await connection.run(
    `CREATE TABLE accounts AS SELECT *, ${searchText} AS search FROM read_json('${file.replaceAll("'", "''")}', format = 'array', maximum_object_size = 67108864)`,
  )
  const openMs = performance.now() - started
  const scalar = async (sql: string) => Number((await connection.runAndReadAll(sql)).getRows()[0][0])
  const count = await scalar('SELECT count(*) FROM accounts')
  const result = await askAll(async (q) => {
    const total = await scalar(`SELECT count(*) FROM accounts WHERE ${q.where}`)
    await connection.runAndReadAll(`SELECT id FROM accounts WHERE ${q.where} ORDER BY ${q.order ?? 'rowid'} LIMIT 100`)
    return total
  })
  connection.closeSync()
  instance.closeSync()
  started = performance.now()
  instance = await DuckDBInstance.create(database)
  connection = await instance.connect()
  await scalar('SELECT count(*) FROM accounts')
  const reopenMs = performance.now() - started
  connection.closeSync()
  instance.closeSync()
  const diskBytes = statSync(database).size + (existsSync(`${database}.wal`) ? statSync(`${database}.wal`).size : 0)
  return { openMs, reopenMs, peakRss: process.resourceUsage().maxRSS * 1024, count, diskBytes, ...result }
}

async function askAll(ask: (q: (typeof QUERIES)[number]) => Promise<number>) {
  const first: Record<string, number> = {}
  const totals: Record<string, number> = {}
  const times: Record<string, number[]> = {}
  for (const q of QUERIES) {
    const started = performance.now()
    totals[q.label] = await ask(q)
    first[q.label] = performance.now() - started
    times[q.label] = []
  }
  for (let pass = 0; pass < PASSES; pass++)
    for (const q of QUERIES) {
      const started = performance.now()
      await ask(q)
      times[q.label].push(performance.now() - started)
    }
  return { first, times, totals }
}

// ---- the run ----

async function generate(file: string): Promise<{ bytes: number; ms: number }> {
  const started = performance.now()
  async function* pages(): AsyncGenerator<CustomerAccount[]> {
    for (let from = 0; from < COUNT; from += 1000) {
      const page: CustomerAccount[] = []
      for (let i = from; i < Math.min(COUNT, from + 1000); i++) page.push(generatedAccount(SEED, i))
      yield page
    }
  }
  const result = await exportAccounts({ source: pages(), path: file, format: 'json', redact: false })
  return { bytes: result.bytes, ms: performance.now() - started }
}

function workerUrl(): { url: string; note: string } {
  const built = join(root, 'out', 'main', 'dataset-worker.js')
  if (existsSync(built))
    return {
      url: datasetWorkerStart(pathToFileURL(join(root, 'out', 'main', 'index.js')).href).script.href,
      note: 'built out/main/dataset-worker.js',
    }
  return { url: datasetWorkerStart().script.href, note: 'TypeScript sources through tsx (no build found)' }
}

function run(kind: 'ours' | 'duckdb', file: string, extra: string): Probe {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe', kind, file, extra], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 22,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return JSON.parse(output.trim().split('\n').pop()!) as Probe
}

function stats(times: number[]) {
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

function report(file: string, bytes: number, made: { ms: number }, ours: Probe, duck: Probe, notes: { worker: string; load: number[] }) {
  const all = (probe: Probe) => QUERIES.flatMap((q) => probe.times[q.label])
  const oursAll = stats(all(ours))
  const duckAll = stats(all(duck))
  const rows = QUERIES.map((q) => {
    const a = stats(ours.times[q.label])
    const b = stats(duck.times[q.label])
    const same = ours.totals[q.label] === duck.totals[q.label] ? '' : ` (DuckDB: ${duck.totals[q.label].toLocaleString('en-US')})`
    return `| ${q.label} | ${ours.totals[q.label].toLocaleString('en-US')}${same} | ${ms(ours.first[q.label])} | ${ms(a.p50)} / ${ms(a.p95)} | ${ms(duck.first[q.label])} | ${ms(b.p50)} / ${ms(b.p95)} |`
  })
  const text = `# Benchmark: a 1M-account export, the app beside DuckDB

Run with \`npm run bench:big\` (\`node --import tsx bench/big.ts\`; \`--count N\` for another size). Ratios are measured in one run on one machine, on the same file; absolute times are only context.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Machine: ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 2)} MB memory, ${platform()}-${arch()}, Node ${process.version}
- Load: 1-minute load average ${notes.load[0].toFixed(1)} at the start, ${notes.load[1].toFixed(1)} at the end (${cpus().length} cores)
- Data: ${COUNT.toLocaleString('en-US')} accounts from the emulator's generator (seed ${SEED}), written by \`exportAccounts\` as one JSON array, ${mb(bytes)} (${bytes > constants.MAX_STRING_LENGTH ? `past V8's longest string, ${mb(constants.MAX_STRING_LENGTH)}: \`JSON.parse(readFileSync(file, 'utf8'))\` cannot read it` : 'small enough for JSON.parse'}), ${Number.isNaN(made.ms) ? 'made by an earlier run (--file)' : `in ${seconds(made.ms)}. Made in a temporary folder and deleted afterwards`}.
- The app: \`openDataset\` with its defaults, so ${bytes >= LEAN_FROM_BYTES ? 'a file this size is indexed (one pass keeps where each account lies and the list, search and sort columns; accounts are read back from the file when asked)' : `a file under ${mb(LEAN_FROM_BYTES)} is held in memory, not indexed`}. Dataset worker: ${notes.worker}.
- DuckDB ${'(@duckdb/node-api)'}: \`CREATE TABLE accounts AS SELECT *, <search text> FROM read_json(file, format = 'array')\` into a database file, the same search text as a column; each query is a \`count(*)\` and the first 100 ids, as the app's answer is the total and a page.

| Measure | The app | DuckDB | App ÷ DuckDB |
| --- | --- | --- | --- |
| Open (read and index the file) | ${seconds(ours.openMs)} | ${seconds(duck.openMs)} | ${ratio(ours.openMs, duck.openMs)} |
| Peak RSS (fresh process, all threads) | ${mb(ours.peakRss)} = ${(ours.peakRss / bytes).toFixed(2)}× the file | ${mb(duck.peakRss)} = ${(duck.peakRss / bytes).toFixed(2)}× the file | ${ratio(ours.peakRss, duck.peakRss)} |
| Reopen | ${seconds(ours.reopenMs)} (${bytes >= LEAN_FROM_BYTES ? 'reads the index it kept' : 'reads the file again: only indexed files keep an index'}) | ${seconds(duck.reopenMs)} (opens its database file) | ${ratio(ours.reopenMs, duck.reopenMs)} |
| Queries p50 / p95 (all ${QUERIES.length}, ${PASSES} passes after the first) | ${ms(oursAll.p50)} / ${ms(oursAll.p95)} | ${ms(duckAll.p50)} / ${ms(duckAll.p95)} | ${ratio(oursAll.p95, duckAll.p95)} at p95 |
| Disk used besides the file | ${mb(ours.diskBytes ?? 0)} (the kept index) | ${mb(duck.diskBytes ?? 0)} (the database) | ${ratio(ours.diskBytes ?? 0, duck.diskBytes ?? 1)} |
| Accounts | ${ours.count.toLocaleString('en-US')} | ${duck.count.toLocaleString('en-US')} | |

| Query | Matches | App first | App p50 / p95 | DuckDB first | DuckDB p50 / p95 |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

How to read it: the app's first answer to a filter on fields outside its columns (contacts, notes, segments, amounts) reads the whole file through once (with progress and Cancel in the app), then keeps slim copies of the fields it read, so the passes after it are answered from memory; DuckDB has every column in its table from the start, which its open time pays for.
`
  writeFileSync(join(root, 'bench', 'BIG.md'), text)
  console.log(text)
}

async function main() {
  if (args[0] === '--probe') {
    const [, kind, file, extra] = args
    const probe = kind === 'ours' ? await probeOurs(file, extra) : await probeDuckdb(file, extra)
    process.stdout.write(JSON.stringify(probe) + '\n')
    return
  }
  const dir = mkdtempSync(join(tmpdir(), 'big-bench-'))
  const given = option('--file')
  const file = given ?? join(dir, `accounts-${COUNT}.json`)
  const load = [loadavg()[0]]
  try {
    console.log(given ? `Measuring ${file}…` : `Writing ${COUNT.toLocaleString('en-US')} accounts to ${file}…`)
    const made = given ? { ms: NaN } : await generate(file)
    const bytes = statSync(file).size
    console.log(`${mb(bytes)}. Opening it with the app…`)
    const worker = workerUrl()
    // The probe keeps its indexes beside the file: a file measured again is not opened from an earlier run's index.
    rmSync(join(dirname(file), 'indexes'), { recursive: true, force: true })
    const ours = run('ours', file, worker.url)
    console.log(`The app: open ${seconds(ours.openMs)}, peak ${mb(ours.peakRss)}. Reading it with DuckDB…`)
    const duck = run('duckdb', file, join(dir, 'accounts.duckdb'))
    load.push(loadavg()[0])
    report(file, bytes, made, ours, duck, { worker: worker.note, load })
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true })
  }
}

await main()
