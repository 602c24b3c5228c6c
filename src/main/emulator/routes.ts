// The endpoints: what each one checks and answers. The HTTP plumbing lives in server.ts.
import type { CartAuthTicketRequest, CustomerAccount } from '../../shared/kibo'
import { FieldPaths, queryAccounts } from './accountQuery'
import type { GeneratedTenant } from './generate'
import { KiboHttpError, conflict, invalidParameter, notFound, unauthorized } from './kiboError'
import { type ClientRegistry, type TokenService } from './tokens'
import { checkTenantHeaders } from './guard'
import { CustomerWorld } from './world'
import { type Endpoint, customerEndpoints } from './routes360'
import { commerceEndpoints } from './routesCommerce'

export interface RouteRequest {
  method: string
  /** The path below /api, e.g. /commerce/customer/accounts/1001. */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: unknown
}

export interface RouteResult {
  status: number
  body: unknown
}

export class EmulatorState {
  readonly byId = new Map<number, CustomerAccount>()
  readonly byUserId = new Map<string, CustomerAccount>()
  readonly fields: FieldPaths
  /** The 360 around the accounts (audit log, cards, carts, orders, B2B…), drawn per account on first use. */
  readonly world: CustomerWorld

  constructor(
    readonly data: GeneratedTenant,
    readonly tokens: TokenService,
    readonly clients: ClientRegistry,
  ) {
    for (const a of data.accounts) {
      if (a.id !== undefined) this.byId.set(a.id, a)
      if (a.userId) this.byUserId.set(a.userId, a)
    }
    this.fields = new FieldPaths(data.accounts)
    this.world = new CustomerWorld(data, this.byId)
  }
}

const PLATFORM = 'AppDev'
const OAUTH = '/platform/applications/authtickets/oauth'
const IMPERSONATE = '/commerce/customer/authtickets/impersonatecart'
const REFRESH = '/commerce/customer/authtickets/refresh'
const ACCOUNTS = '/commerce/customer/accounts'

/** Every known path with its methods, for 404 versus 405. */
function methodsFor(path: string): string[] | undefined {
  if (path === OAUTH || path === IMPERSONATE) return ['POST']
  if (path === REFRESH) return ['PUT']
  if (path === ACCOUNTS || /^\/commerce\/customer\/accounts\/[^/]+$/.test(path)) return ['GET']
  return endpointFor(path)?.endpoint.methods
}

const ENDPOINTS: Endpoint[] = [...customerEndpoints, ...commerceEndpoints]

function endpointFor(path: string): { endpoint: Endpoint; match: RegExpExecArray } | undefined {
  for (const endpoint of ENDPOINTS) {
    const match = endpoint.pattern.exec(path)
    if (match) return { endpoint, match }
  }
  return undefined
}

function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined) return {}
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidParameter('body', 'must be a JSON object.')
  return body as Record<string, unknown>
}

function optionalString(body: Record<string, unknown>, name: string, app?: string): string | undefined {
  const v = body[name]
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v !== 'string') throw invalidParameter(name, 'must be a string.', app)
  return v
}

async function oauth(state: EmulatorState, req: RouteRequest): Promise<RouteResult> {
  const body = objectBody(req.body)
  const unknown = Object.keys(body).filter((k) => !['client_id', 'client_secret', 'refresh_token', 'grant_type'].includes(k))
  if (unknown.length > 0) throw invalidParameter(unknown[0], 'is not a field of an OAuth request.', PLATFORM)
  const clientId = optionalString(body, 'client_id', PLATFORM)
  const secret = optionalString(body, 'client_secret', PLATFORM)
  const grant = optionalString(body, 'grant_type', PLATFORM)
  const refreshToken = optionalString(body, 'refresh_token', PLATFORM)
  if (secret) state.tokens.remember(secret)
  if (refreshToken) state.tokens.remember(refreshToken)
  if (grant !== 'client_credentials' && grant !== 'refresh_token')
    throw invalidParameter('grant_type', 'must be client_credentials or refresh_token.', PLATFORM)
  if (!clientId || !secret || !state.clients.check(clientId, secret))
    throw unauthorized('The application credentials are invalid.', PLATFORM)
  if (grant === 'refresh_token') {
    if (!refreshToken) throw invalidParameter('refresh_token', 'is required for grant_type refresh_token.', PLATFORM)
    return { status: 200, body: await state.tokens.refreshAppTicket(clientId, refreshToken) }
  }
  return { status: 200, body: await state.tokens.issueAppTicket(clientId) }
}

function findAccount(state: EmulatorState, req: CartAuthTicketRequest): CustomerAccount {
  const candidates: Array<[string, CustomerAccount]> = []
  if (req.cartId) {
    const owner = state.world.accountOfCart(req.cartId)
    if (!owner) throw notFound(`Cart ${req.cartId} not found.`)
    candidates.push(['cartId', owner])
  }
  if (req.accountId !== undefined) {
    const a = state.byId.get(req.accountId)
    if (!a) throw notFound(`Customer account ${req.accountId} not found.`)
    candidates.push(['accountId', a])
  }
  if (req.userId) {
    const a = state.world.accountOfUser(req.userId, state.byUserId)
    if (!a) throw notFound(`No customer account has user id ${req.userId}.`)
    candidates.push(['userId', a])
  }
  if (candidates.length === 0) throw invalidParameter('cartId', 'or accountId or userId is required.')
  const [first] = candidates
  const other = candidates.find(([, a]) => a !== first[1])
  if (other) throw conflict(`The ${first[0]} and the ${other[0]} given belong to different customer accounts.`)
  return first[1]
}

async function impersonateCart(state: EmulatorState, req: RouteRequest): Promise<RouteResult> {
  checkTenantHeaders(state, req, true)
  const clientId = await state.tokens.verifyAppBearer(req.headers.authorization)
  const body = objectBody(req.body)
  const accountId = body.accountId
  if (accountId !== undefined && accountId !== null && !(Number.isInteger(accountId) && (accountId as number) > 0))
    throw invalidParameter('accountId', 'must be a positive integer.')
  const request = {
    cartId: optionalString(body, 'cartId'),
    accountId: (accountId ?? undefined) as number | undefined,
    userId: optionalString(body, 'userId'),
  }
  const account = findAccount(state, request)
  return { status: 200, body: await state.tokens.issueCustomerTicket(account, clientId, shopperUserId(state, account, request)) }
}

/** Who signs in: the user named, else the user whose cart was named, else the account's own login. */
function shopperUserId(state: EmulatorState, account: CustomerAccount, req: CartAuthTicketRequest): string | undefined {
  if (req.userId && req.userId !== account.userId) return req.userId
  if (req.cartId) {
    const userId = state.world.cart(req.cartId)?.cart.userId
    if (typeof userId === 'string' && userId !== account.userId) return userId
  }
  return undefined
}

async function refresh(state: EmulatorState, req: RouteRequest): Promise<RouteResult> {
  checkTenantHeaders(state, req, true)
  const clientId = await state.tokens.verifyAppBearer(req.headers.authorization)
  const token = req.query.refreshToken
  if (!token) throw invalidParameter('refreshToken', 'is required.')
  const rawAccount = req.query.accountId
  if (rawAccount !== undefined && !/^\d{1,10}$/.test(rawAccount)) throw invalidParameter('accountId', 'must be an integer.')
  const { accountId, asUserId } = state.tokens.consumeCustomerRefresh(token, rawAccount === undefined ? undefined : Number(rawAccount))
  const account = state.byId.get(accountId)
  if (!account) throw notFound(`Customer account ${accountId} not found.`)
  // A B2B buyer's refreshed ticket is still the buyer's, not the account's own login.
  return { status: 200, body: await state.tokens.issueCustomerTicket(account, clientId, asUserId) }
}

async function getAccount(state: EmulatorState, req: RouteRequest, rawId: string): Promise<RouteResult> {
  checkTenantHeaders(state, req, false)
  await state.tokens.verifyAppBearer(req.headers.authorization)
  if (!/^\d{1,10}$/.test(rawId)) throw invalidParameter('accountId', 'must be an integer.')
  const account = state.byId.get(Number(rawId))
  if (!account) throw notFound(`Customer account ${rawId} not found.`)
  return { status: 200, body: account }
}

async function listAccounts(state: EmulatorState, req: RouteRequest): Promise<RouteResult> {
  checkTenantHeaders(state, req, false)
  await state.tokens.verifyAppBearer(req.headers.authorization)
  return { status: 200, body: queryAccounts(state.data.accounts, state.fields, req.query) }
}

export function applicationFor(path: string): string {
  return path.startsWith('/platform/') ? PLATFORM : 'Customer'
}

export async function route(state: EmulatorState, req: RouteRequest): Promise<RouteResult> {
  const methods = methodsFor(req.path)
  if (!methods) throw new KiboHttpError(404, 'ITEM_NOT_FOUND', `No resource at ${req.path}.`, { applicationName: applicationFor(req.path) })
  if (!methods.includes(req.method))
    throw new KiboHttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not supported on ${req.path}.`, {
      applicationName: applicationFor(req.path),
      headers: { allow: methods.join(', ') },
    })
  if (req.path === OAUTH) return oauth(state, req)
  if (req.path === IMPERSONATE) return impersonateCart(state, req)
  if (req.path === REFRESH) return refresh(state, req)
  if (req.path === ACCOUNTS) return listAccounts(state, req)
  const found = endpointFor(req.path)
  if (found) return found.endpoint.handle(state, req, found.match)
  return getAccount(state, req, req.path.slice(ACCOUNTS.length + 1))
}
