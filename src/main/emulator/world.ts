// Everything around the accounts, drawn on first use and kept for the most recently read
// accounts only, so a 100k-account emulator starts as fast as before and its memory stays bounded.
import type { CustomerAccount } from '../../shared/kibo'
import type { FieldSpec } from '../../shared/kiboFields'
import { mergeSpecs } from './collection'
import type { GeneratedCart, GeneratedTenant } from './generate'
import { type Card, type CustomerAuditEntry, type LoginState, auditEntries, cards, loginState } from './generate360'
import { type B2bIndex, buildB2bIndex } from './generateB2b'
import { type CartDocument, cartFor } from './generateCommerce'
import { type CreditLedger, type PurchaseOrderLedger, type Visit, credits, purchaseOrder, visits } from './generateLedger'
import { orders } from './generateOrders'
import { wishlists } from './generateCommerce'

export interface Customer360 {
  audit: CustomerAuditEntry[]
  login: LoginState
  cards: Card[]
  orders: Array<Record<string, unknown>>
  visits: Visit[]
  purchaseOrder: PurchaseOrderLedger | undefined
  credits: CreditLedger[]
  wishlists: Array<Record<string, unknown>>
}

/** Accounts whose sections are kept drawn; older ones are drawn again when asked (same seed, same data). */
export const WORLD_CACHE_SIZE = 500

export class CustomerWorld {
  private readonly cache = new Map<number, Customer360>()
  private readonly cartCache = new Map<string, CartDocument>()
  private b2bIndex: B2bIndex | undefined
  private readonly specs = new Map<string, FieldSpec[]>()
  /** Cart id → whose cart and which: 0 for each account's current cart, then older ones. */
  private readonly cartKeys = new Map<string, { cart: GeneratedCart; age: number }>()
  private readonly userCarts = new Map<string, string>()
  readonly seed: number

  constructor(
    readonly data: GeneratedTenant,
    private readonly byId: Map<number, CustomerAccount>,
  ) {
    this.seed = data.seed ?? 7
    const seen = new Map<number, number>()
    for (const c of data.carts) {
      const age = seen.get(c.accountId) ?? 0
      seen.set(c.accountId, age + 1)
      this.cartKeys.set(c.cartId, { cart: c, age })
      if (age === 0) this.userCarts.set(c.userId, c.cartId)
    }
  }

  /** The sections of one account, drawn together (orders feed visits and credits). */
  of(a: CustomerAccount): Customer360 {
    const id = a.id!
    const hit = this.cache.get(id)
    if (hit) {
      this.cache.delete(id)
      this.cache.set(id, hit)
      return hit
    }
    const { seed, data } = this
    const placed = orders(seed, a, data.tenant, data.site)
    const refs = placed.map((o) => ({
      id: String(o.id),
      total: Number(o.total),
      submittedDate: (o.submittedDate as string | null) ?? null,
      status: String(o.status),
    }))
    const made: Customer360 = {
      audit: auditEntries(seed, a, data.site),
      login: loginState(seed, a),
      cards: cards(seed, a),
      orders: placed,
      visits: visits(seed, a, data.site, refs),
      purchaseOrder: purchaseOrder(seed, a, data.tenant, data.site),
      credits: credits(
        seed,
        a,
        refs.filter((r) => r.submittedDate !== null).map((r) => r.id),
      ),
      wishlists: wishlists(seed, a, data.tenant, data.site),
    }
    this.cache.set(id, made)
    if (this.cache.size > WORLD_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number)
    return made
  }

  account(id: number): CustomerAccount | undefined {
    return this.byId.get(id)
  }

  b2b(): B2bIndex {
    this.b2bIndex ??= buildB2bIndex(this.seed, this.data.accounts, this.data.tenant)
    return this.b2bIndex
  }

  /** The account a user id signs in to: its own login, or a user of a B2B account. */
  accountOfUser(userId: string, byUserId: Map<string, CustomerAccount>): CustomerAccount | undefined {
    const own = byUserId.get(userId)
    if (own) return own
    const id = this.b2b().accountOfUser.get(userId)
    return id === undefined ? undefined : this.byId.get(id)
  }

  /** The current cart id of a user: their generated cart, or for a B2B buyer one of their own. */
  currentCartId(userId: string): string | undefined {
    const own = this.userCarts.get(userId)
    if (own) return own
    return this.b2b().extraUsers.has(userId) ? b2bCartId(userId) : undefined
  }

  /** A cart by id: a generated one or a B2B buyer's, with whose it is. */
  cart(cartId: string): CartDocument | undefined {
    const cached = this.cartCache.get(cartId)
    if (cached) return cached
    let doc: CartDocument | undefined
    const key = this.cartKeys.get(cartId)
    if (key) {
      const account = this.byId.get(key.cart.accountId)!
      doc = cartFor(this.seed, { cartId, account, userId: key.cart.userId, age: key.age }, this.data.tenant, this.data.site)
    } else if (/^b2b[0-9a-f]{29}$/.test(cartId)) {
      const index = this.b2b()
      const userId = [...index.extraUsers].find((u) => b2bCartId(u) === cartId)
      const accountId = userId === undefined ? undefined : index.accountOfUser.get(userId)
      const account = accountId === undefined ? undefined : this.byId.get(accountId)
      if (account && userId) doc = cartFor(this.seed, { cartId, account, userId, age: 0 }, this.data.tenant, this.data.site)
    }
    if (doc) {
      this.cartCache.set(cartId, doc)
      if (this.cartCache.size > WORLD_CACHE_SIZE) this.cartCache.delete(this.cartCache.keys().next().value as string)
    }
    return doc
  }

  /** The account a cart belongs to, for impersonating by cart id. */
  accountOfCart(cartId: string): CustomerAccount | undefined {
    const key = this.cartKeys.get(cartId)
    if (key) return this.byId.get(key.cart.accountId)
    if (!/^b2b[0-9a-f]{29}$/.test(cartId)) return undefined
    const index = this.b2b()
    const userId = [...index.extraUsers].find((u) => b2bCartId(u) === cartId)
    const id = userId === undefined ? undefined : index.accountOfUser.get(userId)
    return id === undefined ? undefined : this.byId.get(id)
  }

  /**
   * The field tree a collection's filter and sortBy are checked against: the fields of what the
   * first accounts hold, so it is the same for every request (and for an account with none).
   */
  fieldsOf(kind: string, sample: (c: Customer360, a: CustomerAccount) => unknown[]): FieldSpec[] {
    let spec = this.specs.get(kind)
    if (!spec) {
      const items: unknown[] = []
      for (const a of this.data.accounts.slice(0, 60)) items.push(...sample(this.of(a), a).slice(0, 20))
      spec = mergeSpecs(items)
      this.specs.set(kind, spec)
    }
    return spec
  }
}

/** A B2B buyer's cart id: 32 characters like every cart id, told apart by its prefix. */
export function b2bCartId(userId: string): string {
  return `b2b${userId.slice(3)}`
}
