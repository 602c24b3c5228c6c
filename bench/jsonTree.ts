// Benchmark of the Raw JSON view's model on a 50 MB document against a 50 KB one, in one run.
// What makes the view smooth is that the work per scrolled window does not grow with the
// document: the ratio of the two window times is the measure (target ≤ 3×), next to the
// absolute p95 against one 60 Hz frame (16 ms) for context. A toggle does grow with the document
// (finding a row's index sums the visible counts of its expanded siblings), so its target is the
// frame itself.
// Run: node --import tsx bench/jsonTree.ts   (npm run bench runs it after the offline benchmark)
import { percentile } from './percentile'
import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generateAccounts } from '../src/main/emulator/generate'
import { JsonTreeModel } from '../src/renderer/src/lib/jsonTree'
import { searchJson } from '../src/renderer/src/lib/jsonSearch'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const WINDOW = 60 // rows on screen plus overscan
const SAMPLES = 400

function documentOf(targetBytes: number) {
  const probe = generateAccounts({ seed: 9, count: 50 }).accounts
  const perAccount = JSON.stringify(probe).length / probe.length
  const count = Math.max(1, Math.round(targetBytes / perAccount))
  const value = { startIndex: 0, totalCount: count, items: generateAccounts({ seed: 9, count }).accounts }
  return { value, bytes: JSON.stringify(value).length }
}

async function measure(value: unknown) {
  const model = new JsonTreeModel(value)
  let started = performance.now()
  model.expandToDepth(4)
  const expandMs = performance.now() - started
  const rows = model.rowCount
  // Scrolling: windows at random places, as a scrollbar drag produces them.
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const windows: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = Math.floor(random() * Math.max(1, rows - WINDOW))
    started = performance.now()
    model.rowsAt(start, WINDOW)
    windows.push(performance.now() - started)
  }
  // A toggle in the middle, then a window there: what a click costs.
  const toggles: number[] = []
  for (let i = 0; i < 50; i++) {
    const row = model.rowAt(Math.floor(random() * rows))
    started = performance.now()
    model.toggle(row.path)
    model.rowsAt(Math.max(0, model.rowIndexOf(row.path) - 10), WINDOW)
    toggles.push(performance.now() - started)
    model.toggle(row.path)
  }
  started = performance.now()
  const found = await searchJson(value, 'cityOrTown', { keys: true, values: false })
  const searchMs = performance.now() - started
  return { rows, expandMs, windowP95: percentile(windows, 95), toggleP95: percentile(toggles, 95), searchMs, matches: found.matches.length }
}

const small = documentOf(50 * 1024)
const large = documentOf(50 * 1024 * 1024)
const a = await measure(small.value)
const b = await measure(large.value)
const ratio = b.windowP95 / Math.max(a.windowP95, 0.001)
const toggleRatio = b.toggleP95 / Math.max(a.toggleP95, 0.001)
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS')
const f = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`

const report = `# Benchmark: the Raw JSON view on a 50 MB document

Run with \`node --import tsx bench/jsonTree.ts\` (part of \`npm run bench\`). Ratios are measured in one run.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Machine: ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 2)} MB memory, Node ${process.version}
- Documents: a Kibo paged collection of generated accounts, ${(small.bytes / 1024).toFixed(0)} KB and ${(large.bytes / 1024 ** 2).toFixed(0)} MB, both expanded to depth 4 (${a.rows.toLocaleString('en-US')} and ${b.rows.toLocaleString('en-US')} visible rows)

| Measure | 50 KB | 50 MB | Ratio | Target | |
|---|---|---|---|---|---|
| Rows for one scrolled window (${WINDOW} rows), p95 of ${SAMPLES} | ${f(a.windowP95)} | ${f(b.windowP95)} | ${ratio.toFixed(2)}× | ≤ 3× (and under one 16 ms frame) | ${pass(ratio <= 3 && b.windowP95 < 16)} |
| Toggle a node and draw its window, p95 of 50 | ${f(a.toggleP95)} | ${f(b.toggleP95)} | ${toggleRatio.toFixed(2)}× | under one 16 ms frame | ${pass(b.toggleP95 < 16)} |
| Expand to depth 4 | ${f(a.expandMs)} | ${f(b.expandMs)} | | (one action, no target) | |
| Search keys for "cityOrTown" (runs in 8 ms slices in the app) | ${f(a.searchMs)} | ${f(b.searchMs)} | | (no target; ${b.matches.toLocaleString('en-US')} matches, capped at 10,000) | |
`
writeFileSync(join(root, 'bench', 'JSON-TREE.md'), report)
console.log(report)
