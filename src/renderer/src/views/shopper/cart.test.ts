import { describe, expect, it } from 'vitest'
import type { Cart, CartSection } from '../../../../shared/kibo360'
import { appliedCoupons, cartExpiry, cartMessageGroups, cartMessages, refusedCoupons, summaryDisagreements, summaryFacts } from './cart'

const now = Date.parse('2026-03-10T12:00:00Z')

const cart: Cart = {
  id: 'cart-1',
  currencyCode: 'USD',
  total: 41.5,
  expirationDate: '2026-03-12T12:00:00Z',
  couponCodes: ['SAVE10', 'FREESHIP', 'EXPIRED5'],
  invalidCoupons: [
    { couponCode: 'EXPIRED5', reasonCode: 105, reason: 'Coupon has expired', createDate: '2026-03-09T10:00:00Z', discountId: 9 },
    { couponCode: 'NOPE', reasonCode: 100 },
  ],
  orderDiscounts: [{ impact: 10, couponCode: 'save10', discount: { id: 1, name: '10 off orders over 50' } }],
  items: [
    {
      id: 'i1',
      quantity: 1,
      productDiscounts: [{ impact: 2.5, couponCode: 'SAVE10', discount: { id: 2, name: 'Line bonus' } }],
      shippingDiscounts: [{ impact: 7.95, couponCode: 'FREESHIP', discount: { id: 3, name: 'Free shipping' } }],
    },
    { id: 'i2', quantity: 2, productDiscounts: [{ impact: 4, couponCode: 'SAVE10', excluded: true, discount: { id: 4 } }] },
  ],
  cartMessages: [{ message: 'An item’s price changed', messageType: 'PriceChanged' }],
  changeMessages: [{ id: 'c1', subject: 'Cart', verb: 'Updated', message: 'Coupon EXPIRED5 removed', createDate: '2026-03-09T10:00:01Z' }],
}

const section: CartSection = {
  cart,
  summary: { itemCount: 2, totalQuantity: 3, total: 41.5, isExpired: false, hasActiveCart: true },
  messages: {
    totalCount: 2,
    items: [
      {
        id: 'm1',
        message: 'Item SHIRT-01 is out of stock',
        subject: 'Product',
        verb: 'Removed',
        createDate: '2026-03-10T08:00:00Z',
        success: false,
      },
      { id: 'c1', subject: 'Cart', verb: 'Updated', message: 'Coupon EXPIRED5 removed', createDate: '2026-03-09T10:00:01Z' },
    ],
  },
  via: 'current',
  problems: [],
}

describe('coupons', () => {
  it('pairs each applied code with the discounts it unlocked, matched ignoring case, excluded ones left out', () => {
    expect(appliedCoupons(cart)).toEqual([
      {
        code: 'SAVE10',
        discounts: [
          { name: '10 off orders over 50', amount: -10 },
          { name: 'Line bonus', amount: -2.5 },
        ],
        amount: -12.5,
      },
      { code: 'FREESHIP', discounts: [{ name: 'Free shipping', amount: -7.95 }], amount: -7.95 },
    ])
  })

  it('does not list a refused code as applied', () => {
    expect(appliedCoupons(cart).map((c) => c.code)).not.toContain('EXPIRED5')
  })

  it('lists a code with no discount of its own with no amount', () => {
    expect(appliedCoupons({ couponCodes: ['WELCOME'] })).toEqual([{ code: 'WELCOME', discounts: [], amount: null }])
  })

  it('gives Kibo’s reason for each refused code, or its reason code when it gave no words', () => {
    expect(refusedCoupons(cart.invalidCoupons)).toEqual([
      { code: 'EXPIRED5', reason: 'Coupon has expired', reasonCode: 105, at: '2026-03-09T10:00:00Z' },
      { code: 'NOPE', reason: 'Kibo gave reason code 100 and no words.', reasonCode: 100, at: null },
    ])
    expect(refusedCoupons(null)).toEqual([])
  })
})

describe('messages', () => {
  it('merges the messages call, the change messages and the cart messages, each once, newest first', () => {
    const lines = cartMessages(section)
    expect(lines.map((l) => l.text)).toEqual(['Item SHIRT-01 is out of stock', 'Coupon EXPIRED5 removed', 'An item’s price changed'])
    expect(lines[0]).toMatchObject({ kind: 'Product Removed', failed: true })
    expect(lines[2]).toMatchObject({ kind: 'PriceChanged', at: null })
  })

  it('keeps the current cart’s messages apart from a cart named by id, leaving out those the cart carries itself', () => {
    const groups = cartMessageGroups({ ...section, via: 'cart id' })
    expect(groups.cart.map((l) => l.text)).toEqual(['Coupon EXPIRED5 removed', 'An item’s price changed'])
    expect(groups.current.map((l) => l.text)).toEqual(['Item SHIRT-01 is out of stock'])
  })

  it('reads every message as the cart’s own when the cart is the current one', () => {
    const groups = cartMessageGroups(section)
    expect(groups.cart).toEqual(cartMessages(section))
    expect(groups.current).toEqual([])
  })

  it('reads a cart with no messages anywhere as none', () => {
    expect(cartMessages({ cart: {}, messages: null })).toEqual([])
  })
})

describe('expiry', () => {
  it('counts down to a future expiry', () => {
    expect(cartExpiry(section, now)).toEqual({ expired: false, expiresAt: '2026-03-12T12:00:00Z', text: 'expires in 2 d' })
  })

  it('tells a bundle’s cart from when it was read, not from today', () => {
    const later = now + 400 * 86_400_000
    const read = new Date(now).toISOString()
    expect(cartExpiry(section, later, read)).toEqual({
      expired: false,
      expiresAt: '2026-03-12T12:00:00Z',
      text: 'expires 2 d after it was read',
    })
    const passed = { cart: { expirationDate: '2026-03-10T08:00:00Z' }, summary: null }
    expect(cartExpiry(passed, later, read)).toMatchObject({ expired: true, text: 'expired 4 h before it was read' })
    // An unreadable read time falls back to this computer's clock.
    expect(cartExpiry(section, now, 'not a date').text).toBe('expires in 2 d')
  })

  it('marks a passed expiry as expired', () => {
    expect(cartExpiry({ cart: { expirationDate: '2026-03-10T08:00:00Z' }, summary: null }, now)).toMatchObject({
      expired: true,
      text: 'expired 4 h ago',
    })
  })

  it('believes Kibo’s summary over the clock', () => {
    const expired = cartExpiry({ ...section, summary: { ...section.summary, isExpired: true } }, now)
    expect(expired.expired).toBe(true)
    expect(expired.text).toMatch(/^expired \(Kibo says so/)
  })

  it('believes Kibo’s summary when it calls a cart live whose date has passed by this clock', () => {
    const passed = { ...section, cart: { ...cart, expirationDate: '2026-03-10T08:00:00Z' } }
    expect(cartExpiry(passed, now)).toEqual({
      expired: false,
      expiresAt: '2026-03-10T08:00:00Z',
      text: 'not expired, Kibo says, though its date passed 4 h ago by this computer’s clock',
    })
    // Without Kibo's word, the clock decides.
    expect(cartExpiry({ ...passed, summary: { ...section.summary, isExpired: undefined } }, now).expired).toBe(true)
  })

  it('says when Kibo gave no expiry', () => {
    expect(cartExpiry({ cart: {}, summary: null }, now)).toEqual({ expired: false, expiresAt: null, text: 'no expiry in Kibo’s answer' })
    expect(cartExpiry({ cart: {}, summary: { isExpired: true } }, now).expired).toBe(true)
  })
})

describe('summary', () => {
  it('takes Kibo’s summary when there is one', () => {
    expect(summaryFacts(section)).toEqual({
      from: 'summary',
      itemCount: 2,
      totalQuantity: 3,
      total: 41.5,
      expired: false,
      hasActiveCart: true,
    })
  })

  it('falls back on the cart itself', () => {
    expect(summaryFacts({ cart, summary: null })).toEqual({
      from: 'cart',
      itemCount: 2,
      totalQuantity: 3,
      total: 41.5,
      expired: null,
      hasActiveCart: null,
    })
  })

  it('says where the summary and the cart disagree', () => {
    expect(summaryDisagreements(section)).toEqual([])
    const off = { cart, summary: { itemCount: 3, total: 45 } }
    expect(summaryDisagreements(off)).toEqual([
      'The summary counts 3 items; the cart lists 2.',
      'The summary’s total ($45.00) differs from the cart’s ($41.50).',
    ])
  })
})
