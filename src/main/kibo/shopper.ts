// What the shopper sees, from Kibo's Commerce document: cart, orders, wishlists. Called the way
// Kibo's own storefront code calls them: the application's token as the bearer and the customer
// ticket's accessToken in x-vol-user-claims, so Kibo answers for that shopper and no other. The
// claims are a secret like any token: the request log shows a placeholder, and anything Kibo says
// back is scrubbed of them. The inspector only reads: nothing here changes a cart or an order.
import type { Cart, CartSummary, ChangeMessageCollection, KiboPage, Order, Wishlist } from '../../shared/kibo360'
import type { KiboClient, KiboResult, ReadSpec } from './client'
import { checkAccountId, cleanText, isObject, isPage, itemsAreObjects, masked, pageQuery, type PageParams } from './customer360'
import { invalidInput } from './failures'

/** The shopper a call is made for: the customer ticket's accessToken. */
export interface ShopperClaims {
  accessToken: string
}

export const USER_CLAIMS_HEADER = 'x-vol-user-claims'

function asShopper<T>(claims: ShopperClaims, spec: ReadSpec<T>): ReadSpec<T> {
  if (!claims.accessToken)
    throw invalidInput('There is no customer ticket to call Kibo as the shopper.', 'Impersonate the customer first.', 'ticket')
  return { ...spec, headers: { [USER_CLAIMS_HEADER]: claims.accessToken }, knownSecrets: [claims.accessToken] }
}

function cartPath(cartId: string): string {
  const id = cartId.trim()
  if (!id || id.length > 200) throw invalidInput('A cart id is needed.', 'Impersonate by cart id, or read the current cart.', 'cartId')
  return `/commerce/carts/${encodeURIComponent(id)}`
}

const fields = (responseFields: string | undefined) => ({ responseFields: cleanText(responseFields, 'responseFields', 4000) })

export async function currentCart(
  client: KiboClient,
  claims: ShopperClaims,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<Cart>> {
  // A cart holds no payment, but its items' notes and options are free text.
  return masked(
    await client.read(
      asShopper(claims, {
        action: 'Reading the shopper’s current cart',
        path: '/commerce/carts/current',
        query: fields(params.responseFields),
        check: isObject as (json: unknown) => json is Cart,
        what: 'a cart',
      }),
      signal,
    ),
  )
}

export function currentCartMessages(
  client: KiboClient,
  claims: ShopperClaims,
  signal?: AbortSignal,
): Promise<KiboResult<ChangeMessageCollection>> {
  return client.read(
    asShopper(claims, {
      action: 'Reading the messages of the shopper’s cart',
      path: '/commerce/carts/current/messages',
      check: isPage<never> as (json: unknown) => json is ChangeMessageCollection,
      what: 'a list of cart messages',
      holdsUp: itemsAreObjects('a cart message'),
    }),
    signal,
  )
}

export async function cartById(
  client: KiboClient,
  claims: ShopperClaims,
  cartId: string,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<Cart>> {
  // A cart holds no payment, but its items' notes and options are free text.
  return masked(
    await client.read(
      asShopper(claims, {
        action: `Reading cart ${cartId.trim()}`,
        path: cartPath(cartId),
        query: fields(params.responseFields),
        check: isObject as (json: unknown) => json is Cart,
        what: 'a cart',
      }),
      signal,
    ),
  )
}

export function cartSummary(
  client: KiboClient,
  claims: ShopperClaims,
  cartId: string,
  signal?: AbortSignal,
): Promise<KiboResult<CartSummary>> {
  return client.read(
    asShopper(claims, {
      action: `Reading the summary of cart ${cartId.trim()}`,
      path: `${cartPath(cartId)}/summary`,
      check: isObject as (json: unknown) => json is CartSummary,
      what: 'a cart summary',
    }),
    signal,
  )
}

/** The customer's orders, newest first unless the person sorts otherwise; payments masked. */
export async function orders(
  client: KiboClient,
  claims: ShopperClaims,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<Order>>> {
  checkAccountId(accountId)
  const query = pageQuery({ ...params, sortBy: params.sortBy?.trim() || 'submittedDate desc' }, `customerAccountId eq ${accountId}`)
  const result = await client.read(
    asShopper(claims, {
      action: `Reading the orders of account ${accountId}`,
      path: '/commerce/orders',
      query,
      check: isPage<Order>,
      what: 'a page of orders',
      holdsUp: (page) =>
        itemsAreObjects('an order')(page) ??
        // Another customer's order under this one would be shown as theirs: refuse the page.
        foreignOrder(page.items ?? [], accountId),
    }),
    signal,
  )
  return masked(result)
}

function foreignOrder(items: Order[], accountId: number) {
  return foreign(items, accountId, 'an order')
}

/** The first item that says it is another customer's: shown under this one, it would be taken for theirs. */
function foreign(items: { customerAccountId?: number | null }[], accountId: number, what: string) {
  const index = items.findIndex((item) => typeof item.customerAccountId === 'number' && item.customerAccountId !== accountId)
  return index < 0
    ? null
    : {
        sentence: `Kibo answered with ${what} of account ${String(items[index].customerAccountId)} among those of account ${accountId}.`,
        where: `items[${index}].customerAccountId`,
      }
}

/** One order, with payments masked. `accountId`: whose order it must be. */
export async function order(
  client: KiboClient,
  claims: ShopperClaims,
  orderId: string,
  accountId: number,
  params: { responseFields?: string },
  signal?: AbortSignal,
): Promise<KiboResult<Order>> {
  const id = orderId.trim()
  if (!id || id.length > 200) throw invalidInput('An order id is needed.', 'Pick an order from the list.', 'key')
  const result = await client.read(
    asShopper(claims, {
      action: `Reading order ${id}`,
      path: `/commerce/orders/${encodeURIComponent(id)}`,
      query: fields(params.responseFields),
      check: isObject as (json: unknown) => json is Order,
      what: 'an order',
      holdsUp: (found) => foreignOrder([found], accountId),
    }),
    signal,
  )
  return masked(result)
}

export function wishlists(
  client: KiboClient,
  claims: ShopperClaims,
  accountId: number,
  params: PageParams,
  signal?: AbortSignal,
): Promise<KiboResult<KiboPage<Wishlist>>> {
  checkAccountId(accountId)
  return client.read(
    asShopper(claims, {
      action: `Reading the wishlists of account ${accountId}`,
      path: '/commerce/wishlists',
      query: pageQuery(params, `customerAccountId eq ${accountId}`),
      check: isPage<Wishlist>,
      what: 'a page of wishlists',
      holdsUp: (page) => itemsAreObjects('a wishlist')(page) ?? foreign(page.items ?? [], accountId, 'a wishlist'),
    }),
    signal,
  )
}
