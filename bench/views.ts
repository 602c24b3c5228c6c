// The Raw JSON and Account views of a 50 MB account in Chromium, measured as a person uses them:
// the browser host (the same handlers and renderer as the desktop app) with Debian's Chromium,
// driven by Playwright. A benchmark, not a test: it reports, it does not fail.
//   node --import tsx bench/views.ts   (after `electron-vite build`; part of `npm run bench`)
// Writes bench/VIEWS.md. The document is made in a temporary folder and deleted afterwards.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { generateAccounts } from '../src/main/emulator/generate'
import { percentile } from './percentile'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const TARGET_BYTES = Number(process.env.BENCH_VIEWS_MB ?? 50) * 1024 ** 2
const out = process.env.APP_OUT_DIR ?? 'out'

/** One account whose lists (contacts, notes, attributes) make it about `bytes` long. */
function bigAccount(bytes: number): unknown {
  const [account] = generateAccounts({ seed: 5, count: 1 }).accounts
  const contact = account.contacts?.[0] ?? {}
  const make = (n: number) => ({
    ...account,
    contacts: Array.from({ length: n }, (_, i) => ({ ...contact, id: i + 1, email: `c${i}@example.com` })),
    notes: Array.from({ length: n }, (_, i) => ({ id: i + 1, content: `Note ${i}: call before delivery`, auditInfo: account.auditInfo })),
    attributes: Array.from({ length: n }, (_, i) => ({
      fullyQualifiedName: `tenant~a${i}`,
      attributeDefinitionId: i,
      values: [`v${i}`, `w${i}`],
    })),
  })
  const per = JSON.stringify(make(1000)).length / 1000
  return make(Math.round(bytes / per))
}

async function startHost(userDataDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(root, out, 'main/web.js'), '--port', '0', '--user-data', userDataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The web host did not start:\n${output}`)), 30_000)
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    })
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

// In-page code is passed as text: the bench runs through tsx, whose helpers do not exist in the page.

/** Long tasks (over 50 ms) the page has had since the last call, longest first. */
async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate<number[]>('window.__long.splice(0).sort((a, b) => b - a)')
}

async function heapBytes(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize
}

/** Frame times while scrolling the element by wheel steps for about `ms`. */
async function scrollFrames(page: Page, selector: string, ms: number): Promise<number[]> {
  await page.hover(selector)
  const collect = page.evaluate<number[]>(`new Promise((resolve) => {
    const frames = []
    let last = performance.now()
    const end = last + ${ms}
    const tick = (now) => {
      frames.push(now - last)
      last = now
      if (now < end) requestAnimationFrame(tick)
      else resolve(frames.slice(1))
    }
    requestAnimationFrame(tick)
  })`)
  const stop = Date.now() + ms
  while (Date.now() < stop) await page.mouse.wheel(0, 400)
  return collect
}

async function treeCounts(page: Page) {
  return page.evaluate<{ inDom: number; visible: number }>(`(() => {
    const tree = document.querySelector('[role="tree"]')
    const rows = tree.querySelectorAll('[role="treeitem"]')
    const rowH = rows[0]?.getBoundingClientRect().height || 1
    return { inDom: rows.length, visible: Math.ceil(tree.clientHeight / rowH) }
  })()`)
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'views-bench-'))
  const file = join(dir, 'big-account.json')
  const load = [loadavg()[0]]
  writeFileSync(file, JSON.stringify(bigAccount(TARGET_BYTES)))
  const bytes = statSync(file).size
  const host = await startHost(join(dir, 'user-data'))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
    await page.addInitScript(`window.__long = []
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.__long.push(entry.duration)))
        .observe({ type: 'longtask', buffered: true })`)
    await page.goto(host.url)
    await page.getByRole('button', { name: 'Files', exact: true }).click()
    await page.getByLabel('File path').fill(file)
    await page.getByRole('button', { name: 'Open', exact: true }).click()
    await page.getByRole('grid').getByRole('row').nth(1).waitFor()
    const heapBefore = await heapBytes(page)
    await longTasks(page)

    // The account is in main once the file is open; from the click to the first rows of Raw JSON.
    let started = Date.now()
    await page.getByRole('grid').getByRole('row').nth(1).click()
    await page.getByRole('tab', { name: 'Raw JSON' }).click()
    await page.getByRole('tree').getByRole('treeitem').first().waitFor()
    const firstRowsMs = Date.now() - started
    const openTasks = await longTasks(page)
    const heapRaw = await heapBytes(page)
    const idle = await treeCounts(page)

    const framesIdle = await scrollFrames(page, '[role="tree"]', 1500)
    await page.getByLabel('Depth').fill('4')
    await longTasks(page)
    started = Date.now()
    await page.getByRole('button', { name: /^Expand/ }).click()
    await page.getByText(/[\d,]{6,} rows/).waitFor()
    const expandMs = Date.now() - started
    const expandTasks = await longTasks(page)
    const deep = await treeCounts(page)
    const framesDeep = await scrollFrames(page, '[role="tree"]', 2000)
    const scrolled = await treeCounts(page)
    await longTasks(page)
    // A toggle: collapse the row at the top of the viewport, then expand it again.
    const row = page.getByRole('tree').locator('[aria-expanded]').first()
    started = Date.now()
    await row.locator('.twisty').dispatchEvent('pointerdown')
    await row.locator('.twisty').dispatchEvent('pointerdown')
    const toggleMs = Date.now() - started
    const toggleTasks = await longTasks(page)
    const heapDeep = await heapBytes(page)

    started = Date.now()
    await page.getByRole('tab', { name: 'Account' }).click()
    await page.getByRole('tabpanel').getByRole('navigation').first().waitFor()
    const accountMs = Date.now() - started
    const accountTasks = await longTasks(page)
    const accountElements = await page.evaluate<number>(`document.querySelector('[role="tabpanel"]').querySelectorAll('*').length`)
    const heapAccount = await heapBytes(page)
    load.push(loadavg()[0])

    const frames = [...framesIdle, ...framesDeep]
    const longest = (tasks: number[]) => (tasks.length ? `${Math.round(tasks[0])} ms` : 'none')
    const mb = (value: number) => `${(value / 1024 ** 2).toFixed(1)} MB`
    const heap = (value: number) =>
      `${mb(value)} (${((value - heapBefore) / bytes).toFixed(2)}× the document above the ${mb(heapBefore)} before)`
    const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS')
    const text = `# Benchmark: the Raw JSON and Account views of a ${mb(bytes)} account in Chromium

Run with \`node --import tsx bench/views.ts\` after \`electron-vite build\` (part of \`npm run bench\`). Playwright drives Debian's Chromium against the browser host (the same handlers and renderer as the desktop app), as a person would: open the file, choose the account, Raw JSON, scroll, expand to depth 4, toggle, then the Account tab. Times include the machine's load; ratios and counts less so.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}
- Machine: ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? 'unknown'}, ${cpus().length} cores, ${Math.round(totalmem() / 1024 ** 2)} MB memory, ${platform()}-${arch()}, Node ${process.version}, Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}
- Load: 1-minute load average ${load[0].toFixed(1)} at the start, ${load[1].toFixed(1)} at the end (${cpus().length} cores)
- Document: one generated account with long lists of contacts, notes and attributes, ${mb(bytes)} of JSON

| Measure | Result | Target | |
| --- | --- | --- | --- |
| First rows of Raw JSON after choosing the account | ${firstRowsMs} ms (longest task ${longest(openTasks)}) | ≤ 1 s | ${verdict(firstRowsMs <= 1000)} |
| Renderer JS heap with the document shown | ${heap(heapRaw)}; expanded to depth 4: ${heap(heapDeep)}; Account tab: ${heap(heapAccount)} | ≤ 3× the document | ${verdict(Math.max(heapRaw, heapDeep, heapAccount) - heapBefore <= 3 * bytes)} |
| Tree rows in the DOM vs rows the viewport shows | ${idle.inDom} / ${idle.visible} collapsed; ${deep.inDom} / ${deep.visible} at depth 4; ${scrolled.inDom} / ${scrolled.visible} scrolled | ≤ 2× | ${verdict([idle, deep, scrolled].every((c) => c.inDom <= 2 * c.visible))} |
| Scroll frames p50 / p95 (${frames.length} frames, wheel scrolling collapsed and at depth 4) | ${percentile(frames, 50).toFixed(1)} ms / ${percentile(frames, 95).toFixed(1)} ms | p95 ≤ 20 ms | ${verdict(percentile(frames, 95) <= 20)} |
| Expand to depth 4 | ${expandMs} ms, longest task ${longest(expandTasks)} | no task over 100 ms | ${verdict((expandTasks[0] ?? 0) <= 100)} |
| Toggle a node (collapse and expand again) | ${toggleMs} ms, longest task ${longest(toggleTasks)} | no task over 100 ms | ${verdict((toggleTasks[0] ?? 0) <= 100)} |
| Account tab | ${accountMs} ms to its first page of lists, ${accountElements.toLocaleString('en-US')} elements, longest task ${longest(accountTasks)} | (no target) | |
`
    writeFileSync(join(root, 'bench', 'VIEWS.md'), text)
    console.log(text)
  } finally {
    await browser.close()
    host.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
