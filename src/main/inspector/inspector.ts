// Impersonation per profile: a Kibo client and app-token cache of its own for each profile, the
// customer ticket of the last impersonation held in memory only, and redaction on the way out:
// what leaves here for the renderer holds no token.
import type { AccountPage, ImpersonationView, TicketView } from '../../shared/contract'
import type { SectionQuery, SectionView } from '../../shared/customer360'
import { fail } from '../../shared/errors'
import type { CustomerAccount, CustomerAuthTicket } from '../../shared/kibo'
import type { ImpersonationTarget, Profile } from '../../shared/profile'
import { AppTokenCache, createKiboClient, resolveEndpoint, ticketView, type KiboClient } from '../kibo'
import { profileGone } from '../profiles/profileGone'
import { describeEnvironment } from './describe'
import { readLiveSection, type ShopperTicket } from './sections'
import { RequestLog } from './requestLog'

export interface InspectorDeps {
  getProfile(id: string): Profile | undefined
  /** The client secret for a profile, or null when none is stored. */
  getSecret(profile: Profile): Promise<string | null>
  /** The built-in emulator's API URL; starts it on first use. */
  demoUrl(): Promise<string>
  /** The current request timeout (a setting), read when a client is built. */
  timeoutMs?: () => number
  /** Wall-clock ms (tests move it to reach a ticket's expiry). */
  now?: () => number
}

/** A shopper call refreshes the ticket first when its access token has less than this left. */
const TICKET_REFRESH_MARGIN_MS = 60_000

interface HeldTicket {
  ticket: CustomerAuthTicket
  view: TicketView
  accountId: number | null
  /** The cart the impersonation named, so the Cart view shows that cart. */
  cartId: string | null
}

interface ProfileClient {
  signature: string
  client: KiboClient
}

export class Inspector {
  readonly #deps: InspectorDeps
  readonly #clients = new Map<string, ProfileClient>()
  readonly #tokenCaches = new Map<string, AppTokenCache>()
  readonly #tickets = new Map<string, HeldTicket>()
  /** Bumped whenever a profile's settings change or it is forgotten: an answer to an older
   *  generation's request is dropped, whatever it was for. */
  readonly #generations = new Map<string, number>()
  /** Every Kibo call of the session, per profile, redacted. */
  readonly requestLog = new RequestLog()

  constructor(deps: InspectorDeps) {
    this.#deps = deps
  }

  async impersonate(
    profileId: string,
    request: { target: ImpersonationTarget; responseFields?: string; confirmProduction?: boolean },
    signal: AbortSignal,
  ): Promise<ImpersonationView> {
    const profile = this.#profile(profileId)
    const { accountId, cartId, userId } = request.target
    if (accountId === undefined && !cartId && !userId) {
      fail('invalid-input', 'Say whom to impersonate: an account id, a cart id or a user id.', { where: 'target' })
    }
    if (profile.production && !request.confirmProduction) {
      fail(
        'confirmation-required',
        `“${profile.name}” is a production profile: this acts on ${describeEnvironment(profile.environment)}.`,
        {
          hint: 'Confirm to impersonate on production.',
        },
      )
    }
    const generation = this.#generation(profileId)
    const client = await this.#client(profile)
    const responseFields = request.responseFields?.trim() || undefined
    const result = await client.impersonateCart(
      { ...(accountId !== undefined ? { accountId } : {}), ...(cartId ? { cartId } : {}), ...(userId ? { userId } : {}) },
      { responseFields, signal },
    )
    this.#checkStillCurrent(profileId, generation, signal)
    const held = this.#hold(profileId, result.data, result.data.customerAccount?.id ?? accountId ?? null, cartId?.trim() || null)
    return {
      profileId,
      ticket: held.view,
      account: result.data.customerAccount ?? null,
      responseFields: responseFields ?? null,
      correlationId: result.correlationId,
      elapsedMs: result.elapsedMs,
    }
  }

  async refreshTicket(profileId: string, signal: AbortSignal): Promise<TicketView> {
    const profile = this.#profile(profileId)
    const held = this.#tickets.get(profileId)
    const refreshToken = held?.ticket.refreshToken
    if (!held || !refreshToken) {
      fail('invalid-input', 'There is no customer ticket to refresh for this profile.', { hint: 'Impersonate a customer first.' })
    }
    const generation = this.#generation(profileId)
    const client = await this.#client(profile)
    const result = await client.refreshTicket(refreshToken, {
      signal,
      ...(held.accountId !== null ? { accountId: held.accountId } : {}),
    })
    this.#checkStillCurrent(profileId, generation, signal)
    // Kibo's refresh answer may leave out the account; keep the one we had.
    return this.#hold(profileId, result.data, held.accountId, held.cartId).view
  }

  async searchAccounts(
    profileId: string,
    params: { q?: string; filter?: string; sortBy?: string; startIndex: number; pageSize: number; responseFields?: string },
    signal: AbortSignal,
  ): Promise<AccountPage> {
    const client = await this.#client(this.#profile(profileId))
    const clean = (value?: string) => (value?.trim() ? value.trim() : undefined)
    const result = await client.searchAccounts(
      {
        startIndex: params.startIndex,
        pageSize: params.pageSize,
        q: clean(params.q),
        filter: clean(params.filter),
        sortBy: clean(params.sortBy),
        responseFields: clean(params.responseFields),
      },
      { signal },
    )
    const data = result.data
    return {
      startIndex: data.startIndex ?? params.startIndex,
      pageSize: data.pageSize ?? params.pageSize,
      pageCount: data.pageCount ?? 0,
      totalCount: data.totalCount ?? data.items?.length ?? 0,
      items: data.items ?? [],
    }
  }

  async getAccount(
    profileId: string,
    accountId: number,
    responseFields: string | undefined,
    signal: AbortSignal,
  ): Promise<CustomerAccount> {
    const client = await this.#client(this.#profile(profileId))
    return (await client.getAccount(accountId, { responseFields: responseFields?.trim() || undefined, signal })).data
  }

  /** Every account of the tenant, for exports: a few pages in flight at once, kind to Kibo's limits. */
  async allAccounts(profileId: string, params: { q?: string; filter?: string; sortBy?: string }, signal: AbortSignal) {
    const client = await this.#client(this.#profile(profileId))
    return client.allAccounts(params, { signal, concurrency: 4 })
  }

  /** One section of a customer's 360, live from this profile. */
  async readSection(profileId: string, query: SectionQuery, signal: AbortSignal): Promise<SectionView> {
    const profile = this.#profile(profileId)
    const source = query.source
    if (source.kind !== 'live' || source.profileId !== profileId) fail('invalid-input', 'A live section is read from its own profile.')
    const generation = this.#generation(profileId)
    const client = await this.#client(profile)
    const tenant = profile.environment.kind === 'demo' ? describeEnvironment(profile.environment) : client.endpoint.label
    const view = await readLiveSection(
      {
        client,
        accountId: source.accountId,
        tenant,
        shopperTicket: (s) => this.#shopperTicket(profileId, source.accountId, s),
        now: () => new Date(this.#now()),
      },
      query,
      signal,
    )
    this.#checkStillCurrent(profileId, generation, signal)
    return view
  }

  /**
   * The ticket to call Kibo as this account's shopper: only the one held for this very account
   * (a ticket never speaks for another customer), refreshed first when about to expire.
   */
  async #shopperTicket(profileId: string, accountId: number, signal: AbortSignal): Promise<ShopperTicket> {
    let held = this.#tickets.get(profileId)
    if (!held || held.accountId !== accountId) {
      fail('invalid-input', `There is no customer ticket for account ${accountId}: what the shopper sees is read as that shopper.`, {
        hint: `Impersonate account ${accountId}, then read this section again.`,
        where: 'ticket',
      })
    }
    const expires = Date.parse(held.ticket.accessTokenExpiration ?? '')
    if (!Number.isNaN(expires) && expires - this.#now() < TICKET_REFRESH_MARGIN_MS) {
      await this.refreshTicket(profileId, signal)
      held = this.#tickets.get(profileId)
      if (!held || held.accountId !== accountId)
        fail('cancelled', 'The customer ticket changed while it was being refreshed.', { hint: 'Run it again.' })
    }
    const accessToken = held.ticket.accessToken
    if (typeof accessToken !== 'string' || accessToken === '') {
      fail('auth-expired', 'The customer ticket held has no access token to call Kibo as the shopper.', {
        hint: `Impersonate account ${accountId} again.`,
        where: 'ticket',
      })
    }
    return { claims: { accessToken }, cartId: held.cartId }
  }

  #now(): number {
    return this.#deps.now?.() ?? Date.now()
  }

  ticketView(profileId: string): TicketView | null {
    return this.#tickets.get(profileId)?.view ?? null
  }

  /** Forget everything held for a profile: its client, app token and customer ticket. */
  forget(profileId: string): void {
    this.#clients.delete(profileId)
    this.#tokenCaches.get(profileId)?.clear()
    this.#tokenCaches.delete(profileId)
    this.#tickets.delete(profileId)
    this.requestLog.clear(profileId)
    this.#bump(profileId)
  }

  /** A profile's settings changed: its next call builds a new client (its ticket stays). */
  profileChanged(profileId: string): void {
    this.#clients.delete(profileId)
    this.#tokenCaches.get(profileId)?.clear()
    this.#bump(profileId)
  }

  #generation(profileId: string): number {
    return this.#generations.get(profileId) ?? 0
  }

  #bump(profileId: string): void {
    this.#generations.set(profileId, this.#generation(profileId) + 1)
  }

  #profile(id: string): Profile {
    return this.#deps.getProfile(id) ?? profileGone()
  }

  #hold(profileId: string, ticket: CustomerAuthTicket, accountId: number | null, cartId: string | null): HeldTicket {
    const held = { ticket, view: { ...ticketView(ticket, new Date(this.#now())), accountId }, accountId, cartId }
    this.#tickets.set(profileId, held)
    return held
  }

  /** A profile edited or deleted while its request was in flight must not receive the answer. */
  #checkStillCurrent(profileId: string, generation: number, signal: AbortSignal) {
    if (signal.aborted) fail('cancelled', 'The request was cancelled.')
    if (this.#deps.getProfile(profileId) === undefined) fail('cancelled', 'The profile was deleted while the request was running.')
    if (this.#generation(profileId) !== generation) {
      fail('cancelled', 'The profile changed while the request was running.', { hint: 'Run it again.' })
    }
  }

  async #client(profile: Profile): Promise<KiboClient> {
    const demoUrl = profile.environment.kind === 'demo' ? await this.#deps.demoUrl() : undefined
    const endpoint = resolveEndpoint(profile.environment, { demoUrl })
    const timeoutMs = this.#deps.timeoutMs?.()
    const signature = JSON.stringify([endpoint.baseUrl, endpoint.authUrl, endpoint.headers, profile.clientId, timeoutMs])
    const existing = this.#clients.get(profile.id)
    if (existing?.signature === signature) return existing.client
    if (!profile.clientId.trim()) {
      fail('config', `“${profile.name}” has no application client id.`, {
        hint: 'Edit the profile and enter the client id of your Kibo application.',
      })
    }
    let tokenCache = this.#tokenCaches.get(profile.id)
    if (!tokenCache) {
      tokenCache = new AppTokenCache()
      this.#tokenCaches.set(profile.id, tokenCache)
    }
    const client = createKiboClient({
      endpoint,
      clientId: profile.clientId,
      tokenCache,
      timeoutMs,
      onEvent: this.requestLog.observer(profile.id),
      getSecret: async () => {
        const current = this.#deps.getProfile(profile.id) ?? profile
        const secret = await this.#deps.getSecret(current)
        if (!secret) {
          fail('secret-missing', `“${current.name}” has no client secret.`, {
            hint: 'Edit the profile and enter the client secret of its Kibo application.',
          })
        }
        return secret
      },
    })
    this.#clients.set(profile.id, { signature, client })
    return client
  }
}
