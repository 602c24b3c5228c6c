// A customer's orders as a list (newest first) and one order in detail: its lines, how it was
// paid, how it ships, where to, which discounts applied, and the notes on it.
import type { Address } from '../../../../shared/kibo'
import type { AppliedDiscount, KiboPage, Order } from '../../../../shared/kibo360'
import { parseDate, personName } from '../../lib/format'
import { discountName } from './lineItems'

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map(record).filter((v): v is Record<string, unknown> => v !== null) : []

/** Orders newest first: by Kibo's sort and, for a page, by submitted (else created) date. */
export const ORDERS_SORT = 'submittedDate desc'
export const ORDERS_PAGE_SIZE = 20

export interface OrderRow {
  /** Kibo's order id: what the detail is read by. null: the order cannot be opened. */
  id: string | null
  number: number | null
  /** Submitted, else created: when the shopper placed it. */
  date: string | null
  /** The date is the submission's; false: the order was not submitted and the date is its creation. */
  submitted: boolean
  status: string | null
  paymentStatus: string | null
  fulfillmentStatus: string | null
  total: number | null
  currencyCode: string | null
  /** Lines on the order; null when responseFields left items out. */
  itemCount: number | null
  units: number | null
}

export function orderDate(order: Order): string | null {
  return text(order.submittedDate) ?? text(order.auditInfo?.createDate)
}

export function orderRow(order: Order): OrderRow {
  const items = Array.isArray(order.items) ? order.items : null
  return {
    id: text(order.id),
    number: num(order.orderNumber),
    date: orderDate(order),
    submitted: text(order.submittedDate) !== null,
    status: text(order.status),
    paymentStatus: text(order.paymentStatus),
    fulfillmentStatus: text(order.fulfillmentStatus),
    total: num(order.total),
    currencyCode: text(order.currencyCode),
    itemCount: items ? items.length : null,
    units: items ? items.reduce((sum, i) => sum + (num(i.quantity) ?? 0), 0) : null,
  }
}

/** One page of orders as rows, newest first (undated orders last, in Kibo's order). */
export function orderRows(page: KiboPage<Order> | null | undefined): OrderRow[] {
  return (page?.items ?? [])
    .map((order, i) => ({ row: orderRow(order), i }))
    .map((e) => ({ ...e, at: parseDate(e.row.date) }))
    .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || a.i - b.i)
    .map((e) => e.row)
}

export interface PageInfo {
  startIndex: number
  pageSize: number
  totalCount: number | null
  /** 1-based positions shown ("21–40 of 57"). */
  first: number
  last: number
  hasPrevious: boolean
  hasNext: boolean
}

export function pageInfo(page: KiboPage<unknown> | null | undefined, asked: { startIndex?: number; pageSize?: number }): PageInfo {
  const startIndex = num(page?.startIndex) ?? asked.startIndex ?? 0
  const pageSize = num(page?.pageSize) ?? asked.pageSize ?? ORDERS_PAGE_SIZE
  const shown = page?.items?.length ?? 0
  const totalCount = num(page?.totalCount)
  return {
    startIndex,
    pageSize,
    totalCount,
    first: shown > 0 ? startIndex + 1 : 0,
    last: startIndex + shown,
    hasPrevious: startIndex > 0,
    hasNext: totalCount !== null ? startIndex + shown < totalCount : shown >= pageSize,
  }
}

// ---- one order ----

export interface PaymentLine {
  key: string
  /** "Credit card Visa •••• 1111", "Store credit SC-123", "Check 1042". */
  method: string
  status: string | null
  requested: number | null
  collected: number | null
  credited: number | null
  /** The latest interaction (authorize, capture…) and its status, as Kibo logged it. */
  lastInteraction: string | null
  interactions: number
}

function cardText(card: Record<string, unknown> | null): string | null {
  if (!card) return null
  const type = text(card.paymentOrCardType)
  // Only the masked part Kibo keeps; main strips anything longer before it reaches the page.
  const part = text(card.cardNumberPartOrMask) ?? text(card.ccLastFour)
  const digits = part ? part.replace(/[^0-9]/g, '').slice(-4) : null
  return [type, digits ? `•••• ${digits}` : null].filter(Boolean).join(' ') || null
}

function humanize(value: string | null): string | null {
  // Kibo's enums are PascalCase ("CreditCard", "StoreCredit").
  return value ? value.replace(/([a-z])([A-Z])/g, '$1 $2') : null
}

export function paymentLine(payment: Record<string, unknown>, position: number): PaymentLine {
  const billing = record(payment.billingInfo)
  const type = text(payment.paymentType) ?? text(billing?.paymentType)
  const detail =
    cardText(record(billing?.card)) ??
    text(billing?.storeCreditCode) ??
    (record(billing?.check) ? text(record(billing?.check)?.checkNumber) : null) ??
    (record(billing?.purchaseOrder) ? text(record(billing?.purchaseOrder)?.purchaseOrderNumber) : null)
  const interactions = list(payment.interactions)
  const last = interactions
    .map((it, i) => ({ it, i, at: parseDate(text(it.interactionDate)) }))
    .sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity) || b.i - a.i)[0]?.it
  const lastText = last ? [humanize(text(last.interactionType)), text(last.status)].filter(Boolean).join(': ') || null : null
  return {
    key: text(payment.id) ?? `payment-${position}`,
    method: [humanize(type), detail].filter(Boolean).join(' ') || 'Payment',
    status: text(payment.status),
    requested: num(payment.amountRequested),
    collected: num(payment.amountCollected),
    credited: num(payment.amountCredited),
    lastInteraction: lastText,
    interactions: interactions.length,
  }
}

export interface ShipmentLine {
  key: string
  number: number | null
  status: string | null
  fulfillmentStatus: string | null
  method: string | null
  type: string | null
  units: number
  tracking: string[]
  total: number | null
  fulfilledAt: string | null
}

export function shipmentLine(shipment: Record<string, unknown>, position: number): ShipmentLine {
  const tracking = new Set<string>()
  for (const pkg of list(shipment.packages)) {
    const one = text(pkg.trackingNumber)
    if (one) tracking.add(one)
    for (const t of Array.isArray(pkg.trackingNumbers) ? pkg.trackingNumbers : []) if (text(t)) tracking.add(text(t)!)
    for (const t of list(pkg.trackings)) if (text(t.number)) tracking.add(text(t.number)!)
  }
  return {
    key: text(shipment.id) ?? `shipment-${position}`,
    number: num(shipment.number),
    status: text(shipment.shipmentStatus),
    fulfillmentStatus: text(shipment.fulfillmentStatus),
    method: text(shipment.shippingMethodName) ?? text(shipment.shippingMethodCode),
    type: humanize(text(shipment.shipmentType)),
    units: list(shipment.items).reduce((sum, i) => sum + (num(i.quantity) ?? 0), 0),
    tracking: [...tracking],
    total: num(shipment.total),
    fulfilledAt: text(shipment.fulfillmentDate),
  }
}

export interface ContactBlock {
  name: string | null
  company: string | null
  email: string | null
  phone: string | null
  address: Address | null
}

export function contactBlock(contact: unknown): ContactBlock | null {
  const c = record(contact)
  if (!c) return null
  const phones = record(c.phoneNumbers)
  const block: ContactBlock = {
    name: personName(text(c.firstName), text(c.middleNameOrInitial), text(c.lastNameOrSurname)) || null,
    company: text(c.companyOrOrganization),
    email: text(c.email),
    phone: phones ? (text(phones.mobile) ?? text(phones.home) ?? text(phones.work)) : null,
    address: record(c.address) as Address | null,
  }
  return block.name || block.company || block.email || block.phone || block.address ? block : null
}

export interface OrderDiscountLine {
  /** Where it applied: the order, a line ("SHIRT-01"), shipping or handling. */
  scope: string
  name: string
  couponCode: string | null
  amount: number | null
}

function discountLine(scope: string, applied: AppliedDiscount | null | undefined): OrderDiscountLine | null {
  if (!applied || applied.excluded === true) return null
  const impact = num(applied.impact)
  return { scope, name: discountName(applied), couponCode: text(applied.couponCode), amount: impact === null ? null : -Math.abs(impact) }
}

export function orderDiscounts(order: Order): OrderDiscountLine[] {
  const out: (OrderDiscountLine | null)[] = []
  for (const d of order.orderDiscounts ?? []) out.push(discountLine('Order', d))
  for (const item of order.items ?? []) {
    const scope = text(item.product?.productCode) ?? text(item.product?.name) ?? 'Line'
    for (const d of item.productDiscounts ?? []) out.push(discountLine(scope, d))
  }
  for (const s of list(order.shippingDiscounts)) out.push(discountLine('Shipping', record(s.discount) as AppliedDiscount | null))
  for (const d of list(order.handlingDiscounts)) out.push(discountLine('Handling', d as AppliedDiscount))
  return out.filter((d): d is OrderDiscountLine => d !== null)
}

export interface NoteLine {
  key: string
  /** "Internal note", "Shopper's comment", "Gift message", "Delivery instructions". */
  label: string
  text: string
  at: string | null
  by: string | null
}

export function orderNotes(order: Order): NoteLine[] {
  const out: NoteLine[] = []
  const shopper = record(order.shopperNotes)
  const shopperNotes: [string, string][] = [
    ['comments', 'Shopper’s comment'],
    ['giftMessage', 'Gift message'],
    ['deliveryInstructions', 'Delivery instructions'],
  ]
  for (const [field, label] of shopperNotes) {
    const body = text(shopper?.[field])
    if (body) out.push({ key: `shopper-${field}`, label, text: body, at: null, by: null })
  }
  ;(order.notes ?? []).forEach((note, i) => {
    const body = text(note?.text)
    if (body) {
      out.push({
        key: text(note.id) ?? `note-${i}`,
        label: 'Order note',
        text: body,
        at: text(note.auditInfo?.createDate),
        by: text(note.auditInfo?.createBy),
      })
    }
  })
  return out
}

export interface OrderDetail {
  row: OrderRow
  payments: PaymentLine[]
  shipments: ShipmentLine[]
  billing: ContactBlock | null
  shipping: ContactBlock | null
  shippingMethod: string | null
  discounts: OrderDiscountLine[]
  notes: NoteLine[]
  /** Amounts still owed or collected, for the payment summary. */
  collected: number | null
  remaining: number | null
  refunded: number | null
}

export function orderDetail(order: Order): OrderDetail {
  const fulfillment = record(order.fulfillmentInfo)
  const billing = record(order.billingInfo)
  return {
    row: orderRow(order),
    payments: list(order.payments).map(paymentLine),
    shipments: list(order.shipments).map(shipmentLine),
    billing: contactBlock(billing?.billingContact),
    shipping: contactBlock(fulfillment?.fulfillmentContact),
    shippingMethod: text(fulfillment?.shippingMethodName) ?? text(fulfillment?.shippingMethodCode),
    discounts: orderDiscounts(order),
    notes: orderNotes(order),
    collected: num(order.totalCollected),
    remaining: num(order.amountRemainingForPayment),
    refunded: num(order.amountRefunded),
  }
}

/** "Order 1042", or by id when Kibo gave no number. */
export function orderTitle(row: Pick<OrderRow, 'number' | 'id'>): string {
  return row.number !== null ? `Order ${row.number}` : row.id ? `Order ${row.id}` : 'Order'
}
