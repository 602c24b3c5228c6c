// What the shopper sees, as Kibo's Commerce API answers it: the current cart, a cart by id, its
// summary and messages, orders and wishlists. Called as Kibo's storefront code calls them: the
// application's bearer and the shopper's access token in x-vol-user-claims. Carts are the
// shopper's own: without claims, or with expired ones, no customer's cart is read.
import type { CustomerAccount } from '../../shared/kibo'
import { accountNamedBy, pageOf } from './collection'
import { type CartDocument, cartSummary, emptyCart } from './generateCommerce'
import { accountOfOrderId } from './generateOrders'
import { asApplication } from './guard'
import { notFound, unauthorized } from './kiboError'
import type { EmulatorState, RouteRequest, RouteResult } from './routes'
import type { Endpoint } from './routes360'
import type { Customer360 } from './world'

const ok = (body: unknown): RouteResult => ({ status: 200, body })
const CLAIMS = 'x-vol-user-claims'
const CART_ID = '([0-9a-zA-Z]{1,64})'

interface Shopper {
  account: CustomerAccount
  userId: string | null
}

/** The shopper named by the call's user claims, or undefined for an application-only call. */
async function shopperOf(state: EmulatorState, req: RouteRequest): Promise<Shopper | undefined> {
  const token = req.headers[CLAIMS]
  if (token === undefined || token === '') return undefined
  const claims = await state.tokens.verifyUserClaims(token)
  const account = state.byId.get(claims.accountId)
  if (!account) throw unauthorized('The user claims name a customer account that no longer exists.')
  return { account, userId: claims.userId }
}

async function requireShopper(state: EmulatorState, req: RouteRequest): Promise<Shopper> {
  await asApplication(state, req)
  const shopper = await shopperOf(state, req)
  if (!shopper) throw unauthorized('This call reads a shopper’s cart: it needs the shopper’s user claims (x-vol-user-claims).')
  return shopper
}

/** A cart the shopper may read: their own, else not found (Kibo never tells whose another cart is). */
function ownCart(state: EmulatorState, shopper: Shopper, cartId: string): CartDocument {
  // The empty cart made for a shopper with none is theirs too: its id, read back, finds it.
  if (!currentDoc(state, shopper) && cartId.toLowerCase() === emptyCartId(shopper)) return emptyDoc(state, shopper)
  const doc = state.world.cart(cartId)
  const owner = state.world.accountOfCart(cartId)
  const userId = doc?.cart.userId ?? null
  if (!doc || !owner || owner.id !== shopper.account.id || (shopper.userId !== null && userId !== null && userId !== shopper.userId))
    throw notFound(`Cart ${cartId} not found.`)
  return doc
}

function currentDoc(state: EmulatorState, shopper: Shopper) {
  const cartId = shopper.userId ? state.world.currentCartId(shopper.userId) : undefined
  return cartId === undefined ? undefined : state.world.cart(cartId)
}

const emptyCartId = (shopper: Shopper): string => `${String(shopper.account.id).padStart(10, '0')}${'0'.repeat(22)}`

/** A shopper with no cart yet gets an empty one with a stable id, as Kibo makes one on first read. */
function emptyDoc(state: EmulatorState, shopper: Shopper): CartDocument {
  return { cart: emptyCart(emptyCartId(shopper), shopper.userId, state.data.tenant, state.data.site), messages: [] }
}

const currentCart: Endpoint = {
  pattern: /^\/commerce\/carts\/current$/i,
  methods: ['GET'],
  handle: async (state, req) => {
    const shopper = await requireShopper(state, req)
    return ok((currentDoc(state, shopper) ?? emptyDoc(state, shopper)).cart)
  },
}

const currentMessages: Endpoint = {
  pattern: /^\/commerce\/carts\/current\/messages$/i,
  methods: ['GET'],
  handle: async (state, req) => {
    const shopper = await requireShopper(state, req)
    return ok({ items: currentDoc(state, shopper)?.messages ?? [] })
  },
}

const cartSummaryEndpoint: Endpoint = {
  pattern: new RegExp(`^/commerce/carts/${CART_ID}/summary$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const shopper = await requireShopper(state, req)
    return ok(cartSummary(ownCart(state, shopper, m[1])))
  },
}

const cartById: Endpoint = {
  pattern: new RegExp(`^/commerce/carts/${CART_ID}$`, 'i'),
  methods: ['GET'],
  handle: async (state, req, m) => {
    const shopper = await requireShopper(state, req)
    return ok(ownCart(state, shopper, m[1]).cart)
  },
}

/**
 * Orders or wishlists: with user claims, the shopper's own only (a filter naming another account
 * finds nothing); an application-only call reads across the tenant, as an admin would.
 */
async function customerItems(
  state: EmulatorState,
  req: RouteRequest,
  pick: (c: Customer360) => Array<Record<string, unknown>>,
): Promise<Array<Record<string, unknown>>> {
  await asApplication(state, req)
  const shopper = await shopperOf(state, req)
  if (shopper) return pick(state.world.of(shopper.account))
  const only = accountNamedBy(req.query.filter, 'customerAccountId')
  if (only !== undefined) {
    const a = state.byId.get(only)
    return a ? pick(state.world.of(a)) : []
  }
  // Across the tenant: drawn aside, so the customers being looked at stay in the cache.
  return state.data.accounts.flatMap((a) => pick(state.world.draw(a)))
}

const orderList: Endpoint = {
  pattern: /^\/commerce\/orders$/i,
  methods: ['GET'],
  handle: async (state, req) => {
    const all = await customerItems(state, req, (c) => c.orders)
    const fields = state.world.fieldsOf('orders', (x) => x.orders)
    return ok(pageOf(all, req.query, { noun: 'an order', fields, defaultSort: 'submittedDate desc' }))
  },
}

const orderById: Endpoint = {
  pattern: /^\/commerce\/orders\/([0-9a-zA-Z]{1,64})$/i,
  methods: ['GET'],
  handle: async (state, req, m) => {
    await asApplication(state, req)
    const shopper = await shopperOf(state, req)
    const accountId = accountOfOrderId(m[1])
    const a = accountId === undefined ? undefined : state.byId.get(accountId)
    // With user claims only the shopper's own order is found; the application alone finds any.
    const found = a && (!shopper || shopper.account.id === a.id) ? state.world.of(a).orders.find((o) => o.id === m[1]) : undefined
    if (!found) throw notFound(`Order ${m[1]} not found.`)
    return ok(found)
  },
}

const wishlistList: Endpoint = {
  pattern: /^\/commerce\/wishlists$/i,
  methods: ['GET'],
  handle: async (state, req) => {
    const all = await customerItems(state, req, (c) => c.wishlists)
    const fields = state.world.fieldsOf('wishlists', (x) => x.wishlists)
    return ok(pageOf(all, req.query, { noun: 'a wishlist', fields }))
  },
}

/** In match order: the longer paths first where a shorter pattern could also match. */
export const commerceEndpoints: Endpoint[] = [
  currentMessages,
  currentCart,
  cartSummaryEndpoint,
  cartById,
  orderList,
  orderById,
  wishlistList,
]
