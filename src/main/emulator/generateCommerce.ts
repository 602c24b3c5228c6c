// What the shopper sees: carts (items, coupons applied and refused, messages, expiry) and
// wishlists, drawn lazily per cart and per account, bound to the generated accounts and carts.
import type { CustomerAccount } from '../../shared/kibo'
import { AS_OF, DAY, iso } from './generate'
import { Stream, drawFor, stamp, stringKey } from './generate360'
import {
  FREE_SHIPPING,
  ORDER_COUPONS,
  REFUSED_COUPONS,
  SHIPPING_METHODS,
  answerItem,
  appliedOrderDiscount,
  commerceContact,
  lineItem,
  money,
  taxRateOf,
  totals,
} from './generateItems'

/** Whose cart, and which of their carts: 0 is the current one, later ones are older and expired. */
export interface CartKey {
  cartId: string
  account: CustomerAccount
  userId: string | null
  /** 0 for the shopper's current cart. */
  age: number
}

export interface ChangeMessage {
  id: string
  correlationId: string
  userId: string | null
  subjectType: string
  success: boolean
  identifier: string
  subject: string
  verb: string
  message: string
  oldValue: string | null
  newValue: string | null
  amount: number | null
  createDate: string
  appName: string
}

export interface CartDocument {
  cart: Record<string, unknown> & { id: string; total: number; items: Array<{ quantity: number }>; expirationDate: string }
  messages: ChangeMessage[]
}

/** How long Kibo keeps a shopper's cart after its last change. */
export const CART_LIFETIME_DAYS = 14

/** The generated world's "now": carts expire relative to it, not to the wall clock, so answers never drift. */
export const COMMERCE_AS_OF = AS_OF

/** What every cart of the tenant's online store starts with: whose it is and where. */
function cartHeader(cartId: string, userId: string | null, tenant: number, site: number) {
  return {
    id: cartId,
    userId,
    tenantId: tenant,
    siteId: site,
    channelCode: 'Online',
    currencyCode: 'USD',
    customerInteractionType: 'Website',
  }
}

export function cartFor(seed: number, key: CartKey, tenant: number, site: number): CartDocument {
  const { account: a, cartId, userId, age } = key
  const d = drawFor(seed, Stream.Cart, stringKey(cartId))
  const rate = taxRateOf(a)
  const lastChange = age === 0 ? AS_OF - d.int(1, 7 * 24) * 3_600_000 : AS_OF - d.int(20, 120) * DAY
  const created = lastChange - d.int(0, 10) * DAY
  const by = userId ?? null
  const n = age === 0 ? (d.chance(0.1) ? 0 : d.int(1, 6)) : d.int(1, 3)
  const items = Array.from({ length: n }, (_, i) => lineItem(d, i + 1, rate, created, by, a.localeCode ?? 'en-US'))
  const subtotal = items.reduce((s, i) => s + i.cents!.subtotal - i.cents!.discount, 0)
  const coupon = n > 0 && d.chance(0.3) ? d.pick(ORDER_COUPONS) : undefined
  const orderDiscount = coupon ? Math.min(subtotal, coupon.percent ? Math.round((subtotal * coupon.percent) / 100) : coupon.amount!) : 0
  const method = d.pick(SHIPPING_METHODS)
  const shipping = n === 0 ? 0 : method.cents
  const freeShipping = n > 0 && method.code === 'STANDARD' && d.chance(0.3)
  const handling = n > 0 && d.chance(0.15) ? 495 : 0
  const refused = n > 0 && d.chance(0.3) ? [d.pick(REFUSED_COUPONS)] : []
  if (refused.length > 0 && d.chance(0.3)) {
    const second = d.pick(REFUSED_COUPONS)
    if (second.couponCode !== refused[0].couponCode) refused.push(second)
  }
  const t = totals(items, orderDiscount, shipping, freeShipping ? shipping : 0, handling, rate)
  const couponCodes = [...(coupon ? [coupon.couponCode!] : []), ...(freeShipping ? [FREE_SHIPPING.couponCode!] : [])]
  const expiration = lastChange + CART_LIFETIME_DAYS * DAY

  const messages: ChangeMessage[] = []
  const message = (
    at: number,
    subjectType: string,
    verb: string,
    text: string,
    identifier: string,
    success = true,
    oldValue: string | null = null,
    newValue: string | null = null,
    amount: number | null = null,
  ) =>
    messages.push({
      id: d.hex32(),
      correlationId: d.hex32(),
      userId: by,
      subjectType,
      success,
      identifier,
      subject: identifier,
      verb,
      message: text,
      oldValue,
      newValue,
      amount,
      createDate: iso(at),
      appName: 'Storefront',
    })
  for (const item of items) {
    const name = String(item.product.name)
    message(
      created,
      'CartItem',
      'Added',
      `${name} was added to the cart.`,
      String(item.product.productCode),
      true,
      null,
      String(item.quantity),
    )
  }
  const priceChanged = items.find((i) => i.unitPrice.saleAmount !== undefined)
  if (priceChanged)
    message(
      lastChange - 3_600_000,
      'CartItem',
      'PriceChanged',
      `The price of ${String(priceChanged.product.name)} changed to its sale price.`,
      String(priceChanged.product.productCode),
      true,
      String(priceChanged.unitPrice.listAmount),
      String(priceChanged.unitPrice.saleAmount),
      priceChanged.unitPrice.saleAmount ?? null,
    )
  const removed = n > 0 && d.chance(0.2)
  if (removed)
    message(
      lastChange - 1_800_000,
      'CartItem',
      'Removed',
      'Trail Backpack 45 L was removed from the cart: it is out of stock.',
      'PCK-45-TRAIL',
      true,
      '1',
      '0',
    )
  for (const c of [...(coupon ? [coupon] : []), ...(freeShipping ? [FREE_SHIPPING] : [])])
    message(lastChange, 'Coupon', 'Applied', `Coupon ${c.couponCode} was applied: ${c.name}.`, c.couponCode!)
  for (const r of refused)
    message(lastChange, 'Coupon', 'Rejected', `Coupon ${r.couponCode} was not applied: ${r.reason}`, r.couponCode, false)

  const contact = commerceContact(a)
  const cart = {
    ...cartHeader(cartId, userId, tenant, site),
    fulfillmentInfo: {
      ...(contact ? { fulfillmentContact: contact } : {}),
      isDestinationCommercial: a.accountType === 'B2B',
      shippingMethodCode: n === 0 ? null : method.code,
      shippingMethodName: n === 0 ? null : method.name,
    },
    orderDiscounts: coupon
      ? [
          appliedOrderDiscount(
            coupon,
            orderDiscount,
            items.map((i) => i.id),
          ),
        ]
      : [],
    ...t,
    lastValidationDate: iso(lastChange),
    expirationDate: iso(expiration),
    changeMessages: messages,
    auditInfo: stamp(by, created, lastChange),
    items: items.map((item, i) =>
      freeShipping && i === 0
        ? {
            ...answerItem(item),
            shippingDiscounts: [
              {
                methodCode: method.code,
                discount: appliedOrderDiscount(FREE_SHIPPING, shipping, [item.id]),
                discountQuantity: 1,
                impactPerUnit: money(shipping),
              },
            ],
          }
        : answerItem(item),
    ),
    couponCodes,
    invalidCoupons: refused.map((r, i) => ({
      couponCode: r.couponCode,
      reasonCode: r.reasonCode,
      reason: r.reason,
      createDate: iso(lastChange - i * 60_000),
      discountId: r.discountId,
    })),
    // Kibo's CartMessage is an object, never null: a cart with nothing to say leaves it out.
    ...(removed
      ? { cartMessage: { message: 'An item in your cart is out of stock and was removed.', messageType: 'ProductRemoved' } }
      : {}),
    cartMessages: removed ? [{ message: 'An item in your cart is out of stock and was removed.', messageType: 'ProductRemoved' }] : [],
    priceListCode: a.accountType === 'B2B' ? 'B2B-WHOLESALE' : null,
  }
  return { cart, messages }
}

/** Kibo's CartSummary: counts and total of the cart, and whether it expired (as of the generated world's now). */
export function cartSummary(doc: CartDocument): Record<string, unknown> {
  const items = doc.cart.items
  return {
    itemCount: items.length,
    totalQuantity: items.reduce((s, i) => s + i.quantity, 0),
    total: doc.cart.total,
    isExpired: Date.parse(doc.cart.expirationDate) <= COMMERCE_AS_OF,
    hasActiveCart: items.length > 0 && Date.parse(doc.cart.expirationDate) > COMMERCE_AS_OF,
  }
}

/** The cart Kibo answers for a shopper who has none yet: empty, never a stranger's. */
export function emptyCart(cartId: string, userId: string | null, tenant: number, site: number): CartDocument['cart'] {
  return {
    ...cartHeader(cartId, userId, tenant, site),
    orderDiscounts: [],
    ...totals([], 0, 0, 0, 0, 0),
    expirationDate: iso(AS_OF + CART_LIFETIME_DAYS * DAY),
    changeMessages: [],
    items: [],
    couponCodes: [],
    invalidCoupons: [],
    cartMessages: [],
  }
}

const WISHLIST_NAMES = ['My wishlist', 'Birthday ideas', 'Holiday gifts', 'Camping trip', 'Kitchen refresh', 'For later']
const PRIORITIES = ['Low', 'Medium', 'High'] as const

/** The account's wishlists, as many as its commerceSummary.wishlistCount says. */
export function wishlists(seed: number, a: CustomerAccount, tenant: number, site: number): Array<Record<string, unknown>> {
  const d = drawFor(seed, Stream.Wishlists, a.id!)
  const count = a.commerceSummary?.wishlistCount ?? 0
  const since = Date.parse(a.auditInfo!.createDate!)
  const out: Array<Record<string, unknown>> = []
  for (let k = 0; k < count; k++) {
    const at = d.between(since, AS_OF)
    const changed = d.between(at, AS_OF)
    const items = Array.from({ length: d.int(1, 8) }, (_, i) => lineItem(d, i + 1, 0, at, a.userId ?? null, a.localeCode ?? 'en-US'))
    out.push({
      id: d.hex32(),
      userId: a.userId ?? null,
      tenantId: tenant,
      siteId: site,
      channelCode: 'Online',
      currencyCode: 'USD',
      customerAccountId: a.id,
      typeTag: 'default',
      name: k === 0 ? WISHLIST_NAMES[0] : d.pick(WISHLIST_NAMES.slice(1)),
      privacyType: d.chance(0.8) ? 'Private' : 'Public',
      sortOrder: k,
      subtotal: money(items.reduce((s, i) => s + i.cents!.subtotal, 0)),
      auditInfo: stamp(a.userId ?? null, at, changed),
      // A wishlist item is not yet fulfilled any way: Kibo's WishlistItem has no fulfillmentMethod.
      items: items.map((line) => {
        const { fulfillmentMethod: _unfulfilled, ...item } = answerItem(line)
        return {
          ...item,
          comments: d.chance(0.3) ? d.pick(['For the trip in August', 'In navy if possible', 'Gift for Sam', 'Wait for a sale']) : null,
          priorityType: d.pick(PRIORITIES),
          purchasableStatusType: d.chance(0.9) ? 'Purchasable' : 'NotPurchasable',
        }
      }),
    })
  }
  return out
}
