import { describe, expect, it } from 'vitest'
import type { Order } from '../../../../shared/kibo360'
import { orderDetail, orderRows, orderTitle, pageInfo, paymentLine, shipmentLine } from './orders'

const placed: Order = {
  id: 'o-1',
  orderNumber: 1042,
  submittedDate: '2026-02-01T10:00:00Z',
  status: 'Completed',
  paymentStatus: 'Paid',
  fulfillmentStatus: 'Fulfilled',
  total: 99.5,
  currencyCode: 'EUR',
  items: [{ quantity: 2 }, { quantity: 1 }],
}
const pending: Order = { id: 'o-2', orderNumber: 1043, auditInfo: { createDate: '2026-02-05T10:00:00Z' }, status: 'Pending' }
const undated: Order = { id: 'o-3', status: 'Created' }
const older: Order = { id: 'o-0', orderNumber: 1001, submittedDate: '2025-12-24T10:00:00Z', items: null }

describe('order list', () => {
  it('sorts a page newest first (submitted, else created), undated last', () => {
    expect(orderRows({ items: [older, undated, placed, pending] }).map((r) => r.id)).toEqual(['o-2', 'o-1', 'o-0', 'o-3'])
  })

  it('reads number, statuses, total and item count', () => {
    expect(orderRows({ items: [placed] })[0]).toEqual({
      id: 'o-1',
      number: 1042,
      date: '2026-02-01T10:00:00Z',
      submitted: true,
      status: 'Completed',
      paymentStatus: 'Paid',
      fulfillmentStatus: 'Fulfilled',
      total: 99.5,
      currencyCode: 'EUR',
      itemCount: 2,
      units: 3,
    })
    expect(orderRows({ items: [older] })[0]).toMatchObject({ itemCount: null, units: null })
    // Not submitted: dated by its creation, and marked so.
    expect(orderRows({ items: [pending] })[0]).toMatchObject({ date: '2026-02-05T10:00:00Z', submitted: false })
  })

  it('pages by Kibo’s counts, or by a full page when Kibo gives no total', () => {
    expect(pageInfo({ startIndex: 20, pageSize: 20, totalCount: 45, items: new Array(20).fill({}) }, {})).toMatchObject({
      first: 21,
      last: 40,
      hasPrevious: true,
      hasNext: true,
    })
    expect(pageInfo({ startIndex: 40, pageSize: 20, totalCount: 45, items: new Array(5).fill({}) }, {})).toMatchObject({ hasNext: false })
    expect(pageInfo({ items: new Array(20).fill({}) }, { startIndex: 0, pageSize: 20 })).toMatchObject({
      hasNext: true,
      hasPrevious: false,
    })
    expect(pageInfo({ items: [] }, {})).toMatchObject({ first: 0, last: 0, hasNext: false })
  })

  it('titles an order by number, else id', () => {
    expect(orderTitle({ number: 1042, id: 'o-1' })).toBe('Order 1042')
    expect(orderTitle({ number: null, id: 'o-1' })).toBe('Order o-1')
  })
})

describe('one order', () => {
  it('summarises a card payment with only the last four digits and its latest interaction', () => {
    const line = paymentLine(
      {
        id: 'p1',
        paymentType: 'CreditCard',
        status: 'Collected',
        amountRequested: 99.5,
        amountCollected: 99.5,
        billingInfo: { card: { paymentOrCardType: 'VISA', cardNumberPartOrMask: '************1111' } },
        interactions: [
          { interactionType: 'Authorization', status: 'Authorized', interactionDate: '2026-02-01T10:00:00Z' },
          { interactionType: 'Capture', status: 'Captured', interactionDate: '2026-02-02T10:00:00Z' },
        ],
      },
      0,
    )
    expect(line).toMatchObject({
      method: 'Credit Card VISA •••• 1111',
      status: 'Collected',
      collected: 99.5,
      lastInteraction: 'Capture: Captured',
    })
    expect(line.interactions).toBe(2)
  })

  it('names a store credit payment by its code', () => {
    expect(paymentLine({ paymentType: 'StoreCredit', billingInfo: { storeCreditCode: 'SC-77' } }, 3)).toMatchObject({
      key: 'payment-3',
      method: 'Store Credit SC-77',
    })
  })

  it('summarises a shipment: units and every tracking number once', () => {
    const line = shipmentLine(
      {
        number: 1,
        shipmentStatus: 'Fulfilled',
        shippingMethodName: 'Ground',
        items: [{ quantity: 2 }, { quantity: 1 }],
        packages: [{ trackingNumber: '1Z9', trackingNumbers: ['1Z9', '1Z8'] }, { trackings: [{ number: '1Z7' }] }],
      },
      0,
    )
    expect(line).toMatchObject({ number: 1, status: 'Fulfilled', method: 'Ground', units: 3, tracking: ['1Z9', '1Z8', '1Z7'] })
  })

  it('gathers addresses, discounts from every level, and notes', () => {
    const detail = orderDetail({
      ...placed,
      billingInfo: {
        billingContact: { firstName: 'Ada', lastNameOrSurname: 'Byron', address: { address1: '1 Main St', cityOrTown: 'Bath' } },
      },
      fulfillmentInfo: { shippingMethodName: 'Ground', fulfillmentContact: { companyOrOrganization: 'Acme' } },
      orderDiscounts: [{ impact: 5, couponCode: 'SAVE5', discount: { id: 1, name: '5 off' } }],
      items: [{ product: { productCode: 'HAT' }, productDiscounts: [{ impact: 2, discount: { id: 2, name: 'Hats' } }] }],
      shippingDiscounts: [{ methodCode: 'ground', discount: { impact: 7, discount: { id: 3, name: 'Free ground' } } }],
      shopperNotes: { giftMessage: 'Happy birthday' },
      notes: [
        { id: 'n1', text: 'Called the shopper', auditInfo: { createDate: '2026-02-03T09:00:00Z', createBy: 'agent' } },
        { text: ' ' },
      ],
    })
    expect(detail.billing).toMatchObject({ name: 'Ada Byron', address: { address1: '1 Main St' } })
    expect(detail.shipping).toMatchObject({ company: 'Acme', name: null })
    expect(detail.shippingMethod).toBe('Ground')
    expect(detail.discounts).toEqual([
      { scope: 'Order', name: '5 off', couponCode: 'SAVE5', amount: -5 },
      { scope: 'HAT', name: 'Hats', couponCode: null, amount: -2 },
      { scope: 'Shipping', name: 'Free ground', couponCode: null, amount: -7 },
    ])
    expect(detail.notes.map((n) => [n.label, n.text])).toEqual([
      ['Gift message', 'Happy birthday'],
      ['Order note', 'Called the shopper'],
    ])
  })

  it('has no address block for an empty contact', () => {
    expect(orderDetail({ billingInfo: { billingContact: {} } }).billing).toBeNull()
  })
})
