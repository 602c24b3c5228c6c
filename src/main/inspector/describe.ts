import type { Environment } from '../../shared/profile'

/** How a person names where requests go: "tenant 12345, site 678 (sandbox, US)". */
export function describeEnvironment(env: Environment): string {
  const where = `tenant ${env.tenant}${env.site ? `, site ${env.site}` : ''}`
  if (env.kind === 'demo') return `${where} (built-in demo)`
  if (env.kind === 'custom') return `${where} at ${env.baseUrl}`
  return `${where} (${env.env}, ${env.region === 'us' ? 'US' : env.region})`
}
