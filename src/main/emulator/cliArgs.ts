// Command-line arguments of the standalone emulator (src/main/emulatorCli.ts), kept apart so
// they can be tested without starting a process.
import { parseArgs } from 'node:util'
import { MAX_INT32 } from '../../shared/int32'
import type { EmulatorOptions } from './index'

export const usage = `Usage: node out/main/emulator.js [options]

  --port N                    port on 127.0.0.1 (default 0: any free port)
  --accounts N                how many accounts to generate (default 1000)
  --seed N                    data seed (default 7)
  --tenant N                  tenant id (default 100001)
  --site N                    site id (default 100002)
  --latency MS                delay every response by MS milliseconds
  --app-token-seconds N       application token lifetime (default 3600)
  --access-token-seconds N    customer access token lifetime (default 1800)
  --refresh-token-seconds N   refresh token lifetime (default 86400)
  --json                      print one JSON line {url, tenant, site, clientId} instead of text
  --help                      show this help`

export type CliParse = { ok: true; help: boolean; json: boolean; options: EmulatorOptions } | { ok: false; message: string }

const numeric = {
  port: { min: 0, max: 65535 },
  accounts: { min: 0, max: 1_000_000 },
  seed: { min: 0, max: 4_294_967_295 },
  tenant: { min: 1, max: MAX_INT32 },
  site: { min: 1, max: MAX_INT32 },
  latency: { min: 0, max: 600_000 },
  'app-token-seconds': { min: 1, max: 31_536_000 },
  'access-token-seconds': { min: 1, max: 31_536_000 },
  'refresh-token-seconds': { min: 1, max: 31_536_000 },
} as const
type NumericName = keyof typeof numeric

export function parseCliArgs(argv: string[]): CliParse {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(Object.keys(numeric).map((k) => [k, { type: 'string' as const }])),
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    return { ok: false, message: (e as Error).message }
  }
  const n: Partial<Record<NumericName, number>> = {}
  for (const [name, range] of Object.entries(numeric) as Array<[NumericName, { min: number; max: number }]>) {
    const raw = values[name]
    if (raw === undefined) continue
    if (typeof raw !== 'string' || !/^\d+$/.test(raw))
      return { ok: false, message: `--${name} must be a whole number, got "${String(raw)}"` }
    const v = Number(raw)
    if (v < range.min || v > range.max) return { ok: false, message: `--${name} must be between ${range.min} and ${range.max}, got ${v}` }
    n[name] = v
  }
  return {
    ok: true,
    help: values.help === true,
    json: values.json === true,
    options: {
      port: n.port ?? 0,
      accounts: n.accounts ?? 1000,
      seed: n.seed ?? 7,
      tenant: n.tenant,
      site: n.site,
      faults: n.latency ? { latencyMs: n.latency } : undefined,
      appTokenSeconds: n['app-token-seconds'],
      accessTokenSeconds: n['access-token-seconds'],
      refreshTokenSeconds: n['refresh-token-seconds'],
    },
  }
}
