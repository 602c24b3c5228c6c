import { describe, expect, it } from 'vitest'
import { totalsOf, visibleRows } from './cartTotals'

// Two shirts at 25.00 with 5.00 off, a 10.00 coupon, 7.95 shipping, 2.00 handling, 3.31 tax.
const cart = {
  subtotal: 50,
  discountTotal: 15,
  discountedSubtotal: 35,
  shippingTotal: 7.95,
  handlingTotal: 2,
  taxTotal: 3.31,
  feeTotal: 0,
  total: 48.26,
  currencyCode: 'USD',
}

describe('cart totals', () => {
  it('lists the rows a receipt reads, discounts as negative', () => {
    const totals = totalsOf(cart)
    expect(totals.rows.map((r) => [r.key, r.amount])).toEqual([
      ['subtotal', 50],
      ['discounts', -15],
      ['shipping', 7.95],
      ['handling', 2],
      ['tax', 3.31],
      ['fees', 0],
      ['total', 48.26],
    ])
  })

  it('adds up when subtotal − discounts + shipping + handling + tax + fees is the total', () => {
    expect(totalsOf(cart).check).toEqual({ status: 'adds-up', expected: 48.26, total: 48.26 })
  })

  it('reads a negative discountTotal (as Kibo documents it) the same as a positive one', () => {
    expect(totalsOf({ ...cart, discountTotal: -15 }).check.status).toBe('adds-up')
  })

  it('flags a total one cent off, with the difference', () => {
    const check = totalsOf({ ...cart, total: 48.27 }).check
    expect(check).toEqual({ status: 'mismatch', expected: 48.26, total: 48.27, difference: 0.01 })
  })

  it('is not fooled by floating point: 0.1 + 0.2 style sums still add up', () => {
    const check = totalsOf({ subtotal: 0.1, discountTotal: 0, shippingTotal: 0.2, handlingTotal: 0, taxTotal: 0, total: 0.3 }).check
    expect(check.status).toBe('adds-up')
  })

  it('counts duty on orders only when asked', () => {
    const order = { ...cart, dutyTotal: 4, total: 52.26 }
    expect(totalsOf(order).check.status).toBe('mismatch')
    expect(totalsOf(order, { duty: true }).check.status).toBe('adds-up')
  })

  it('takes the discount from discountedSubtotal when discountTotal is left out', () => {
    const { discountTotal: _left, ...rest } = cart
    void _left
    const totals = totalsOf(rest)
    expect(totals.rows[1]).toMatchObject({ amount: -15, field: 'discountedSubtotal' })
    expect(totals.check.status).toBe('adds-up')
  })

  it('cannot check without a subtotal or a total, and says which is missing', () => {
    expect(totalsOf({ ...cart, total: null }).check).toEqual({ status: 'incomplete', missing: ['total'] })
    expect(totalsOf({ taxTotal: 1 }).check).toEqual({ status: 'incomplete', missing: ['subtotal', 'total'] })
  })

  it('counts parts left out of the answer as zero, and names them', () => {
    const totals = totalsOf({ subtotal: 20, total: 20 })
    expect(totals.check.status).toBe('adds-up')
    expect(totals.assumedZero).toEqual(['discounts', 'shipping', 'handling', 'tax'])
  })

  it('shows zero rows only for subtotal and total', () => {
    const rows = visibleRows(totalsOf({ subtotal: 20, discountTotal: 0, shippingTotal: 0, taxTotal: 1.2, total: 21.2 }))
    expect(rows.map((r) => r.key)).toEqual(['subtotal', 'tax', 'total'])
  })
})
