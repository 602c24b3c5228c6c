// The Kibo client's own cost per call: getAccount through createKiboClient against a bare
// http.request of the same URL with the same headers and keep-alive agent, both reading the body
// and parsing its JSON. Calls alternate (client, bare, client, ...) so load on the machine hits
// both alike; the figure is the ratio of the medians. The emulator runs in its own process, as a
// remote Kibo would, so its work does not share this process's event loop.
// Run: node --import tsx bench/clientOverhead.ts   (OVERHEAD_CALLS to change the count)
// Prints its figures and, with --write, puts them into bench/CLIENT-OVERHEAD.md.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import http from 'node:http'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppTokenCache } from '../src/main/kibo/appAuth'
import { createKiboClient } from '../src/main/kibo/client'
import { resolveEndpoint } from '../src/main/kibo/hosts'
import { DEMO_CLIENT } from '../src/main/emulator'
import { percentile } from './percentile'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const CALLS = Number(process.env.OVERHEAD_CALLS ?? 3000)
const WARMUP = 300

export interface OverheadFigures {
  calls: number
  clientMs: number
  bareMs: number
  ratio: number
  clientP95: number
  bareP95: number
}

async function startEmulatorProcess(): Promise<{ url: string; tenant: number; site: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'main', 'emulatorCli.ts'), '--port', '0', '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const end = out.indexOf('\n')
      if (end >= 0) resolve(out.slice(0, end))
    })
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)))
  })
  const info = JSON.parse(line) as { url: string; tenant: number; site: number }
  return { ...info, stop: () => child.kill('SIGTERM') }
}

export async function measureClientOverhead(calls = CALLS): Promise<OverheadFigures> {
  const emulator = await startEmulatorProcess()
  try {
    const endpoint = resolveEndpoint({ kind: 'demo', tenant: emulator.tenant, site: emulator.site }, { demoUrl: emulator.url })
    const client = createKiboClient({
      endpoint,
      clientId: DEMO_CLIENT.clientId,
      getSecret: async () => DEMO_CLIENT.clientSecret,
      tokenCache: new AppTokenCache(),
      // As the app runs it: every exchange goes to the request log's observer.
      onEvent: () => {},
    })
    const first = await client.searchAccounts({ startIndex: 0, pageSize: 1 })
    const accountId = first.data.items?.[0]?.id
    if (typeof accountId !== 'number') throw new Error('the emulator answered no account to read')
    // The bare side needs a token too; take one the way any caller would.
    const tokenAnswer = await fetch(`${endpoint.authUrl}/platform/applications/authtickets/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...endpoint.headers },
      body: JSON.stringify({ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, grant_type: 'client_credentials' }),
    })
    const token = ((await tokenAnswer.json()) as { access_token: string }).access_token
    const url = new URL(`${endpoint.baseUrl}/commerce/customer/accounts/${accountId}`)
    const agent = new http.Agent({ keepAlive: true })
    const headers = { Accept: 'application/json', ...endpoint.headers, Authorization: `Bearer ${token}` }

    const bare = () =>
      new Promise<unknown>((resolve, reject) => {
        const req = http.request(url, { method: 'GET', headers, agent }, (res) => {
          res.setEncoding('utf8')
          let text = ''
          res.on('data', (chunk: string) => (text += chunk))
          res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`status ${res.statusCode}`))))
          res.on('error', reject)
        })
        req.on('error', reject)
        req.end()
      })
    const viaClient = () => client.getAccount(accountId)

    const clientTimes: number[] = []
    const bareTimes: number[] = []
    for (let i = 0; i < WARMUP + calls; i++) {
      // Alternate which goes first, so neither always follows the other.
      const order = i % 2 === 0 ? ([viaClient, bare] as const) : ([bare, viaClient] as const)
      for (const run of order) {
        const started = performance.now()
        await run()
        const took = performance.now() - started
        if (i >= WARMUP) (run === viaClient ? clientTimes : bareTimes).push(took)
      }
    }
    agent.destroy()
    const clientMs = percentile(clientTimes, 50)
    const bareMs = percentile(bareTimes, 50)
    return {
      calls,
      clientMs,
      bareMs,
      ratio: clientMs / bareMs,
      clientP95: percentile(clientTimes, 95),
      bareP95: percentile(bareTimes, 95),
    }
  } finally {
    emulator.stop()
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const load = loadavg()[0]
  const f = await measureClientOverhead()
  const line = `Kibo client getAccount, median of ${f.calls} interleaved calls: ${f.clientMs.toFixed(3)} ms vs bare http.request ${f.bareMs.toFixed(3)} ms = ${f.ratio.toFixed(2)}× (p95 ${f.clientP95.toFixed(3)} / ${f.bareP95.toFixed(3)} ms; load ${load.toFixed(1)} on ${cpus().length} cores)`
  console.log(line)
  if (process.argv.includes('--write')) writeFileSync(join(root, 'bench', 'CLIENT-OVERHEAD.md'), `# Kibo client overhead\n\n${line}\n`)
}
