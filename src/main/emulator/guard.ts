// What every tenant endpoint checks before answering: the tenant and site headers, the
// application's bearer token, and ids in the path.
import type { CustomerAccount } from '../../shared/kibo'
import { invalidParameter, notFound, unauthorized } from './kiboError'
import type { EmulatorState, RouteRequest } from './routes'

export function checkTenantHeaders(state: EmulatorState, req: RouteRequest, siteRequired: boolean): void {
  const { tenant, site } = state.data
  const t = req.headers['x-vol-tenant']
  if (t === undefined) throw invalidParameter('x-vol-tenant', 'header is required.')
  if (!/^\d+$/.test(t)) throw invalidParameter('x-vol-tenant', 'header must be a tenant id.')
  if (Number(t) !== tenant) throw unauthorized(`This application is not authorized for tenant ${t}.`)
  const s = req.headers['x-vol-site']
  if (s === undefined) {
    if (siteRequired) throw invalidParameter('x-vol-site', 'header is required for storefront auth tickets.')
    return
  }
  if (!/^\d+$/.test(s)) throw invalidParameter('x-vol-site', 'header must be a site id.')
  if (Number(s) !== site) throw unauthorized(`Site ${s} does not belong to tenant ${tenant}.`)
}

/** Tenant headers and the application's bearer; returns the client id. */
export async function asApplication(state: EmulatorState, req: RouteRequest, siteRequired = false): Promise<string> {
  checkTenantHeaders(state, req, siteRequired)
  return state.tokens.verifyAppBearer(req.headers.authorization)
}

export function accountFromPath(state: EmulatorState, raw: string, parameter = 'accountId'): CustomerAccount {
  if (!/^\d{1,10}$/.test(raw)) throw invalidParameter(parameter, 'must be an integer.')
  const account = state.byId.get(Number(raw))
  if (!account) throw notFound(`Customer account ${raw} not found.`)
  return account
}
