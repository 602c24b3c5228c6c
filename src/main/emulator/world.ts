// Everything around the accounts, drawn on first use and kept for the most recently read
// accounts only, so a 100k-account emulator starts as fast as before and its memory stays bounded.
import type { CustomerAccount } from '../../shared/kibo'
import type { FieldSpec } from '../../shared/kiboFields'
import { mergeSpecs } from './collection'
import type { GeneratedCart, GeneratedTenant } from './generate'
import { type Card, type CustomerAuditEntry, type LoginState, auditEntries, cards, loginState } from './generate360'
import { type B2bIndex, buildB2bIndex } from './generateB2b'
import { type CartDocument, cartFor } from './generateCommerce'
import { type CreditLedger, type OrderRef, type PurchaseOrderLedger, type Visit, credits, purchaseOrder, visits } from './generateLedger'
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

export interface WorldSizes {
  /** Accounts with sections kept (at most WORLD_CACHE_SIZE). */
  customers: number
  /** Carts kept drawn (at most WORLD_CACHE_SIZE). */
  carts: number
  /** Whether the B2B companies have been laid out (on the first B2B question). */
  b2bIndex: boolean
  /** Whether the cart ids have been indexed (on the first cart question). */
  cartIndex: boolean
}

/** An object whose every property is computed on its first read and kept; enumerable, so it compares and serializes like a plain one. */
function lazySections<T extends object>(draw: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T
  for (const key of Object.keys(draw) as Array<keyof T>) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = draw[key]()
        Object.defineProperty(out, key, { value, enumerable: true, writable: false, configurable: false })
        return value
      },
    })
  }
  return out
}

/** Accounts whose sections are kept drawn; older ones are drawn again when asked (same seed, same data). */
export const WORLD_CACHE_SIZE = 500

export class CustomerWorld {
  private readonly cache = new Map<number, Customer360>()
  private readonly cartCache = new Map<string, CartDocument>()
  private b2bIndex: B2bIndex | undefined
  private readonly specs = new Map<string, FieldSpec[]>()
  /** Cart id → whose cart and which (0 for each account's current cart, then older ones); user id → current cart. Built on the first cart question. */
  private keys: { byCart: Map<string, { cart: GeneratedCart; age: number }>; byUser: Map<string, string> } | undefined
  /** A B2B buyer's cart id → the buyer, built with the B2B index's first cart question. */
  private b2bCarts: Map<string, string> | undefined
  readonly seed: number

  constructor(
    readonly data: GeneratedTenant,
    private readonly byId: Map<number, CustomerAccount>,
  ) {
    this.seed = data.seed ?? 7
  }

  private cartKeys() {
    if (!this.keys) {
      const byCart = new Map<string, { cart: GeneratedCart; age: number }>()
      const byUser = new Map<string, string>()
      const seen = new Map<number, number>()
      for (const c of this.data.carts) {
        const age = seen.get(c.accountId) ?? 0
        seen.set(c.accountId, age + 1)
        byCart.set(c.cartId, { cart: c, age })
        if (age === 0) byUser.set(c.userId, c.cartId)
      }
      this.keys = { byCart, byUser }
    }
    return this.keys
  }

  /** The B2B buyer whose cart this is. */
  private b2bBuyer(cartId: string): string | undefined {
    if (!/^b2b[0-9a-f]{29}$/.test(cartId)) return undefined
    this.b2bCarts ??= new Map([...this.b2b().extraUsers].map((u) => [b2bCartId(u), u]))
    return this.b2bCarts.get(cartId)
  }

  /**
   * The sections of one account, each drawn on first read and then kept: a call for the cards
   * draws no visits. Orders are drawn before visits and credits, which refer to them; every section
   * has its own stream, so the order sections are read in never changes what they hold.
   */
  of(a: CustomerAccount): Customer360 {
    const id = a.id!
    const hit = this.cache.get(id)
    if (hit) {
      this.cache.delete(id)
      this.cache.set(id, hit)
      return hit
    }
    const made = this.draw(a)
    this.cache.set(id, made)
    if (this.cache.size > WORLD_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as number)
    return made
  }

  /**
   * The account's sections, not yet drawn and not kept: for reads across the tenant, which would
   * otherwise push every customer being looked at out of the cache.
   */
  draw(a: CustomerAccount): Customer360 {
    const { seed, data } = this
    let refs: OrderRef[] | undefined
    const orderRefs = (): OrderRef[] =>
      (refs ??= made.orders.map((o) => ({
        id: String(o.id),
        total: Number(o.total),
        submittedDate: (o.submittedDate as string | null) ?? null,
        status: String(o.status),
      })))
    const made = lazySections<Customer360>({
      audit: () => auditEntries(seed, a, data.site),
      login: () => loginState(seed, a),
      cards: () => cards(seed, a),
      orders: () => orders(seed, a, data.tenant, data.site),
      visits: () => visits(seed, a, data.site, orderRefs()),
      purchaseOrder: () => purchaseOrder(seed, a, data.tenant, data.site),
      credits: () =>
        credits(
          seed,
          a,
          orderRefs()
            .filter((r) => r.submittedDate !== null)
            .map((r) => r.id),
        ),
      wishlists: () => wishlists(seed, a, data.tenant, data.site),
    })
    return made
  }

  /** What is drawn and kept now, for tests that check the world stays lazy and bounded. */
  sizes(): WorldSizes {
    return {
      customers: this.cache.size,
      carts: this.cartCache.size,
      b2bIndex: this.b2bIndex !== undefined,
      cartIndex: this.keys !== undefined,
    }
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
    const own = this.cartKeys().byUser.get(userId)
    if (own) return own
    return this.b2b().extraUsers.has(userId) ? b2bCartId(userId) : undefined
  }

  /** A cart by id: a generated one or a B2B buyer's, with whose it is. */
  cart(cartId: string): CartDocument | undefined {
    const cached = this.cartCache.get(cartId)
    if (cached) return cached
    let doc: CartDocument | undefined
    const key = this.cartKeys().byCart.get(cartId)
    if (key) {
      const account = this.byId.get(key.cart.accountId)!
      doc = cartFor(this.seed, { cartId, account, userId: key.cart.userId, age: key.age }, this.data.tenant, this.data.site)
    } else {
      const userId = this.b2bBuyer(cartId)
      const accountId = userId === undefined ? undefined : this.b2b().accountOfUser.get(userId)
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
    const key = this.cartKeys().byCart.get(cartId)
    if (key) return this.byId.get(key.cart.accountId)
    const userId = this.b2bBuyer(cartId)
    const id = userId === undefined ? undefined : this.b2b().accountOfUser.get(userId)
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
      // Drawn aside, not kept: the sample must not push the customers being looked at out of the cache.
      for (const a of this.data.accounts.slice(0, 60)) items.push(...sample(this.draw(a), a).slice(0, 20))
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
