// The emulator's carts and orders pass the very check the shopper views run on them
// (src/renderer/src/views/shopper/cartTotals.ts: total = subtotal − discounts + shipping + handling
// + tax + fees, + duty on orders), so a view that flags a mismatch is flagging Kibo, not the demo.
// It lives in test/ because main may not import renderer code, and this test needs both.
import { describe, expect, it } from 'vitest'
import { generateAccounts } from '../src/main/emulator/generate'
import { emptyCart } from '../src/main/emulator/generateCommerce'
import { orders } from '../src/main/emulator/generateOrders'
import { CustomerWorld } from '../src/main/emulator/world'

// Loaded by path: the node project may not type-check renderer files, so the one function used is
// declared here as the view calls it.
type TotalsCheck = { status: 'adds-up' | 'mismatch' | 'incomplete'; expected?: number; total?: number }
const { totalsOf } = (await import(new URL('../src/renderer/src/views/shopper/cartTotals.ts', import.meta.url).pathname)) as {
  totalsOf: (aggregate: object, options?: { duty?: boolean }) => { check: TotalsCheck }
}

const data = generateAccounts({ seed: 13, count: 400 })
const world = new CustomerWorld(data, new Map(data.accounts.map((a) => [a.id!, a])))
const cents = (n: unknown): number => Math.round(Number(n) * 100)

describe('emulator totals pass the views’ check', () => {
  it('every cart adds up to the cent, discounts, free shipping and handling included', () => {
    const kinds = { orderDiscount: 0, freeShipping: 0, handling: 0 }
    for (const { cartId } of data.carts) {
      const cart = world.cart(cartId)!.cart
      const check = totalsOf(cart).check
      expect(check, cartId).toMatchObject({ status: 'adds-up' })
      if ((cart.orderDiscounts as unknown[]).length > 0) kinds.orderDiscount++
      if (cents(cart.shippingSubTotal) > cents(cart.shippingTotal)) kinds.freeShipping++
      if (cents(cart.handlingTotal) > 0) kinds.handling++
      // The line items add up to the cart's subtotal and their discounts to part of its discount.
      const items = cart.items as unknown as Array<{ subtotal: number; discountTotal: number; itemTaxTotal: number }>
      expect(items.reduce((s, i) => s + cents(i.subtotal), 0)).toBe(cents(cart.subtotal))
      expect(items.reduce((s, i) => s + cents(i.discountTotal), 0)).toBeLessThanOrEqual(cents(cart.discountTotal))
      expect(items.reduce((s, i) => s + cents(i.itemTaxTotal), 0)).toBe(cents(cart.itemTaxTotal))
    }
    // The check meets every part of the formula, not only plain carts.
    expect(Object.values(kinds).every((n) => n > 3)).toBe(true)
  })

  it('every order adds up to the cent, with duty as the order view counts it', () => {
    let seen = 0
    for (const a of data.accounts.slice(0, 150)) {
      for (const order of orders(data.seed!, a, data.tenant, data.site)) {
        seen++
        expect(totalsOf(order, { duty: true }).check, String(order.id)).toMatchObject({ status: 'adds-up' })
      }
    }
    expect(seen).toBeGreaterThan(120)
  })

  it('an empty cart adds up to zero', () => {
    expect(totalsOf(emptyCart('0'.repeat(32), null, 1, 1)).check).toEqual({ status: 'adds-up', expected: 0, total: 0 })
  })

  it('the check would catch a cart a cent off', () => {
    const cart = world.cart(data.carts[0].cartId)!.cart
    expect(totalsOf({ ...cart, total: cart.total + 0.01 }).check.status).toBe('mismatch')
  })
})
