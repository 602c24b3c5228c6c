// Soak of the built-in Kibo emulator (the demo tenant runs inside the app, so its memory is the
// app's): rounds of application-token + impersonation requests over loopback, 10 at a time,
// reporting per round the throughput, the resident memory and the emulator's store sizes, and the
// ratio of the last round to the first. Flat means the ratios stay near 1.
// Run: node --import tsx bench/emulatorSoak.ts   (SOAK_ROUNDS, SOAK_PER_ROUND to change the size)
// Writes bench/EMULATOR-SOAK.md.
import { writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import { format, resolveConfig } from 'prettier'
import vm from 'node:vm'
import { DEMO_CLIENT, startEmulator } from '../src/main/emulator'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 6)
const PER_ROUND = Number(process.env.SOAK_PER_ROUND ?? 2_000) // pairs: one token, one impersonation
const PARALLEL = 10

v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0)

// As the app runs it: the demo tenant remembers no secrets.
const emulator = await startEmulator({ seed: 7, accounts: 500, secretMemory: 0 })
const headers = { 'content-type': 'application/json', 'x-vol-tenant': String(emulator.tenant), 'x-vol-site': String(emulator.site) }

async function pair(i: number): Promise<void> {
  const auth = await fetch(`${emulator.url}/platform/applications/authtickets/oauth`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, grant_type: 'client_credentials' }),
  })
  const { access_token } = (await auth.json()) as { access_token: string }
  const accountId = emulator.data.accounts[i % emulator.data.accounts.length].id
  const res = await fetch(`${emulator.url}/commerce/customer/authtickets/impersonatecart`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${access_token}` },
    body: JSON.stringify({ accountId }),
  })
  if (res.status !== 200) throw new Error(`impersonation answered ${res.status}`)
  await res.arrayBuffer()
}

interface Round {
  round: number
  requestsPerSecond: number
  rssMb: number
  heapMb: number
  stores: ReturnType<typeof emulator.storeSizes>
}

const loadBefore = loadavg()[0]
const rounds: Round[] = []
for (let r = 1; r <= ROUNDS; r++) {
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < PER_ROUND) await pair(next++)
    }),
  )
  const seconds = (performance.now() - started) / 1000
  gc()
  const memory = process.memoryUsage()
  const round = {
    round: r,
    requestsPerSecond: Math.round((PER_ROUND * 2) / seconds),
    rssMb: Number(mb(memory.rss)),
    heapMb: Number(mb(memory.heapUsed)),
    stores: emulator.storeSizes(),
  }
  rounds.push(round)
  console.log(
    `round ${r}: ${round.requestsPerSecond} requests/s, RSS ${round.rssMb} MB, heap ${round.heapMb} MB, stores ${JSON.stringify(round.stores)}`,
  )
}
await emulator.close()

const first = rounds[0]
const last = rounds.at(-1)!
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2))
const report = `# Emulator soak

${ROUNDS} rounds of ${PER_ROUND} application-token + impersonation pairs (${PER_ROUND * 2} requests a
round), ${PARALLEL} at a time over loopback, in one process with the emulator. Written by
\`node --import tsx bench/emulatorSoak.ts\` (part of \`npm run bench\`); machine: ${process.platform}
${process.arch}, ${cpus().length} cores, Node ${process.version}; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)}
after (other work on the machine moves requests/s; the store sizes and RSS are the steady measure).

| round | requests/s | RSS (MB) | heap (MB) | app refresh | customer access | customer refresh | secrets | request log |
| ----: | ---------: | -------: | --------: | ----------: | --------------: | ---------------: | ------: | ----------: |
${rounds
  .map(
    (r) =>
      `| ${r.round} | ${r.requestsPerSecond} | ${r.rssMb} | ${r.heapMb} | ${r.stores.appRefresh} | ${r.stores.customerAccess} | ${r.stores.customerRefresh} | ${r.stores.secrets} | ${r.stores.requests} |`,
  )
  .join('\n')}

Last round / first round: throughput ×${ratio(last.requestsPerSecond, first.requestsPerSecond)}, RSS ×${ratio(last.rssMb, first.rssMb)},
heap ×${ratio(last.heapMb, first.heapMb)}.
`
const out = join(root, 'bench', 'EMULATOR-SOAK.md')
// Formatted as the repository's own check expects, so a fresh run leaves the tree clean.
writeFileSync(out, await format(report, { ...(await resolveConfig(out)), parser: 'markdown' }))
console.log(`\nlast/first: throughput ×${ratio(last.requestsPerSecond, first.requestsPerSecond)}, RSS ×${ratio(last.rssMb, first.rssMb)}`)
console.log('Wrote bench/EMULATOR-SOAK.md')
