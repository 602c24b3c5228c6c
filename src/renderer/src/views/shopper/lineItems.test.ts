import { describe, expect, it } from 'vitest'
import type { CommerceItem } from '../../../../shared/kibo360'
import { lineItem, lineItems, optionText, unitCount } from './lineItems'

const shirt: CommerceItem = {
  id: 'a1b2',
  lineId: 1,
  quantity: 2,
  product: {
    productCode: 'SHIRT-01',
    variationProductCode: 'SHIRT-01-M-NVY',
    name: 'Oxford shirt',
    options: [
      { name: 'Size', attributeFQN: 'tenant~size', value: 'M', stringValue: null },
      { attributeFQN: 'tenant~color', value: 'Navy' },
      { name: 'Monogram', value: null, stringValue: '  ' },
    ],
  },
  unitPrice: { listAmount: 30, saleAmount: 25, extendedAmount: 25 },
  subtotal: 50,
  extendedTotal: 50,
  discountTotal: 5,
  discountedTotal: 45,
  total: 45,
  productDiscounts: [
    { impact: 5, couponCode: null, excluded: false, discount: { id: 12, name: 'Shirts 10% off' } },
    { impact: 8, couponCode: 'BIG8', excluded: true, discount: { id: 13, name: 'Big spender' } },
  ],
}

describe('line items', () => {
  it('reads product, variant, options, quantity and prices', () => {
    expect(lineItem(shirt, 0)).toMatchObject({
      key: 'a1b2',
      productCode: 'SHIRT-01',
      variationCode: 'SHIRT-01-M-NVY',
      name: 'Oxford shirt',
      options: ['Size: M', 'color: Navy'],
      quantity: 2,
      unitPrice: 25,
      listPrice: 30,
      extended: 50,
      total: 45,
    })
  })

  it('lists discounts as negative amounts and keeps the excluded ones marked', () => {
    expect(lineItem(shirt, 0).discounts).toEqual([
      { name: 'Shirts 10% off', couponCode: null, amount: -5, excluded: false },
      { name: 'Big spender', couponCode: 'BIG8', amount: -8, excluded: true },
    ])
  })

  it('falls back on the single productDiscount Kibo also sends', () => {
    const item = { ...shirt, productDiscounts: undefined, productDiscount: { impact: 3, discount: { id: 4 } } }
    expect(lineItem(item, 0).discounts).toEqual([{ name: 'Discount 4', couponCode: null, amount: -3, excluded: false }])
  })

  it('shows no list price when there is no sale below it', () => {
    expect(lineItem({ ...shirt, unitPrice: { listAmount: 30 } }, 0)).toMatchObject({ unitPrice: 30, listPrice: null })
  })

  it('computes the extended price when Kibo leaves both totals out', () => {
    expect(lineItem({ quantity: 3, unitPrice: { listAmount: 4.5 } }, 0).extended).toBe(13.5)
  })

  it('names a line with no product by its position and says it has no name', () => {
    expect(lineItem({ quantity: 1 }, 4)).toMatchObject({ key: 'at-4', name: 'Unnamed product', productCode: null, options: [] })
    expect(lineItem({ lineId: 7 }, 4).key).toBe('line-7')
  })

  it('hides the variation code when it is the product code', () => {
    expect(lineItem({ product: { productCode: 'X', variationProductCode: 'X' } }, 0).variationCode).toBeNull()
  })

  it('reads an option without a name from its attribute', () => {
    expect(optionText({ attributeFQN: 'tenant~width', value: 10 })).toBe('width: 10')
    expect(optionText({ value: 'Gift wrap' })).toBe('Gift wrap')
  })

  it('counts units across lines', () => {
    expect(unitCount([shirt, { quantity: 1 }, {}])).toBe(3)
    expect(lineItems(null)).toEqual([])
  })
})
