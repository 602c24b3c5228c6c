// Where a profile's requests go: the API base of the tenant (and site), the home host that issues
// application tickets, and the x-vol headers Kibo routes by. Pure: no network, no state.
import { AppFailure } from '../../shared/errors'
import { isPositiveInt32 } from '../../shared/int32'
import { kiboAuthUrl, regionHosts } from '../../shared/kiboHosts'
import { kiboEnvs, type Environment } from '../../shared/profile'

export interface KiboEndpoint {
  /** API base, always ending in /api, never a trailing slash. */
  baseUrl: string
  /** Base of the home host that issues application tickets, ending in /api. */
  authUrl: string
  /** x-vol-tenant, x-vol-site, x-vol-master-catalog, x-vol-catalog, where set. */
  headers: Record<string, string>
  /** A short label for a person, e.g. "t12345-s678 · sandbox · US". */
  label: string
}

function configFailure(message: string, hint: string, where?: string): AppFailure {
  return new AppFailure({ kind: 'config', message, hint, ...(where ? { where } : {}) })
}

function tenantSite(env: Environment): string {
  return env.site ? `t${env.tenant}-s${env.site}` : `t${env.tenant}`
}

/**
 * Normalises a base URL typed by a person: http(s) only, no credentials, query or fragment,
 * trailing slashes dropped, and "/api" appended when the URL names only a host.
 */
export function normaliseApiUrl(raw: string, field: string): string {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw configFailure(`The ${field} is not a valid URL.`, 'Enter a URL such as https://t12345.sandbox.mozu.com/api.', field)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw configFailure(`${url.protocol} URLs are not supported.`, 'Use an https:// URL.', field)
  if (url.username || url.password)
    throw configFailure(
      'The URL must not carry a user name or password.',
      'Remove the user:password@ part; the client secret is entered separately.',
      field,
    )
  if (url.search || url.hash) throw configFailure('The URL must not have a query or fragment.', 'Remove everything from ? or # on.', field)
  const path = url.pathname.replace(/\/+$/, '')
  if (path === '') return `${url.origin}/api`
  if (!path.endsWith('/api'))
    throw configFailure(
      `The URL ${url.origin}${path} does not end in /api.`,
      'Kibo API URLs end in /api, e.g. https://t12345.sandbox.mozu.com/api.',
      field,
    )
  return `${url.origin}${path}`
}

function catalogHeaders(env: Environment): Record<string, string> {
  const headers: Record<string, string> = { 'x-vol-tenant': String(env.tenant) }
  if (env.site) headers['x-vol-site'] = String(env.site)
  if (env.masterCatalog) headers['x-vol-master-catalog'] = String(env.masterCatalog)
  if (env.catalog) headers['x-vol-catalog'] = String(env.catalog)
  return headers
}

export function resolveEndpoint(env: Environment, options: { demoUrl?: string } = {}): KiboEndpoint {
  if (!isPositiveInt32(env.tenant))
    throw configFailure('The tenant id must be a positive whole number.', 'Enter the tenant id, e.g. 12345.', 'tenant')
  if (env.site !== undefined && !isPositiveInt32(env.site))
    throw configFailure('The site id must be a positive whole number.', 'Enter the site id, e.g. 678, or leave it empty.', 'site')
  const headers = catalogHeaders(env)
  const who = tenantSite(env)

  switch (env.kind) {
    case 'kibo': {
      const region = env.region
      if (!region || !(region in regionHosts))
        throw configFailure('The profile has no Kibo region.', 'Choose a region (US, US-C1 or EU).', 'region')
      const envName = env.env
      if (!envName || !(kiboEnvs[region] as readonly string[]).includes(envName))
        throw configFailure(
          `${envName ?? 'No environment'} is not an environment of region ${region}.`,
          `Choose one of: ${kiboEnvs[region].join(', ')}.`,
          'env',
        )
      const host = regionHosts[region]
      // A typed auth URL wins; else the chosen auth host, which follows the environment.
      const authUrl = env.authUrl ? normaliseApiUrl(env.authUrl, 'authUrl') : kiboAuthUrl(region, envName, env.tenant, env.authHost)
      return {
        baseUrl: `https://${who}.${envName}.${host.suffix}/api`,
        authUrl,
        headers,
        label: `${who} · ${envName} · ${host.label}`,
      }
    }
    case 'custom': {
      if (!env.baseUrl) throw configFailure('A custom environment needs a base URL.', 'Enter the API base URL, ending in /api.', 'baseUrl')
      const baseUrl = normaliseApiUrl(env.baseUrl, 'baseUrl')
      const authUrl = env.authUrl ? normaliseApiUrl(env.authUrl, 'authUrl') : baseUrl
      return { baseUrl, authUrl, headers, label: `${who} · ${new URL(baseUrl).host}` }
    }
    case 'demo': {
      if (!options.demoUrl)
        throw configFailure('The demo server is not running.', 'Restart the app, or choose a Kibo environment for this profile.')
      const baseUrl = normaliseApiUrl(options.demoUrl, 'demoUrl')
      return { baseUrl, authUrl: baseUrl, headers, label: `${who} · demo` }
    }
    default:
      throw configFailure('The profile has an unknown environment kind.', 'Edit the profile and choose Kibo, custom or demo.', 'kind')
  }
}
