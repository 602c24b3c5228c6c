// Benchmark of opening a 10,000-customer bundle file (JSON Lines) and showing one customer's every
// view from it, measured as ratios within one run, as the account benchmark (bench/run.ts) is:
//   opening time vs reading the same file with JSON.parse (each line, as JSON Lines is read),
//   peak resident memory of a fresh process that opens it and shows a customer vs the file size,
//   p50/p95 of one customer's every view (every section the views read, from the bundle), against
//   JSON.parse of that customer's line alone.
// The file is made from the emulator's generator: each customer's 360 drawn by CustomerWorld,
// gathered by collectBundle and written by writeBundles, exactly as an export writes it.
// Run: node --import tsx bench/bundle.ts   [--source-worker]
// Writes the "Customer bundles" section of bench/RESULTS.md; the generated file is deleted after.
import { percentile } from './percentile'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, platform, arch, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import { type BundleSections, collectBundle, createBundleSections, type ReadSection, writeBundles } from '../src/main/bundles'
import { datasetWorkerStart, openDataset, type DatasetHandle, type WorkerStart } from '../src/main/datasets'
import { generateAccounts } from '../src/main/emulator/generate'
import { b2bAccount } from '../src/main/emulator/generateB2b'
import { cartSummary } from '../src/main/emulator/generateCommerce'
import { CustomerWorld } from '../src/main/emulator/world'
import type { CustomerBundle, SectionId, SectionQuery, SectionView } from '../src/shared/customer360'
import { AppFailure } from '../src/shared/errors'
import type { CustomerAccount } from '../src/shared/kibo'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const COUNT = Number(process.env.BENCH_BUNDLE_COUNT ?? 10_000)
const SEED = 20251202
const OPEN_RUNS = 3
/** Customers whose every view is shown, spread over the file; each shown twice (cold, then again). */
const CUSTOMERS_SHOWN = 40
const TENANT = 't100001-s100002 demo (bench)'
/**
 * Paged sections (orders, visits, audit log) cut at this many entries, the newest, and so at most
 * this many order details. Uncut, the generator's customers average ~430 KB (18 full orders, each
 * also as its detail), and 10,000 of them would be past the 2 GB a file may have to be opened.
 */
const PAGED_CAP = 5

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`
const median = (values: number[]) => percentile(values, 50)

/**
 * What each view of a customer reads, as the renderer asks (first pages, as shown on opening):
 * Account (login state), Audit, Customer (cards, transactions, purchase order, credits, visits),
 * B2B, Cart, Orders (and the newest order's detail), Wishlists.
 */
const VIEW_READS: Array<Omit<SectionQuery, 'source'>> = [
  { section: 'loginState' },
  { section: 'auditLog', startIndex: 0, pageSize: 50 },
  { section: 'cards' },
  { section: 'transactions' },
  { section: 'purchaseOrder' },
  { section: 'credits' },
  { section: 'visits', startIndex: 0, pageSize: 50 },
  { section: 'b2b' },
  { section: 'cart' },
  { section: 'orders', startIndex: 0, pageSize: 20 },
  { section: 'wishlists' },
]

// ---- the file, from the emulator's generator ----

function page<T>(all: readonly T[], query: { startIndex?: number; pageSize?: number }) {
  const startIndex = query.startIndex ?? 0
  const pageSize = query.pageSize ?? 200
  const items = all.slice(startIndex, startIndex + pageSize)
  return { startIndex, pageSize, pageCount: Math.ceil(all.length / pageSize), totalCount: all.length, items }
}

/** A live reader over the emulator's world: each section as the inspector composes it from Kibo's answers. */
function worldReader(world: CustomerWorld, account: CustomerAccount): ReadSection {
  const c = world.of(account)
  const emptyPage = page([], {})
  return async (query) => {
    const data = ((): unknown => {
      switch (query.section as SectionId) {
        case 'auditLog':
          return page(c.audit, query)
        case 'loginState':
          return c.login
        case 'cards':
          // A profile without the card behaviour is refused: some customers' bundles keep that error.
          if (account.id! % 10 === 3)
            throw new AppFailure({ kind: 'forbidden', message: 'Kibo refused: no card behaviour (403).', status: 403 })
          return { totalCount: c.cards.length, items: c.cards }
        case 'transactions':
          return c.visits.flatMap((v) => v.transactions)
        case 'purchaseOrder':
          return c.purchaseOrder
            ? { account: c.purchaseOrder.account, transactions: page(c.purchaseOrder.transactions, {}), problems: [] }
            : { account: null, transactions: null, problems: [] }
        case 'credits':
          return {
            credits: page(
              c.credits.map((l) => l.credit),
              {},
            ),
            details: Object.fromEntries(
              c.credits.map((l) => [l.credit.code, { transactions: page(l.transactions, {}), auditEntries: page(l.auditEntries, {}) }]),
            ),
            problems: [],
          }
        case 'visits':
          return page(c.visits, query)
        case 'b2b':
          return account.accountType === 'B2B'
            ? {
                account: b2bAccount(world.seed, account, world.b2b()),
                hierarchy: null,
                users: emptyPage,
                attributes: emptyPage,
                problems: [],
              }
            : { account: null, hierarchy: null, users: null, attributes: null, problems: [] }
        case 'cart': {
          const id = account.userId ? world.currentCartId(account.userId) : undefined
          const doc = id ? world.cart(id) : undefined
          if (!doc) throw new AppFailure({ kind: 'not-found', message: 'The shopper has no current cart.', status: 404 })
          return { cart: doc.cart, summary: cartSummary(doc), messages: { items: doc.messages }, via: 'current', problems: [] }
        }
        case 'orders':
          return page(c.orders, query)
        case 'order':
          return c.orders.find((o) => o.id === query.key)
        case 'wishlists':
          return { totalCount: c.wishlists.length, items: c.wishlists }
      }
    })()
    const view: SectionView = {
      section: query.section,
      key: query.key ?? null,
      data,
      readAt: new Date().toISOString(),
      tenant: TENANT,
      from: 'live',
      correlationId: null,
      requestId: null,
    }
    return view
  }
}

async function generate(file: string) {
  const started = performance.now()
  const tenant = generateAccounts({ seed: SEED, count: COUNT })
  const world = new CustomerWorld(tenant, new Map(tenant.accounts.map((a) => [a.id!, a])))
  const signal = new AbortController().signal
  const source = (async function* (): AsyncGenerator<CustomerBundle> {
    for (const account of tenant.accounts) {
      yield await collectBundle({
        account: account as unknown as Record<string, unknown> & { id: number },
        tenant: TENANT,
        read: worldReader(world, account),
        shopper: true,
        signal,
        pagedCap: PAGED_CAP,
      })
    }
  })()
  const written = await writeBundles({ source, path: file, format: 'jsonl', redact: false })
  return { ...written, seconds: (performance.now() - started) / 1000 }
}

// ---- measures ----

/** What reading the file with nothing but JSON.parse costs: each line parsed, as JSON Lines is. */
function bareParse(file: string): number {
  // As bytes: a file past V8's longest string (~512 MB) cannot be read as one string.
  const bytes = readFileSync(file)
  let count = 0
  for (const [start, end] of lineSpans(bytes)) {
    JSON.parse(bytes.toString('utf8', start, end))
    count++
  }
  return count
}

/** [start, end) of each non-empty line. */
function lineSpans(bytes: Buffer): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  let start = 0
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end === -1) end = bytes.length
    if (end > start) spans.push([start, end])
    start = end + 1
  }
  return spans
}

async function measureOpen(file: string, worker: WorkerStart) {
  const bare: number[] = []
  const ours: number[] = []
  let summary: DatasetHandle['summary'] | null = null
  for (let run = 0; run < OPEN_RUNS; run++) {
    gc()
    let started = performance.now()
    bareParse(file)
    bare.push(performance.now() - started)
    gc()
    started = performance.now()
    const handle = await openDataset(file, { worker })
    ours.push(performance.now() - started)
    summary = handle.summary
    await handle.close()
  }
  return { bare: median(bare), ours: median(ours), runs: { bare, ours }, summary: summary! }
}

/** As core's \`bundles\` reads them: through the registry, the customer on screen kept per open file. */
function sectionsOf(handle: DatasetHandle): BundleSections {
  return createBundleSections({ get: () => handle, record: (_id, index) => handle.record(index) })
}

/** Every view of customer `index`, read from the bundle as the views read it; ms. */
async function showCustomer(sections: BundleSections, datasetId: string, index: number): Promise<number> {
  const started = performance.now()
  for (const read of VIEW_READS) {
    try {
      await sections.readSection({ ...read, source: { kind: 'bundle', datasetId, index } })
    } catch (error) {
      // A section kept as its error is shown as that error: reading it is the work measured.
      if (!(error instanceof AppFailure)) throw error
    }
  }
  const orders = await sections.readSection({ section: 'orders', source: { kind: 'bundle', datasetId, index } })
  const first = (orders.data as { items: Array<{ id: string }> }).items[0]
  if (first) await sections.readSection({ section: 'order', key: first.id, source: { kind: 'bundle', datasetId, index } })
  return performance.now() - started
}

async function measureViews(file: string, worker: WorkerStart) {
  const handle = await openDataset(file, { worker })
  const datasetId = handle.summary.id
  const sections = sectionsOf(handle)
  const bytes = readFileSync(file)
  const spans = lineSpans(bytes)
  const line = (index: number) => bytes.toString('utf8', spans[index][0], spans[index][1])
  try {
    const cold: number[] = []
    const warm: number[] = []
    const parseLine: number[] = []
    const lineBytes: number[] = []
    const step = Math.floor(handle.summary.count / CUSTOMERS_SHOWN)
    for (let k = 0; k < CUSTOMERS_SHOWN; k++) {
      const index = k * step + Math.floor(step / 2)
      lineBytes.push(spans[index][1] - spans[index][0])
      cold.push(await showCustomer(sections, datasetId, index))
      warm.push(await showCustomer(sections, datasetId, index))
      const started = performance.now()
      JSON.parse(line(index))
      parseLine.push(performance.now() - started)
    }
    return { cold, warm, parseLine, lineBytes }
  } finally {
    await handle.close()
  }
}

/** In a fresh process: open the file, show one customer's every view, report peak RSS (all threads). */
async function probe(file: string, workerUrl: string) {
  const kind = workerUrl.startsWith('data:') ? 'source' : 'built'
  const before = process.memoryUsage().rss
  let sampled = before
  const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 10)
  const handle = await openDataset(file, { worker: { script: new URL(workerUrl), kind } })
  const sections = sectionsOf(handle)
  await showCustomer(sections, handle.summary.id, Math.floor(handle.summary.count / 2))
  await new Promise((resolve) => setTimeout(resolve, 200))
  clearInterval(timer)
  const retained = process.memoryUsage().rss
  const peak = Math.max(process.resourceUsage().maxRSS * 1024, sampled)
  await handle.close()
  process.stdout.write(JSON.stringify({ before, peak, retained, bytes: handle.summary.bytes }) + '\n')
}

function measureMemory(file: string, worker: WorkerStart) {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe', file, worker.script.href], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  return JSON.parse(output.trim().split('\n').pop()!) as { before: number; peak: number; retained: number; bytes: number }
}

// The built worker is what the app runs; APP_OUT_DIR names the build folder (default out/).
function chooseWorker(): { start: WorkerStart; note: string } {
  const outDir = process.env.APP_OUT_DIR ?? 'out'
  const built = join(root, outDir, 'main', 'dataset-worker.js')
  const source = datasetWorkerStart()
  if (args.includes('--source-worker') || !existsSync(built))
    return { start: source, note: 'TypeScript sources through tsx (no build found)' }
  const newest = ['src/main/datasets', 'src/main/bundles', 'src/main/exports']
    .flatMap((folder) => readdirSync(join(root, folder)).map((name) => statSync(join(root, folder, name)).mtimeMs))
    .reduce((a, b) => Math.max(a, b), 0)
  if (statSync(built).mtimeMs < newest)
    return { start: source, note: 'TypeScript sources through tsx (the build is older than the sources)' }
  return {
    start: datasetWorkerStart(pathToFileURL(join(root, outDir, 'main', 'index.js')).href),
    note: `built ${outDir}/main/dataset-worker.js`,
  }
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL')

function table(rows: string[][]): string {
  const widths = rows[0].map((_c, i) => Math.max(...rows.map((r) => r[i].length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  return [line(rows[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.slice(1).map(line)].join('\n')
}

const BEGIN = '<!-- bundle benchmark: written by bench/bundle.ts -->'
const END = '<!-- end of bundle benchmark -->'

/** Puts the section into RESULTS.md in place of the last one (run.ts rewrites the file above it). */
function record(section: string) {
  const path = join(root, 'bench', 'RESULTS.md')
  const current = existsSync(path) ? readFileSync(path, 'utf8') : ''
  const start = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  const before = start >= 0 ? current.slice(0, start).trimEnd() : current.trimEnd()
  const after = start >= 0 && end > start ? current.slice(end + END.length).trimStart() : ''
  writeFileSync(path, [before, `${BEGIN}\n\n${section.trim()}\n\n${END}`, after].filter((part) => part !== '').join('\n\n') + '\n')
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-bench-'))
  const file = join(dir, `bundles-${COUNT}.jsonl`)
  try {
    const load = loadavg()[0]
    const made = await generate(file)
    console.log(`Generated ${made.count} customer bundles (${mb(made.bytes)}) in ${made.seconds.toFixed(1)} s.`)
    const worker = chooseWorker()
    const open = await measureOpen(file, worker.start)
    const memory = measureMemory(file, worker.start)
    const views = await measureViews(file, worker.start)
    const endLoad = loadavg()[0]

    const openRatio = open.ours / open.bare
    const memRatio = memory.peak / made.bytes
    const warmP95 = percentile(views.warm, 95)
    const coldP95 = percentile(views.cold, 95)
    const perLine = median(views.parseLine)
    const section = `## Customer bundles: opening ${COUNT.toLocaleString('en-US')} customers and showing one

Run with \`node --import tsx bench/bundle.ts\` (or \`npm run bench\`, after the account benchmark). Ratios are measured in one run on one machine; absolute times are only context.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Machine: ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 2)} MB memory, ${platform()}-${arch()}, Node ${process.version}
- Load: 1-minute load average ${load.toFixed(1)} at the start, ${endLoad.toFixed(1)} at the end (${cpus().length} cores)
- Data: ${made.count.toLocaleString('en-US')} customer bundles (JSON Lines, ${mb(made.bytes)}, ${Math.round(made.bytes / made.count / 1024)} KB a customer on average) from the emulator's generator (seed ${SEED}): each customer's 360 drawn by \`CustomerWorld\`, gathered by \`collectBundle\` (paged sections cut at the newest ${PAGED_CAP} entries, so at most ${PAGED_CAP} order details, to stay under the 2 GB a file may have; one customer in ten has its cards kept as a 403) and written by \`writeBundles\`, in ${made.seconds.toFixed(0)} s. Made in a temporary folder and deleted afterwards.
- Dataset worker: ${worker.note}

${table([
  ['Measure', 'Result', 'Target', ''],
  [
    'Open time (median of 3)',
    `${seconds(open.ours)} vs JSON.parse ${seconds(open.bare)} = ${openRatio.toFixed(2)}×`,
    '≤ 1.5× JSON.parse',
    verdict(openRatio <= 1.5),
  ],
  [
    'Peak memory (fresh process, RSS incl. worker)',
    `${mb(memory.peak)} for a ${mb(made.bytes)} file = ${memRatio.toFixed(2)}×`,
    '≤ 2.5× file size',
    verdict(memRatio <= 2.5),
  ],
  [
    "One customer's every view, p50 / p95",
    `${ms(median(views.warm))} / ${ms(warmP95)} (first time: ${ms(median(views.cold))} / ${ms(coldP95)})`,
    'p95 ≤ 50 ms',
    verdict(warmP95 <= 50 && coldP95 <= 50),
  ],
  [
    '… vs JSON.parse of that customer alone',
    `${(median(views.cold) / perLine).toFixed(1)}× first time, ${(median(views.warm) / perLine).toFixed(1)}× again (parse ${ms(perLine)})`,
    '(no target)',
    '',
  ],
])}

How each is measured:

- **Open**: time from \`openDataset()\` until the worker has read every line, checked each bundle, kept its account and where the bundle lies (its sections are not kept) and built the list index: the file is ready to list, search and show. Against reading the same file on the main thread of the same process with \`readFileSync\` and \`JSON.parse\` of each line. Runs alternate, GC between; median of 3 each. Runs: JSON.parse ${open.runs.bare.map(seconds).join(', ')}; open ${open.runs.ours.map(seconds).join(', ')}. Opened: ${open.summary.count} customers, ${open.summary.bundles ?? 0} of them bundles, ${open.summary.warnings.length} warnings.
- **Peak memory**: this script in a fresh Node process (\`--probe\`) opens the file and shows the middle customer's every view; peak = max of \`process.resourceUsage().maxRSS\` (all threads, so the worker too) and 10 ms samples of \`rss\`. RSS before opening: ${mb(memory.before)}; after, still holding the file: ${mb(memory.retained)}. A bundle's sections are read back from the file when a view asks, so what stays is about the accounts, not ${COUNT.toLocaleString('en-US')} whole bundles.
- **Every view**: ${CUSTOMERS_SHOWN} customers spread over the file, each shown twice (first time, then again): the sections the Account, Audit, Customer, B2B, Cart, Orders and Wishlists views read on opening (${VIEW_READS.map((r) => r.section).join(', ')}, then the orders list and the newest order's detail), each one \`customer.section\` call's work from the main process: through \`createBundleSections\` as core uses it: the worker reads the bundle's line back from disk and hands it over once per customer (the customer on screen is kept), the main side checks it and cuts the page asked for. A section kept as its error counts as read. Against \`JSON.parse\` of the customer's line alone (${Math.round(median(views.lineBytes) / 1024)} KB median): the least any reading of it could cost.
`
    console.log(section)
    if (COUNT === 10_000) {
      record(section)
      console.log('Wrote the bundle section of bench/RESULTS.md')
    } else console.log(`BENCH_BUNDLE_COUNT=${COUNT}: bench/RESULTS.md (the 10k record) left as it was.`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (args[0] === '--probe') await probe(args[1], args[2])
else await main()
