// The Kibo calls Account Inspector makes, over one dedicated axios instance. Every failure leaves
// as an AppFailure built by hand (see failures.ts); no token or secret is ever part of one.
import { MAX_INT32 } from '../../shared/int32'
import type { CartAuthTicketRequest, CustomerAccount, CustomerAccountCollection, CustomerAuthTicket } from '../../shared/kibo'
import { appTokenKey, AppTokenCache, fetchAppToken } from './appAuth'
import { checkAccount, checkAccountPage, checkTicket, isKiboId as isId, type Unexpected } from './answerChecks'
import { badResponse, invalidInput, unexpectedAnswer, withRequestId, type FailureContext } from './failures'
import type { KiboEndpoint } from './hosts'
import { pageThroughAccounts, type AccountSearch, type PagingOptions } from './paging'
import { execute, type Bearer, type KiboEvent, type Policy } from './request'
import { defaultSleep, type Sleep } from './retry'
import { createTransport, type Transport } from './transport'

export interface KiboResult<T> {
  data: T
  /** Kibo's x-vol-correlation header, worth quoting to Kibo support. */
  correlationId: string | null
  status: number
  /** From the first attempt to the answer, retries and waits included. */
  elapsedMs: number
  /** The request log entry of the exchange that answered. */
  requestId: string
}

export interface KiboClientOptions {
  endpoint: KiboEndpoint
  clientId: string
  /** Called only when an application token must be fetched; the client never keeps the secret. */
  getSecret: () => Promise<string>
  /** Shared across clients so profiles with the same app and home host reuse one token. */
  tokenCache?: AppTokenCache
  timeoutMs?: number
  maxRetries?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** A Retry-After longer than this fails at once as 'rate-limited' (default 60 s). */
  maxRetryAfterMs?: number
  sleep?: Sleep
  random?: () => number
  now?: () => number
  /** Every exchange (redacted), retry and warning: what feeds the request log. */
  onEvent?: (event: KiboEvent) => void
  /** For tests: replace the HTTP exchange. */
  transport?: Transport
}

export interface CallOptions {
  responseFields?: string
  signal?: AbortSignal
}

export type { AccountSearch }

/** One GET of the customer's 360 (see customer360.ts, shopper.ts): what to ask and what to expect. */
export interface ReadSpec<T> {
  /** For a person: "Reading the audit log of account 1001". */
  action: string
  path: string
  query?: Record<string, string | number | boolean | undefined>
  /** Sent besides the tenant and site headers (the shopper's x-vol-user-claims). */
  headers?: Record<string, string>
  /** Secrets this request carries, scrubbed from anything Kibo says back. */
  knownSecrets?: readonly string[]
  check: (json: unknown) => json is T
  /** What the answer should be, for a person: "a page of audit entries". */
  what: string
  holdsUp?: (data: T) => Unexpected | null
}

export interface KiboClient {
  readonly endpoint: KiboEndpoint
  /** A GET with the same token, retries, checks and request log as every other call. */
  read<T>(spec: ReadSpec<T>, signal?: AbortSignal): Promise<KiboResult<T>>
  impersonateCart(request: CartAuthTicketRequest, opts?: CallOptions): Promise<KiboResult<CustomerAuthTicket>>
  refreshTicket(refreshToken: string, opts?: CallOptions & { accountId?: number }): Promise<KiboResult<CustomerAuthTicket>>
  getAccount(accountId: number, opts?: CallOptions): Promise<KiboResult<CustomerAccount>>
  searchAccounts(params: AccountSearch, opts?: { signal?: AbortSignal }): Promise<KiboResult<CustomerAccountCollection>>
  allAccounts(params: Omit<AccountSearch, 'pageSize'>, opts?: PagingOptions): AsyncGenerator<CustomerAccount[]>
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function checkResponseFields(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (trimmed.length > 4000)
    throw invalidInput('responseFields is too long.', 'Keep responseFields under 4000 characters.', 'responseFields')
  return trimmed === '' ? undefined : trimmed
}

export function createKiboClient(options: KiboClientOptions): KiboClient {
  const { endpoint, clientId, getSecret } = options
  const tokenCache = options.tokenCache ?? new AppTokenCache()
  const transport = options.transport ?? createTransport()
  const policy: Policy = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: Math.max(0, options.maxRetries ?? 3),
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    now: options.now ?? (() => performance.now()),
    emit: (event) => {
      try {
        options.onEvent?.(event)
      } catch {
        // An observer's bug must not break a request.
      }
    },
  }
  const key = appTokenKey(endpoint.authUrl, clientId)
  // Tokens handed out by this client, so anything Kibo echoes back can be scrubbed of them.
  const seenTokens = new Set<string>()

  const bearer: Bearer = {
    get: async (signal) => {
      if (!clientId.trim())
        throw invalidInput('This profile has no client ID.', 'Enter the application key (client ID) from Dev Center.', 'clientId')
      const token = await tokenCache.get(
        key,
        () => fetchAppToken(transport, policy, { authUrl: endpoint.authUrl, clientId, getSecret }),
        signal,
        (message) => policy.emit({ type: 'warning', action: 'Getting an application token', message }),
      )
      seenTokens.add(token)
      if (seenTokens.size > 16) seenTokens.delete(seenTokens.values().next().value as string)
      return token
    },
    reject: (token) => tokenCache.invalidate(key, token),
  }

  function context(action: string, extra: Partial<FailureContext> = {}): FailureContext {
    return { action, ...extra, knownSecrets: [...seenTokens, ...(extra.knownSecrets ?? [])] }
  }

  async function run<T>(
    ctx: FailureContext,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    body: unknown,
    signal: AbortSignal | undefined,
    check: (json: unknown) => json is T,
    what: string,
    holdsUp: (data: T) => Unexpected | null = () => null,
    headers: Record<string, string> = {},
  ): Promise<KiboResult<T>> {
    const answer = await execute(transport, policy, {
      ctx,
      method,
      baseUrl: endpoint.baseUrl,
      path,
      query,
      headers: { ...endpoint.headers, ...headers },
      body,
      signal,
      bearer,
    })
    if (!check(answer.json))
      throw withRequestId(badResponse(ctx, `with a body that is not ${what}`, answer.status, answer.correlationId), answer.requestId)
    const problem = holdsUp(answer.json)
    if (problem)
      throw withRequestId(unexpectedAnswer(ctx, problem.sentence, problem.where, answer.status, answer.correlationId), answer.requestId)
    return {
      data: answer.json,
      correlationId: answer.correlationId,
      status: answer.status,
      elapsedMs: answer.elapsedMs,
      requestId: answer.requestId,
    }
  }

  const isTicket = (json: unknown): json is CustomerAuthTicket => isObject(json)
  const isAccount = (json: unknown): json is CustomerAccount => isObject(json)
  const isCollection = (json: unknown): json is CustomerAccountCollection =>
    isObject(json) && (json.items === undefined || json.items === null || Array.isArray(json.items))

  const client: KiboClient = {
    endpoint,

    read(spec, signal) {
      const ctx = context(spec.action, { knownSecrets: spec.knownSecrets ?? [] })
      return run(ctx, 'GET', spec.path, spec.query ?? {}, undefined, signal, spec.check, spec.what, spec.holdsUp, spec.headers)
    },

    // Retrying this POST is safe: impersonation only issues a ticket and changes no cart or account.
    async impersonateCart(request, opts = {}) {
      const body: CartAuthTicketRequest = {}
      if (typeof request.cartId === 'string' && request.cartId.trim()) body.cartId = request.cartId.trim()
      if (request.accountId !== undefined && request.accountId !== null) {
        if (!isId(request.accountId))
          throw invalidInput('The account id must be a positive whole number.', 'Enter an account id such as 1001.', 'accountId')
        body.accountId = request.accountId
      }
      if (typeof request.userId === 'string' && request.userId.trim()) body.userId = request.userId.trim()
      if (Object.keys(body).length === 0)
        throw invalidInput('Nothing to impersonate.', 'Enter a cart id, an account id or a user id.', 'target')
      const responseFields = checkResponseFields(opts.responseFields)
      return run(
        context('Impersonating the cart'),
        'POST',
        '/commerce/customer/authtickets/impersonatecart',
        { responseFields },
        body,
        opts.signal,
        isTicket,
        'a customer ticket',
        (ticket) => checkTicket(ticket as Record<string, unknown>, body.accountId),
      )
    },

    // A retried refresh may meet a token Kibo already rotated; that surfaces as 'auth-expired',
    // whose remedy (impersonate again) is right either way.
    async refreshTicket(refreshToken, opts = {}) {
      if (typeof refreshToken !== 'string' || refreshToken === '')
        throw invalidInput('There is no refresh token to use.', 'Impersonate the cart again.', 'refreshToken')
      // The account id here comes from the ticket held, never from the person: say so.
      if (opts.accountId !== undefined && !isId(opts.accountId))
        throw invalidInput(
          `The ticket held is for account id ${String(opts.accountId)}, which is not a positive whole number.`,
          'Impersonate the customer again.',
          'accountId',
        )
      const responseFields = checkResponseFields(opts.responseFields)
      const ctx = context('Refreshing the ticket', { refresh: true, knownSecrets: [refreshToken] })
      const query = { refreshToken, accountId: opts.accountId, responseFields }
      return run(ctx, 'PUT', '/commerce/customer/authtickets/refresh', query, undefined, opts.signal, isTicket, 'a customer ticket', (t) =>
        checkTicket(t as Record<string, unknown>, opts.accountId),
      )
    },

    async getAccount(accountId, opts = {}) {
      if (!isId(accountId))
        throw invalidInput('The account id must be a positive whole number.', 'Enter an account id such as 1001.', 'accountId')
      const responseFields = checkResponseFields(opts.responseFields)
      return run(
        context(`Reading account ${accountId}`),
        'GET',
        `/commerce/customer/accounts/${accountId}`,
        { responseFields },
        undefined,
        opts.signal,
        isAccount,
        'an account',
        (account) => checkAccount(account as Record<string, unknown>, accountId),
      )
    },

    async searchAccounts(params, opts = {}) {
      const { startIndex, pageSize, sortBy, filter, q } = params
      if (startIndex !== undefined && !(Number.isInteger(startIndex) && startIndex >= 0 && startIndex <= MAX_INT32))
        throw invalidInput('startIndex must be a whole number, 0 or more.', 'Start from 0.', 'startIndex')
      if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 200))
        throw invalidInput('pageSize must be between 1 and 200.', 'Kibo returns at most 200 accounts a page.', 'pageSize')
      const query = {
        startIndex,
        pageSize,
        sortBy: sortBy?.trim() || undefined,
        filter: filter?.trim() || undefined,
        q: q?.trim() || undefined,
        responseFields: checkResponseFields(params.responseFields),
      }
      return run(
        context('Searching accounts'),
        'GET',
        '/commerce/customer/accounts',
        query,
        undefined,
        opts.signal,
        isCollection,
        'a page of accounts',
        (page) => checkAccountPage(page),
      )
    },

    allAccounts(params, opts = {}) {
      return pageThroughAccounts((page, signal) => client.searchAccounts(page, { signal }), params, opts)
    },
  }
  return client
}
