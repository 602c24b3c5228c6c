// Kibo's hosts per region, and the hosts that issue application tokens (auth hosts), as Kibo
// documents them: a home host per region (home.mozu.com for US tenants, sandbox and production
// alike; home.euw1.kibocommerce.com for EU), or the tenant's own host in its environment
// (https://t{tenant}.{env}.…/api/platform/applications/authtickets/oauth), which follows the
// environment, sandbox or production. GCP-US (usc1) has no home host of its own in Kibo's
// documents; its applications are issued tokens by home.mozu.com or by the tenant host.
import type { kiboRegions } from './profile'

export type KiboRegionName = (typeof kiboRegions)[number]
export type AuthHostChoice = 'home' | 'tenant'

export const regionHosts: Record<KiboRegionName, { suffix: string; home: string; label: string }> = {
  us: { suffix: 'mozu.com', home: 'home.mozu.com', label: 'US' },
  usc1: { suffix: 'usc1.kibocommerce.com', home: 'home.mozu.com', label: 'US-C1' },
  euw1: { suffix: 'euw1.kibocommerce.com', home: 'home.euw1.kibocommerce.com', label: 'EU' },
}

/** Kibo's sandbox environments; every other (tp1…, stg…) is a tenant pod of a live tenant. */
export const sandboxEnvs: readonly string[] = ['sandbox', 'sb']

export function isSandboxEnv(env: string | undefined): boolean {
  return env !== undefined && sandboxEnvs.includes(env)
}

export interface AuthHostOption {
  value: AuthHostChoice
  /** The API base of the auth host, ending in /api. */
  url: string
  label: string
}

/** The auth hosts Kibo documents for a tenant in this region and environment, the default first. */
export function authHostOptions(region: KiboRegionName, env: string, tenant: number | string): AuthHostOption[] {
  const host = regionHosts[region]
  const kind = isSandboxEnv(env) ? 'sandbox' : 'production'
  const tenantHost = `t${tenant || '{tenant}'}.${env}.${host.suffix}`
  return [
    { value: 'home', url: `https://${host.home}/api`, label: `${host.label} home host, sandbox and production (${host.home})` },
    { value: 'tenant', url: `https://${tenantHost}/api`, label: `Tenant host, ${kind} (${tenantHost})` },
  ]
}

/** The auth URL a Kibo profile uses: the one typed, else the chosen host, else the region's home host. */
export function kiboAuthUrl(region: KiboRegionName, env: string, tenant: number, choice: AuthHostChoice | undefined): string {
  const options = authHostOptions(region, env, tenant)
  return (options.find((o) => o.value === (choice ?? 'home')) ?? options[0]).url
}
