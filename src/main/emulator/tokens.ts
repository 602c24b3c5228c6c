// Tickets: JWTs signed with a per-instance key (so any other emulator's token is "foreign"),
// opaque access/refresh tokens tracked in memory, and a record of every secret seen, so tests
// can search the app's logs, files and views for leaks.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'
import type { CustomerAccount, CustomerAuthTicket } from '../../shared/kibo'
import { KiboHttpError, unauthorized } from './kiboError'

export const APP_CLAIMS = 'https://www.kibocommerce.com/app_claims'
export const USER_CLAIMS = 'https://www.kibocommerce.com/user_claims'
export const ISSUER = 'kibo-emulator'

export interface TokenSettings {
  tenant: number
  site: number
  appTokenSeconds: number
  accessTokenSeconds: number
  refreshTokenSeconds: number
  now: () => number
  key: Uint8Array
  /** Live tokens kept per store (app refresh, customer access, customer refresh); the oldest go first. */
  tokenMemory?: number
  /** Secrets remembered for leak searches; 0 remembers none (the demo tenant inside the app). */
  secretMemory?: number
}

export interface AppTicket {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  refresh_token: string
}

interface Tracked {
  subject: string
  accountId?: number
  /** For a customer refresh token issued to a B2B user other than the account's own login: that user. */
  asUserId?: string
  expires: number
}

/** Defaults: plenty for any test, and a ceiling on what a long-running demo tenant holds. */
export const DEFAULT_TOKEN_MEMORY = 10_000
export const DEFAULT_SECRET_MEMORY = 20_000

export interface StoreSizes {
  appRefresh: number
  customerAccess: number
  customerRefresh: number
  secrets: number
}

/**
 * Tokens in issue order, each forgotten once expired (swept from the front as new ones arrive,
 * since one store's tokens share one lifetime) or once `limit` newer ones exist.
 */
class TokenStore {
  private readonly entries = new Map<string, Tracked>()

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.entries.size
  }

  add(token: string, entry: Tracked): void {
    this.sweep()
    this.entries.set(token, entry)
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string)
  }

  /** The entry while it is valid; an expired one is forgotten on the way. */
  get(token: string): Tracked | undefined {
    const entry = this.entries.get(token)
    if (entry && entry.expires <= this.now()) {
      this.entries.delete(token)
      return undefined
    }
    return entry
  }

  delete(token: string): void {
    this.entries.delete(token)
  }

  /** Drops expired tokens from the front; stops at the first live one (issue order = expiry order). */
  sweep(): void {
    const now = this.now()
    for (const [token, entry] of this.entries) {
      if (entry.expires > now) break
      this.entries.delete(token)
    }
  }
}

export class TokenService {
  private readonly secrets = new Set<string>()
  private readonly appRefresh: TokenStore
  private readonly customerAccess: TokenStore
  private readonly customerRefresh: TokenStore
  private readonly secretMemory: number

  constructor(private readonly s: TokenSettings) {
    const limit = s.tokenMemory ?? DEFAULT_TOKEN_MEMORY
    this.appRefresh = new TokenStore(limit, s.now)
    this.customerAccess = new TokenStore(limit, s.now)
    this.customerRefresh = new TokenStore(limit, s.now)
    this.secretMemory = s.secretMemory ?? DEFAULT_SECRET_MEMORY
  }

  /** Remembers a secret (issued, accepted or merely presented) for leak searches; the newest are kept. */
  remember(secret: string): void {
    if (!secret || this.secretMemory === 0) return
    this.secrets.delete(secret)
    this.secrets.add(secret)
    if (this.secrets.size > this.secretMemory) this.secrets.delete(this.secrets.values().next().value as string)
  }

  issuedSecrets(): string[] {
    return [...this.secrets]
  }

  /** How much each store holds, for soak tests. */
  sizes(): StoreSizes {
    for (const store of [this.appRefresh, this.customerAccess, this.customerRefresh]) store.sweep()
    return {
      appRefresh: this.appRefresh.size,
      customerAccess: this.customerAccess.size,
      customerRefresh: this.customerRefresh.size,
      secrets: this.secrets.size,
    }
  }

  private opaque(): string {
    return randomBytes(32).toString('base64url')
  }

  private track(store: TokenStore, entry: Tracked): string {
    const token = this.opaque()
    store.add(token, entry)
    this.remember(token)
    return token
  }

  private async sign(claims: Record<string, unknown>, subject: string, seconds: number): Promise<string> {
    const iat = Math.floor(this.s.now() / 1000)
    const jwt = await new SignJWT({ ...claims, tenant: this.s.tenant, site: this.s.site })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(subject)
      .setIssuedAt(iat)
      .setExpirationTime(iat + seconds)
      .setJti(randomBytes(12).toString('hex'))
      .sign(this.s.key)
    this.remember(jwt)
    return jwt
  }

  async issueAppTicket(clientId: string): Promise<AppTicket> {
    const s = this.s
    const access = await this.sign({ kind: 'app', [APP_CLAIMS]: { clientId, tenant: s.tenant, site: s.site } }, clientId, s.appTokenSeconds)
    const refresh = this.track(this.appRefresh, { subject: clientId, expires: s.now() + s.refreshTokenSeconds * 1000 })
    return { access_token: access, token_type: 'bearer', expires_in: s.appTokenSeconds, refresh_token: refresh }
  }

  /** Rotates an application refresh token: the old one stops working. */
  async refreshAppTicket(clientId: string, refreshToken: string): Promise<AppTicket> {
    this.remember(refreshToken)
    const entry = this.appRefresh.get(refreshToken)
    if (!entry || entry.subject !== clientId) throw unauthorized('The refresh token is invalid or has expired.', 'AppDev')
    this.appRefresh.delete(refreshToken)
    return this.issueAppTicket(clientId)
  }

  /** Checks `Authorization: Bearer <app token>`; returns the client id. */
  async verifyAppBearer(header: string | undefined): Promise<string> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
    if (!match) throw unauthorized('Authorization header with a Bearer application token is required.')
    const token = match[1]
    this.remember(token)
    let payload: Record<string, unknown>
    try {
      ;({ payload } = await jwtVerify(token, this.s.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(this.s.now()),
      }))
    } catch (e) {
      const code = (e as { code?: string }).code
      throw unauthorized(
        code === 'ERR_JWT_EXPIRED' ? 'The application access token has expired.' : 'The application access token is invalid.',
      )
    }
    if (payload.kind !== 'app') throw unauthorized('The bearer token is not an application access token.')
    if (payload.tenant !== this.s.tenant) throw unauthorized(`The application access token was not issued for tenant ${this.s.tenant}.`)
    return String(payload.sub)
  }

  /** `asUserId`: a B2B account's user other than its own login, who signs in to that account. */
  async issueCustomerTicket(account: CustomerAccount, clientId: string, asUserId?: string): Promise<CustomerAuthTicket> {
    const s = this.s
    const now = s.now()
    const accountId = account.id!
    const userId = asUserId ?? account.userId ?? null
    const subject = userId ?? `account:${accountId}`
    const jwt = await this.sign(
      {
        kind: 'customer',
        [APP_CLAIMS]: { clientId, tenant: s.tenant, site: s.site },
        [USER_CLAIMS]: { accountId, userId, isAnonymous: account.isAnonymous ?? false },
      },
      subject,
      s.accessTokenSeconds,
    )
    const accessExpires = now + s.accessTokenSeconds * 1000
    const refreshExpires = now + s.refreshTokenSeconds * 1000
    const accessToken = this.track(this.customerAccess, { subject, accountId, expires: accessExpires })
    const refreshToken = this.track(this.customerRefresh, { subject: clientId, accountId, asUserId, expires: refreshExpires })
    // The spec's property order, which is the order Kibo serializes in.
    return {
      customerAccount: account,
      accessToken,
      accessTokenExpiration: new Date(accessExpires).toISOString(),
      refreshToken,
      refreshTokenExpiration: new Date(refreshExpires).toISOString(),
      userId,
      jwtAccessToken: jwt,
    }
  }

  /**
   * Reads `x-vol-user-claims`: the customer access token issued at impersonatecart (or its JWT).
   * Returns whose claims they are; a token never issued, expired or foreign is a 401.
   */
  async verifyUserClaims(token: string): Promise<{ accountId: number; userId: string | null }> {
    this.remember(token)
    const entry = this.customerAccess.get(token)
    if (entry) return { accountId: entry.accountId!, userId: entry.subject.startsWith('account:') ? null : entry.subject }
    if (token.split('.').length === 3) {
      let payload: Record<string, unknown>
      try {
        ;({ payload } = await jwtVerify(token, this.s.key, { issuer: ISSUER, algorithms: ['HS256'], currentDate: new Date(this.s.now()) }))
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_JWT_EXPIRED')
          throw unauthorized('The user claims have expired. Sign the shopper in again.')
        throw unauthorized('The user claims are invalid.')
      }
      const claims = payload[USER_CLAIMS] as { accountId?: unknown; userId?: unknown } | undefined
      if (payload.kind === 'customer' && claims && typeof claims.accountId === 'number')
        return { accountId: claims.accountId, userId: typeof claims.userId === 'string' ? claims.userId : null }
    }
    throw unauthorized('The user claims are invalid or have expired. Sign the shopper in again.')
  }

  /** Validates and consumes a customer refresh token; returns the account it was issued for. */
  /** Whose ticket a refresh renews: the account, and the B2B user signed in to it when not its own login. */
  consumeCustomerRefresh(refreshToken: string, accountId: number | undefined): { accountId: number; asUserId?: string } {
    this.remember(refreshToken)
    const entry = this.customerRefresh.get(refreshToken)
    if (!entry) throw unauthorized('The refresh token is invalid or has expired.')
    if (accountId !== undefined && accountId !== entry.accountId)
      throw new KiboHttpError(400, 'VALIDATION_CONFLICT', `The refresh token was not issued for account ${accountId}.`)
    this.customerRefresh.delete(refreshToken)
    return { accountId: entry.accountId!, asUserId: entry.asUserId }
  }
}

/** Checks client credentials: a fixed registry, or trust-on-first-use when none was given. */
export class ClientRegistry {
  private readonly secrets = new Map<string, Buffer>()

  constructor(
    registered: Record<string, string>,
    private readonly trustOnFirstUse: boolean,
  ) {
    for (const [id, secret] of Object.entries(registered)) this.secrets.set(id, digest(secret))
  }

  /** True when the pair is accepted (and, under trust-on-first-use, remembered). */
  check(clientId: string, secret: string): boolean {
    const known = this.secrets.get(clientId)
    if (!known) {
      if (!this.trustOnFirstUse) return false
      this.secrets.set(clientId, digest(secret))
      return true
    }
    return timingSafeEqual(known, digest(secret))
  }
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest()
}
