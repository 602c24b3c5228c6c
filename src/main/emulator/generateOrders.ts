// The account's orders, as many as its commerceSummary.orderCount, the newest submitted on its
// lastOrderDate: every order status, with payment and fulfillment status, payments (the
// account's own masked cards, store credit or purchase order), shipments and packages.
import type { CustomerAccount } from '../../shared/kibo'
import { AS_OF, DAY, type Draw, iso } from './generate'
import { Stream, cards, drawFor, stamp } from './generate360'
import {
  ORDER_COUPONS,
  SHIPPING_METHODS,
  answerItem,
  appliedOrderDiscount,
  commerceContact,
  lineItem,
  taxRateOf,
  totals,
} from './generateItems'
import * as W from './names'

/** Kibo's order statuses, each with the payment and fulfillment status it goes with. */
export const ORDER_STATUSES = {
  Pending: { payment: 'Pending', fulfillment: 'NotFulfilled', paymentState: 'New' },
  Validated: { payment: 'Pending', fulfillment: 'NotFulfilled', paymentState: 'New' },
  Submitted: { payment: 'Pending', fulfillment: 'NotFulfilled', paymentState: 'Authorized' },
  Accepted: { payment: 'Authorized', fulfillment: 'NotFulfilled', paymentState: 'Authorized' },
  Processing: { payment: 'Authorized', fulfillment: 'PartiallyFulfilled', paymentState: 'Authorized' },
  Completed: { payment: 'Paid', fulfillment: 'Fulfilled', paymentState: 'Collected' },
  Cancelled: { payment: 'Voided', fulfillment: 'NotFulfilled', paymentState: 'Voided' },
  Abandoned: { payment: 'Pending', fulfillment: 'NotFulfilled', paymentState: 'New' },
  Errored: { payment: 'Declined', fulfillment: 'NotFulfilled', paymentState: 'Declined' },
} as const
export type OrderStatus = keyof typeof ORDER_STATUSES

/** Older orders have settled; the newest few may still be anywhere in the flow. */
function statusOf(d: Draw, newest: number): OrderStatus {
  if (newest < 3 && d.chance(0.6))
    return d.pick(['Pending', 'Validated', 'Submitted', 'Accepted', 'Processing', 'Errored', 'Abandoned'] as const)
  return d.chance(0.88) ? 'Completed' : d.pick(['Cancelled', 'Cancelled', 'Abandoned'] as const)
}

const CARRIERS = [
  { name: 'UPS', track: (d: Draw) => `1Z${d.digits(16)}`, url: 'https://www.ups.com/track?tracknum=' },
  { name: 'FedEx', track: (d: Draw) => d.digits(12), url: 'https://www.fedex.com/fedextrack/?trknbr=' },
  { name: 'USPS', track: (d: Draw) => `9400${d.digits(18)}`, url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=' },
]

const SHOPPER_COMMENTS = ['Please leave at the back door.', 'Gift: no prices in the box, please.', 'Call on arrival.', 'Ring twice.']
const ORDER_NOTES = [
  'Customer called to confirm the delivery address.',
  'Partial shipment approved by the customer.',
  'Price adjusted after a complaint about the delay.',
]

/** An order id starts with its account id in hex, so /orders/{id} finds it without drawing the tenant's orders. */
export function orderId(accountId: number, random: string): string {
  return `${accountId.toString(16).padStart(8, '0')}${random.slice(8)}`
}

export function accountOfOrderId(id: string): number | undefined {
  return /^[0-9a-f]{32}$/.test(id) ? parseInt(id.slice(0, 8), 16) : undefined
}

export function orders(seed: number, a: CustomerAccount, tenant: number, site: number): Array<Record<string, unknown>> {
  const d = drawFor(seed, Stream.Orders, a.id!)
  const count = a.commerceSummary?.orderCount ?? 0
  if (count === 0) return []
  const since = Date.parse(a.auditInfo!.createDate!)
  const last = a.commerceSummary?.lastOrderDate ? Date.parse(a.commerceSummary.lastOrderDate) : AS_OF
  const dates = Array.from({ length: count }, (_, k) => (k === count - 1 ? last : d.between(since, last))).sort((x, y) => x - y)
  const savedCards = cards(seed, a)
  const rate = taxRateOf(a)
  const contact = commerceContact(a)
  const out: Array<Record<string, unknown>> = []
  for (let k = 0; k < count; k++) {
    const submitted = dates[k]
    const status = statusOf(d, count - 1 - k)
    const flow = ORDER_STATUSES[status]
    const id = orderId(a.id!, d.hex32())
    const orderNumber = a.id! * 100 + k + 1
    const items = Array.from({ length: d.int(1, 5) }, (_, i) =>
      lineItem(d, i + 1, rate, submitted, a.userId ?? null, a.localeCode ?? 'en-US'),
    )
    const net = items.reduce((s, i) => s + i.cents!.subtotal - i.cents!.discount, 0)
    const coupon = d.chance(0.2) ? d.pick(ORDER_COUPONS) : undefined
    const orderDiscount = coupon ? Math.min(net, coupon.percent ? Math.round((net * coupon.percent) / 100) : coupon.amount!) : 0
    const method = d.pick(SHIPPING_METHODS)
    const t = totals(items, orderDiscount, method.cents, 0, 0, rate)
    const closed = status === 'Completed' ? submitted + d.int(1, 9) * DAY : null
    const cancelled = status === 'Cancelled' ? submitted + d.int(0, 2) * DAY : null
    const accepted = ['Accepted', 'Processing', 'Completed'].includes(status) ? submitted + d.int(1, 12) * 3_600_000 : null
    const updatedAt = Math.min(AS_OF, closed ?? cancelled ?? accepted ?? submitted)
    const card = savedCards.length > 0 ? d.pick(savedCards) : undefined
    const paymentId = d.hex32()
    const collected = flow.paymentState === 'Collected' ? t.total : 0
    const paymentType = a.accountType === 'B2B' && d.chance(0.5) ? 'PurchaseOrder' : card ? 'CreditCard' : 'Check'
    const billingInfo = {
      paymentType,
      paymentWorkflow: 'Mozu',
      ...(contact ? { billingContact: contact } : {}),
      isSameBillingShippingAddress: true,
      ...(paymentType === 'CreditCard' && card
        ? {
            card: {
              paymentOrCardType: card.cardType,
              cardNumberPartOrMask: card.cardNumberPart,
              expireMonth: card.expireMonth,
              expireYear: card.expireYear,
              nameOnCard: card.nameOnCard,
              isCardInfoSaved: true,
              isTokenized: true,
              paymentServiceCardId: card.id,
            },
          }
        : {}),
      ...(paymentType === 'PurchaseOrder'
        ? {
            purchaseOrder: {
              purchaseOrderNumber: `PO-${d.digits(6)}`,
              paymentTerm: { code: 'NET30', description: 'Net 30 days' },
              customFields: [],
            },
          }
        : {}),
      ...(paymentType === 'Check' ? { check: { checkNumber: d.digits(4) } } : {}),
      isRecurring: false,
      auditInfo: stamp(a.userId ?? null, submitted),
    }
    const interactions: Array<Record<string, unknown>> = []
    const interaction = (type: string, state: string, at: number) =>
      interactions.push({
        id: d.hex32(),
        paymentId,
        orderId: id,
        currencyCode: 'USD',
        interactionType: type,
        status: state,
        isManual: false,
        isPending: false,
        isRecurring: false,
        amount: t.total,
        interactionDate: iso(at),
        gatewayResponseText: state === 'Declined' ? 'Declined: insufficient funds' : 'Approved',
        auditInfo: stamp('system', at),
      })
    if (flow.paymentState !== 'New') interaction('Authorization', flow.paymentState === 'Declined' ? 'Declined' : 'Authorized', submitted)
    if (flow.paymentState === 'Collected') interaction('Capture', 'Captured', closed ?? submitted)
    if (flow.paymentState === 'Voided') interaction('Void', 'Voided', cancelled ?? submitted)
    const payment = {
      id: paymentId,
      orderId: id,
      paymentType,
      paymentWorkflow: 'Mozu',
      billingInfo,
      status: flow.paymentState,
      availableActions: flow.paymentState === 'Authorized' ? ['CapturePayment', 'VoidPayment'] : [],
      interactions,
      isRecurring: false,
      amountRequested: t.total,
      amountCollected: collected,
      amountCredited: 0,
      auditInfo: stamp(a.userId ?? null, submitted, updatedAt),
    }
    const shipped = status === 'Completed' || status === 'Processing'
    const shipmentId = d.hex32()
    const shippedItems = status === 'Processing' ? items.slice(0, Math.max(1, items.length - 1)) : items
    const carrier = d.pick(CARRIERS)
    const tracking = carrier.track(d)
    const fulfilledAt = Math.min(AS_OF, closed ?? submitted + 2 * DAY)
    const packages = shipped
      ? [
          {
            id: d.hex32(),
            code: `PKG-${orderNumber}-1`,
            status: 'Fulfilled',
            items: shippedItems.map((i) => ({
              productCode: String(i.product.productCode),
              quantity: i.quantity,
              lineId: i.lineId,
              fulfillmentItemType: 'Physical',
            })),
            fulfillmentDate: iso(fulfilledAt),
            fulfillmentLocationCode: 'WH-01',
            auditInfo: stamp('system', fulfilledAt),
            availableActions: [],
            shippingMethodCode: method.code,
            shippingMethodName: method.name,
            shipmentId,
            trackingNumber: tracking,
            trackingNumbers: [tracking],
            trackings: [{ number: tracking, url: carrier.url + tracking }],
            carrier: carrier.name,
            hasLabel: true,
            packagingType: 'CUSTOM',
          },
        ]
      : []
    const shipments = shipped
      ? [
          {
            id: shipmentId,
            number: 1,
            orderId: id,
            orderNumber,
            email: a.emailAddress ?? null,
            currencyCode: 'USD',
            customerAccountId: a.id,
            shipmentType: 'STH',
            shippingMethodCode: method.code,
            shippingMethodName: method.name,
            fulfillmentLocationCode: 'WH-01',
            ...(contact ? { destination: { destinationContact: contact, isDestinationCommercial: a.accountType === 'B2B' } } : {}),
            shipmentStatus: status === 'Completed' ? 'FULFILLED' : 'READY',
            fulfillmentStatus: status === 'Completed' ? 'Fulfilled' : 'NotFulfilled',
            fulfillmentDate: status === 'Completed' ? iso(fulfilledAt) : null,
            orderSubmitDate: iso(submitted),
            packages,
            items: shippedItems.map((i) => ({
              lineId: i.lineId,
              originalOrderItemId: i.id,
              productCode: String(i.product.productCode),
              name: String(i.product.name),
              quantity: i.quantity,
              isTaxable: i.isTaxable,
              unitPrice: i.unitPrice.listAmount,
              actualPrice: i.unitPrice.extendedAmount,
              itemDiscount: i.discountTotal,
              lineItemCost: i.discountedTotal,
              itemTax: i.itemTaxTotal,
            })),
            auditInfo: stamp('system', submitted, fulfilledAt),
          },
        ]
      : []
    out.push({
      id,
      orderNumber,
      userId: a.userId ?? null,
      tenantId: tenant,
      siteId: site,
      channelCode: 'Online',
      currencyCode: 'USD',
      customerInteractionType: 'Website',
      customerAccountId: a.id,
      email: a.emailAddress ?? null,
      isTaxExempt: a.taxExempt ?? false,
      customerTaxId: a.taxId ?? null,
      acceptsMarketing: a.acceptsMarketing ?? false,
      status,
      type: 'Online',
      paymentStatus: flow.payment,
      fulfillmentStatus: flow.fulfillment,
      returnStatus: null,
      isEligibleForReturns: status === 'Completed',
      isFulfillable: ['Accepted', 'Processing'].includes(status),
      isPartialOrder: false,
      isDraft: false,
      hasDraft: false,
      isImport: false,
      submittedDate: status === 'Abandoned' || status === 'Pending' ? null : iso(submitted),
      acceptedDate: accepted === null ? null : iso(accepted),
      closedDate: closed === null ? null : iso(Math.min(AS_OF, closed)),
      cancelledDate: cancelled === null ? null : iso(Math.min(AS_OF, cancelled)),
      fulfillmentInfo: {
        ...(contact ? { fulfillmentContact: contact } : {}),
        isDestinationCommercial: a.accountType === 'B2B',
        shippingMethodCode: method.code,
        shippingMethodName: method.name,
      },
      items: items.map(answerItem),
      orderDiscounts: coupon
        ? [
            appliedOrderDiscount(
              coupon,
              orderDiscount,
              items.map((i) => i.id),
            ),
          ]
        : [],
      couponCodes: coupon ? [coupon.couponCode!] : [],
      invalidCoupons: [],
      ...t,
      totalCollected: collected,
      amountRemainingForPayment: flow.paymentState === 'Collected' || flow.paymentState === 'Voided' ? 0 : t.total,
      amountAvailableForRefund: collected,
      amountRefunded: 0,
      availableActions: flow.paymentState === 'Authorized' ? ['CancelOrder', 'CreateShipment'] : [],
      billingInfo,
      payments: [payment],
      packages,
      shipments,
      pickups: [],
      digitalPackages: [],
      refunds: [],
      credits: [],
      shopperNotes: { comments: d.chance(0.15) ? d.pick(SHOPPER_COMMENTS) : null, giftMessage: null, deliveryInstructions: null },
      notes: d.chance(0.1) ? [{ id: d.hex32(), text: d.pick(ORDER_NOTES), auditInfo: stamp(d.pick(W.admins), updatedAt) }] : [],
      auditInfo: stamp(a.userId ?? null, submitted, updatedAt),
    })
  }
  return out
}
