// What a support engineer asks of a shopper's cart beyond its lines: which coupons took and which
// Kibo refused (and why), what Kibo told the shopper about the cart, and whether it has expired.
import type { AppliedDiscount, Cart, CartSection, ChangeMessage, InvalidCoupon } from '../../../../shared/kibo360'
import { formatCountdown, formatMoney, parseDate } from '../../lib/format'
import { discountName } from './lineItems'

export interface AppliedCoupon {
  code: string
  /** The discounts this code unlocked, where Kibo says so (couponCode on an applied discount). */
  discounts: { name: string; amount: number | null }[]
  /** Total taken off by this code's discounts, negative; null when Kibo names no discount for it. */
  amount: number | null
}

export interface RefusedCoupon {
  code: string
  /** Kibo's words; its reason code when it gave no words. */
  reason: string
  reasonCode: number | null
  at: string | null
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
const same = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0

/** Every discount applied anywhere in the cart: the order's, each line's, each line's shipping. */
function appliedDiscounts(cart: Cart): AppliedDiscount[] {
  const out: AppliedDiscount[] = [...(cart.orderDiscounts ?? [])]
  for (const item of cart.items ?? []) {
    out.push(...(item.productDiscounts ?? []))
    const shipping = item.shippingDiscounts
    if (Array.isArray(shipping)) out.push(...(shipping as AppliedDiscount[]))
  }
  return out.filter((d) => d && d.excluded !== true)
}

export function appliedCoupons(cart: Cart): AppliedCoupon[] {
  const discounts = appliedDiscounts(cart)
  const refused = new Set((cart.invalidCoupons ?? []).map((c) => text(c.couponCode)).filter((c): c is string => c !== null))
  const codes = (cart.couponCodes ?? []).map(text).filter((c): c is string => c !== null && !refused.has(c))
  return [...new Set(codes)].map((code) => {
    const mine = discounts.filter((d) => typeof d.couponCode === 'string' && same(d.couponCode, code))
    const amounts = mine.map((d) => num(d.impact)).filter((n): n is number => n !== null)
    return {
      code,
      discounts: mine.map((d) => ({ name: discountName(d), amount: num(d.impact) === null ? null : -Math.abs(num(d.impact)!) })),
      amount: amounts.length > 0 ? -amounts.reduce((sum, n) => sum + Math.abs(n), 0) : null,
    }
  })
}

export function refusedCoupons(invalid: readonly InvalidCoupon[] | null | undefined): RefusedCoupon[] {
  return (invalid ?? []).map((coupon) => {
    const reasonCode = num(coupon.reasonCode)
    return {
      code: text(coupon.couponCode) ?? '(no code)',
      reason: text(coupon.reason) ?? (reasonCode !== null ? `Kibo gave reason code ${reasonCode} and no words.` : 'Kibo gave no reason.'),
      reasonCode,
      at: text(coupon.createDate),
    }
  })
}

export interface CartMessageLine {
  key: string
  text: string
  /** "Price changed", "Item removed", Kibo's messageType or subject/verb. */
  kind: string | null
  at: string | null
  /** A change Kibo could not make (success: false). */
  failed: boolean
}

function changeLine(message: ChangeMessage, position: number): CartMessageLine | null {
  const body = text(message.message)
  const kind = [text(message.subject), text(message.verb)].filter(Boolean).join(' ') || null
  if (body === null && kind === null) return null
  return {
    key: text(message.id) ?? `change-${position}`,
    text: body ?? kind!,
    kind: body === null ? null : kind,
    at: text(message.createDate),
    failed: message.success === false,
  }
}

/**
 * The cart's messages, newest first: what /carts/current/messages returned, then the messages the
 * cart itself carries (cartMessages) and its change messages, each once.
 */
export function cartMessages(section: Pick<CartSection, 'cart' | 'messages'>): CartMessageLine[] {
  const lines: CartMessageLine[] = []
  const seen = new Set<string>()
  const add = (line: CartMessageLine | null) => {
    if (!line) return
    const id = `${line.key}\u0000${line.text}`
    if (seen.has(id) || lines.some((l) => l.text === line.text && l.at === line.at)) return
    seen.add(id)
    lines.push(line)
  }
  ;(section.messages?.items ?? []).forEach((m, i) => add(changeLine(m, i)))
  ;(section.cart.changeMessages ?? []).forEach((m, i) => add(changeLine(m, i + 10_000)))
  ;(section.cart.cartMessages ?? []).forEach((m, i) => {
    const body = text(m?.message)
    if (body) add({ key: `cart-message-${i}`, text: body, kind: text(m?.messageType), at: null, failed: false })
  })
  return lines
    .map((line, i) => ({ line, i, at: parseDate(line.at) }))
    .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || a.i - b.i)
    .map(({ line }) => line)
}

export interface CartMessageGroups {
  /** The messages of the cart on screen. */
  cart: CartMessageLine[]
  /**
   * Messages /carts/current/messages gave that the cart on screen does not carry: Kibo keeps that
   * list for the shopper's current cart only, so a cart named by id may be another cart.
   */
  current: CartMessageLine[]
}

export function cartMessageGroups(section: Pick<CartSection, 'cart' | 'messages' | 'via'>): CartMessageGroups {
  if (section.via !== 'cart id') return { cart: cartMessages(section), current: [] }
  const own = cartMessages({ cart: section.cart, messages: null })
  const current = cartMessages({ cart: {}, messages: section.messages }).filter(
    (line) => !own.some((o) => o.text === line.text && (o.at === line.at || o.key === line.key)),
  )
  return { cart: own, current }
}

export interface CartExpiry {
  /** True when Kibo says so (summary.isExpired) or the expiration date has passed. */
  expired: boolean
  expiresAt: string | null
  /** "expires in 2 d 3 h", "expired 4 h ago", "no expiry in Kibo's answer". */
  text: string
}

/**
 * `readAt`: for a cart read from a bundle, the time it was read: the expiry is told from then,
 * since "expired 500 d ago" by today's clock says nothing about the cart the bundle kept.
 */
export function cartExpiry(section: Pick<CartSection, 'cart' | 'summary'>, nowMs: number, readAt?: string): CartExpiry {
  const expiresAt = text(section.cart.expirationDate)
  const readMs = readAt === undefined ? NaN : Date.parse(readAt)
  const fromRead = Number.isFinite(readMs)
  const counted = expiresAt ? formatCountdown(expiresAt, fromRead ? readMs : nowMs) : null
  const countdown =
    counted && fromRead
      ? {
          ...counted,
          text: counted.text
            .replace(/^expires in (.*)$/, 'expires $1 after it was read')
            .replace(/^expired (.*) ago$/, 'expired $1 before it was read'),
        }
      : counted
  const kiboSays = section.summary?.isExpired === true
  // Kibo's flag wins over this computer's clock either way: a cart Kibo calls expired is expired
  // even if its date is ahead, and one Kibo calls live is live even if the date has passed here
  // (a clock that differs from Kibo's, or a tenant whose carts are dated by another clock).
  const kiboSaysLive = section.summary?.isExpired === false
  const expired = kiboSays || (!kiboSaysLive && countdown?.state === 'expired')
  if (countdown && countdown.state !== 'invalid') {
    let said = countdown.text
    if (kiboSays && countdown.state !== 'expired') said = `expired (Kibo says so; date ${countdown.text})`
    if (kiboSaysLive && countdown.state === 'expired')
      said = fromRead
        ? `not expired, Kibo said, though its date had passed ${countdown.text.replace(/^expired /, '')}`
        : `not expired, Kibo says, though its date passed ${countdown.text.replace(/^expired /, '')} by this computer’s clock`
    return { expired, expiresAt, text: said }
  }
  return {
    expired,
    expiresAt,
    text: kiboSays ? 'expired (Kibo says so)' : expiresAt ? 'expiry date not readable' : 'no expiry in Kibo’s answer',
  }
}

export interface CartSummaryFacts {
  itemCount: number | null
  totalQuantity: number | null
  total: number | null
  expired: boolean | null
  hasActiveCart: boolean | null
}

/** The summary Kibo gave (/carts/{id}/summary), or, without one, what the cart itself says. */
export function summaryFacts(section: Pick<CartSection, 'cart' | 'summary'>): CartSummaryFacts & { from: 'summary' | 'cart' } {
  const s = section.summary
  if (s) {
    return {
      from: 'summary',
      itemCount: num(s.itemCount),
      totalQuantity: num(s.totalQuantity),
      total: num(s.total),
      expired: typeof s.isExpired === 'boolean' ? s.isExpired : null,
      hasActiveCart: typeof s.hasActiveCart === 'boolean' ? s.hasActiveCart : null,
    }
  }
  const items = section.cart.items
  return {
    from: 'cart',
    itemCount: Array.isArray(items) ? items.length : null,
    totalQuantity: Array.isArray(items) ? items.reduce((sum, i) => sum + (num(i.quantity) ?? 0), 0) : null,
    total: num(section.cart.total),
    expired: null,
    hasActiveCart: null,
  }
}

/** Where the summary and the cart disagree (a stale summary, or lines left out by responseFields). */
export function summaryDisagreements(section: Pick<CartSection, 'cart' | 'summary'>): string[] {
  const s = section.summary
  if (!s) return []
  const out: string[] = []
  const items = section.cart.items
  if (Array.isArray(items) && num(s.itemCount) !== null && s.itemCount !== items.length) {
    out.push(`The summary counts ${s.itemCount} item${s.itemCount === 1 ? '' : 's'}; the cart lists ${items.length}.`)
  }
  const total = num(section.cart.total)
  if (total !== null && num(s.total) !== null && Math.round(total * 100) !== Math.round(s.total! * 100)) {
    const money = (n: number) => formatMoney(n, section.cart.currencyCode) ?? String(n)
    out.push(`The summary’s total (${money(s.total!)}) differs from the cart’s (${money(total)}).`)
  }
  return out
}
