// What carts, orders and wishlists hold: a small catalogue, line items priced the way Kibo prices
// them (list, sale, product discounts), and totals that add up in whole cents.
import type { CustomerAccount } from '../../shared/kibo'
import type { Draw } from './generate'
import { type AuditStamp, stamp } from './generate360'

interface CatalogProduct {
  code: string
  name: string
  /** List price in cents. */
  price: number
  options?: Array<{ name: string; fqn: string; values: string[] }>
  weight: number
}

const SIZE = { name: 'Size', fqn: 'tenant~size', values: ['S', 'M', 'L', 'XL'] }
const COLOR = { name: 'Color', fqn: 'tenant~color', values: ['Black', 'Navy', 'Forest', 'Sand', 'Red'] }
const CAPACITY = { name: 'Capacity', fqn: 'tenant~capacity', values: ['0.5 L', '0.75 L', '1 L'] }

export const CATALOG: CatalogProduct[] = [
  { code: 'TNT-2P-ULTRA', name: 'Ultralight 2-Person Tent', price: 34_900, options: [COLOR], weight: 1.6 },
  { code: 'BAG-30-DOWN', name: 'Down Sleeping Bag, 30°F', price: 22_900, weight: 1.1 },
  { code: 'PCK-45-TRAIL', name: 'Trail Backpack 45 L', price: 17_900, options: [SIZE, COLOR], weight: 1.4 },
  { code: 'JKT-RAIN-M', name: "Men's Rain Jacket", price: 12_900, options: [SIZE, COLOR], weight: 0.4 },
  { code: 'JKT-RAIN-W', name: "Women's Rain Jacket", price: 12_900, options: [SIZE, COLOR], weight: 0.4 },
  { code: 'BTL-STEEL', name: 'Insulated Steel Bottle', price: 3_495, options: [CAPACITY, COLOR], weight: 0.3 },
  { code: 'MUG-ENAMEL', name: 'Enamel Camp Mug', price: 1_800, options: [COLOR], weight: 0.2 },
  { code: 'STV-CANISTER', name: 'Canister Camp Stove', price: 5_995, weight: 0.3 },
  { code: 'PAN-NONSTICK-28', name: 'Non-stick Frying Pan 28 cm', price: 4_999, weight: 1.2 },
  { code: 'KNF-CHEF-20', name: "Chef's Knife 20 cm", price: 8_900, weight: 0.3 },
  { code: 'BRD-BAMBOO', name: 'Bamboo Cutting Board', price: 2_950, weight: 1.0 },
  { code: 'KTL-ELEC-17', name: 'Electric Kettle 1.7 L', price: 4_499, options: [COLOR], weight: 1.1 },
  { code: 'HDP-NC-700', name: 'Noise-cancelling Headphones', price: 27_900, options: [COLOR], weight: 0.3 },
  { code: 'SPK-BT-MINI', name: 'Mini Bluetooth Speaker', price: 4_900, options: [COLOR], weight: 0.2 },
  { code: 'CBL-USBC-2M', name: 'USB-C Cable 2 m', price: 1_499, weight: 0.1 },
  { code: 'PWR-BANK-20K', name: 'Power Bank 20,000 mAh', price: 5_499, weight: 0.4 },
  { code: 'LEGO-CITY-60', name: 'City Fire Station Building Set', price: 7_999, weight: 1.3 },
  { code: 'PZL-1000-MAP', name: 'World Map Puzzle, 1000 pieces', price: 2_199, weight: 0.6 },
  { code: 'SCK-MERINO', name: 'Merino Hiking Socks (2 pairs)', price: 2_400, options: [SIZE], weight: 0.1 },
  { code: 'HAT-SUN-WIDE', name: 'Wide-brim Sun Hat', price: 3_200, options: [SIZE], weight: 0.1 },
  { code: 'LMP-HEAD-400', name: 'Headlamp 400 lm', price: 3_999, weight: 0.1 },
  { code: 'GFT-CARD-50', name: 'Gift Card $50', price: 5_000, weight: 0 },
]

export interface Discount {
  id: number
  name: string
  /** Percent off, or a fixed amount in cents. */
  percent?: number
  amount?: number
  couponCode?: string
}

export const PRODUCT_DISCOUNTS: Discount[] = [
  { id: 301, name: '15% off outdoor gear', percent: 15 },
  { id: 302, name: 'Kitchen week: 10% off', percent: 10 },
  { id: 303, name: '$5 off accessories', amount: 500 },
]

export const ORDER_COUPONS: Discount[] = [
  { id: 401, name: '10% off your order', percent: 10, couponCode: 'SAVE10' },
  { id: 402, name: '$20 off orders over $150', amount: 2000, couponCode: 'TAKE20' },
]
export const FREE_SHIPPING: Discount = { id: 403, name: 'Free standard shipping', percent: 100, couponCode: 'FREESHIP' }

/** Coupons a shopper typed that Kibo refused, with the reason Kibo gives. */
export const REFUSED_COUPONS = [
  { couponCode: 'SUMMER19', discountId: 211, reasonCode: 3, reason: 'The coupon code has expired.' },
  { couponCode: 'WELCOME15', discountId: 212, reasonCode: 4, reason: 'The coupon code has already been redeemed by this customer.' },
  { couponCode: 'BIGSPEND50', discountId: 213, reasonCode: 1, reason: 'The cart does not meet the minimum order amount for this coupon.' },
  { couponCode: 'VIPONLY', discountId: 214, reasonCode: 2, reason: 'The coupon code is not valid for this customer.' },
  { couponCode: 'SAVEBIG', discountId: 0, reasonCode: 0, reason: 'The coupon code is not valid.' },
] as const

export const SHIPPING_METHODS = [
  { code: 'STANDARD', name: 'Standard (5–7 business days)', cents: 895 },
  { code: 'EXPRESS', name: 'Express (2 business days)', cents: 1995 },
  { code: 'OVERNIGHT', name: 'Overnight', cents: 3495 },
] as const

export const money = (c: number): number => Math.round(c) / 100

export interface LineItem {
  id: string
  lineId: number
  quantity: number
  product: Record<string, unknown>
  unitPrice: { listAmount: number; saleAmount?: number; extendedAmount: number }
  productDiscounts: Array<Record<string, unknown>>
  isTaxable: boolean
  subtotal: number
  extendedTotal: number
  taxableTotal: number
  discountTotal: number
  discountedTotal: number
  itemTaxTotal: number
  feeTotal: number
  total: number
  fulfillmentMethod: string
  localeCode: string
  auditInfo: AuditStamp
  /** Cents, for the totals; removed before the item is answered. */
  cents?: { subtotal: number; discount: number; tax: number }
}

/** One line: a product, its options, quantity, sale price and any product discount. */
export function lineItem(d: Draw, lineId: number, taxRate: number, at: number, by: string | null, locale: string): LineItem {
  const p = d.pick(CATALOG)
  const options = (p.options ?? []).map((o) => {
    const value = d.pick(o.values)
    return { name: o.name, value, attributeFQN: o.fqn, dataType: 'String', stringValue: value }
  })
  const quantity = p.code.startsWith('GFT') || d.chance(0.7) ? 1 : d.int(2, 4)
  const onSale = d.chance(0.25)
  const unit = onSale ? Math.round(p.price * 0.8) : p.price
  const subtotal = unit * quantity
  const discount = !p.code.startsWith('GFT') && d.chance(0.25) ? d.pick(PRODUCT_DISCOUNTS) : undefined
  const off = discount
    ? Math.min(subtotal, discount.percent ? Math.round((subtotal * discount.percent) / 100) : discount.amount! * quantity)
    : 0
  const id = d.hex32()
  const taxable = !p.code.startsWith('GFT')
  const tax = taxable ? Math.round((subtotal - off) * taxRate) : 0
  const variation = options.length > 0 ? `${p.code}-${options.map((o) => o.value.replace(/[^A-Za-z0-9]/g, '')).join('-')}` : null
  return {
    id,
    lineId,
    quantity,
    product: {
      productCode: p.code,
      name: p.name,
      goodsType: p.code.startsWith('GFT') ? 'DigitalCredit' : 'Physical',
      isPackagedStandAlone: false,
      variationProductCode: variation,
      options,
      price: { price: money(p.price), salePrice: onSale ? money(unit) : null },
      isTaxable: taxable,
      productType: 'Standard',
      fulfillmentTypesSupported: ['DirectShip'],
      measurements: { weight: { unit: 'kg', value: p.weight } },
    },
    unitPrice: onSale
      ? { listAmount: money(p.price), saleAmount: money(unit), extendedAmount: money(unit) }
      : { listAmount: money(p.price), extendedAmount: money(unit) },
    productDiscounts: discount
      ? [
          {
            discount: { id: discount.id, name: discount.name, itemIds: [id], hasMultipleTargetProducts: false },
            impact: money(off),
            excluded: false,
            productQuantity: quantity,
            impactPerUnit: money(off / quantity),
            appliesToSalePrice: onSale,
            discountQuantity: quantity,
          },
        ]
      : [],
    isTaxable: taxable,
    subtotal: money(subtotal),
    extendedTotal: money(subtotal),
    taxableTotal: money(taxable ? subtotal - off : 0),
    discountTotal: money(off),
    discountedTotal: money(subtotal - off),
    itemTaxTotal: money(tax),
    feeTotal: 0,
    total: money(subtotal - off + tax),
    fulfillmentMethod: 'Ship',
    localeCode: locale,
    auditInfo: stamp(by, at),
    cents: { subtotal, discount: off, tax },
  }
}

export interface Totals {
  subtotal: number
  discountTotal: number
  discountedSubtotal: number
  discountedTotal: number
  shippingSubTotal: number
  shippingTotal: number
  shippingTaxTotal: number
  handlingSubTotal: number
  handlingTotal: number
  handlingAmount: number
  handlingTaxTotal: number
  itemTaxTotal: number
  taxTotal: number
  feeTotal: number
  total: number
}

/**
 * The aggregate's totals, in whole cents so they add up exactly:
 * total = subtotal − discountTotal + shippingTotal + handlingTotal + taxTotal, where discountTotal
 * is product plus order discounts and shippingTotal is already net of shipping discounts.
 */
export function totals(
  items: LineItem[],
  orderDiscount: number,
  shipping: number,
  shippingDiscount: number,
  handling: number,
  taxRate: number,
): Totals {
  const subtotal = items.reduce((s, i) => s + i.cents!.subtotal, 0)
  const productDiscount = items.reduce((s, i) => s + i.cents!.discount, 0)
  const itemTax = items.reduce((s, i) => s + i.cents!.tax, 0)
  const discount = productDiscount + orderDiscount
  const shippingNet = shipping - shippingDiscount
  const shippingTax = Math.round(shippingNet * taxRate)
  const handlingTax = Math.round(handling * taxRate)
  const tax = itemTax + shippingTax + handlingTax
  return {
    subtotal: money(subtotal),
    discountTotal: money(discount),
    discountedSubtotal: money(subtotal - discount),
    discountedTotal: money(subtotal - discount),
    shippingSubTotal: money(shipping),
    shippingTotal: money(shippingNet),
    shippingTaxTotal: money(shippingTax),
    handlingSubTotal: money(handling),
    handlingTotal: money(handling),
    handlingAmount: money(handling),
    handlingTaxTotal: money(handlingTax),
    itemTaxTotal: money(itemTax),
    taxTotal: money(tax),
    feeTotal: 0,
    total: money(subtotal - discount + shippingNet + handling + tax),
  }
}

/** The item as Kibo answers it: the cents used for totals stay behind. */
export function answerItem({ cents: _cents, ...item }: LineItem): Omit<LineItem, 'cents'> {
  return item
}

export function appliedOrderDiscount(d: Discount, impact: number, itemIds: string[]): Record<string, unknown> {
  return {
    discount: { id: d.id, name: d.name, itemIds, hasMultipleTargetProducts: itemIds.length > 1 },
    impact: money(impact),
    couponCode: d.couponCode ?? null,
    excluded: false,
  }
}

/** The account's first contact as Kibo's commerce contact, for shipping and billing. */
export function commerceContact(a: CustomerAccount): Record<string, unknown> | undefined {
  const c = a.contacts?.[0]
  if (!c) return undefined
  return {
    id: c.id,
    email: c.email ?? a.emailAddress,
    firstName: c.firstName,
    middleNameOrInitial: c.middleNameOrInitial,
    lastNameOrSurname: c.lastNameOrSurname,
    companyOrOrganization: c.companyOrOrganization,
    phoneNumbers: c.phoneNumbers,
    address: c.address,
  }
}

/** A tax rate by the shopper's country: none for tax-exempt accounts. */
export function taxRateOf(a: CustomerAccount): number {
  if (a.taxExempt) return 0
  const country = a.contacts?.[0]?.address?.countryCode
  return country === 'DE' ? 0.19 : country === 'GB' ? 0.2 : country === 'CA' ? 0.13 : 0.0725
}
