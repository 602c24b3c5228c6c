// The built-in Kibo emulator: a loopback HTTP server with Kibo's endpoints and shapes. It backs
// the app's Demo tenant, the tests and the benchmarks.
import { randomBytes } from 'node:crypto'
import { DEMO_CLIENT_ID } from '../../shared/demo'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultInjector, type FaultPlan } from './faults'
import { DEFAULT_SITE, DEFAULT_TENANT, type GeneratedTenant, generateAccounts } from './generate'
import { EmulatorState } from './routes'
import { type LoggedRequest, createHandler } from './server'
import { ClientRegistry, TokenService, type StoreSizes } from './tokens'
import type { WorldSizes } from './world'

export type { FaultKind, FaultPlan, FaultRule } from './faults'
export type { GeneratedCart, GeneratedTenant } from './generate'
export type { LoggedRequest } from './server'
export type { StoreSizes } from './tokens'
export type { WorldSizes } from './world'
export { generateAccounts } from './generate'

/** Registered in every emulator. A demo credential, not a secret worth protecting. */
export const DEMO_CLIENT = { clientId: DEMO_CLIENT_ID, clientSecret: 'demo-secret' } as const

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  seed?: number
  accounts?: number
  tenant?: number
  site?: number
  /** Accepted application credentials. Without it, the first secret seen for a client id is remembered. */
  clients?: Record<string, string>
  appTokenSeconds?: number
  accessTokenSeconds?: number
  refreshTokenSeconds?: number
  faults?: FaultPlan
  /** Use this data instead of generating it (e.g. one generated once for many emulators). */
  data?: GeneratedTenant
  /** The clock, in ms since the epoch; tests move it to expire tokens without sleeping. */
  now?: () => number
  /** The JWT signing key; random per instance by default. Two emulators sharing a key trust each other's tokens. */
  jwtKey?: Uint8Array
  /** Live tokens kept per store before the oldest are forgotten (default 10,000). */
  tokenMemory?: number
  /** Secrets remembered for leak searches (default 20,000); 0 for an emulator nobody searches. */
  secretMemory?: number
}

export interface Emulator {
  /** http://127.0.0.1:PORT/api */
  url: string
  tenant: number
  site: number
  data: GeneratedTenant
  setFaults(plan: FaultPlan): void
  /** The last 1000 requests, oldest first, for contract tests. */
  requests: LoggedRequest[]
  /** The latest tokens and secrets issued, accepted or presented, for leak searches. */
  issuedSecrets(): string[]
  /** What the emulator holds in memory, store by store, for soak tests. */
  storeSizes(): StoreSizes & { requests: number }
  /** What of the customers' 360 is drawn and kept: nothing until asked, and never more than a bounded cache. */
  worldSizes(): WorldSizes
  close(): Promise<void>
}

function seconds(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback
  if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${name} must be a positive whole number of seconds`)
  return v
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const tenant = options.tenant ?? options.data?.tenant ?? DEFAULT_TENANT
  const site = options.site ?? options.data?.site ?? DEFAULT_SITE
  const generated = options.data ?? generateAccounts({ seed: options.seed ?? 7, count: options.accounts ?? 200, tenant, site })
  const data: GeneratedTenant = { ...generated, tenant, site }
  const tokens = new TokenService({
    tenant,
    site,
    appTokenSeconds: seconds('appTokenSeconds', options.appTokenSeconds, 3600),
    accessTokenSeconds: seconds('accessTokenSeconds', options.accessTokenSeconds, 1800),
    refreshTokenSeconds: seconds('refreshTokenSeconds', options.refreshTokenSeconds, 86400),
    now: options.now ?? Date.now,
    key: options.jwtKey ?? new Uint8Array(randomBytes(32)),
    tokenMemory: options.tokenMemory,
    secretMemory: options.secretMemory,
  })
  const registered = { ...options.clients, [DEMO_CLIENT.clientId]: DEMO_CLIENT.clientSecret }
  for (const secret of Object.values(registered)) tokens.remember(secret)
  const clients = new ClientRegistry(registered, options.clients === undefined)
  const faults = new FaultInjector(options.faults)
  const requests: LoggedRequest[] = []
  const state = new EmulatorState(data, tokens, clients)
  const handler = createHandler(state, faults, requests)
  const server = createServer((req, res) => void handler(req, res).catch(() => res.destroy()))
  // Idle keep-alive sockets are left for the client to close (fetch does after 4 s): a server that
  // closes first at 5 s races a busy client's next request on the same socket, which then fails
  // with ECONNRESET though nothing was wrong.
  server.keepAliveTimeout = 60_000

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/api`,
    tenant,
    site,
    data,
    setFaults: (plan) => faults.set(plan),
    requests,
    issuedSecrets: () => tokens.issuedSecrets(),
    storeSizes: () => ({ ...tokens.sizes(), requests: requests.length }),
    worldSizes: () => state.world.sizes(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}
