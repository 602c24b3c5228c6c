// One line of a cart, an order or a wishlist as a person reads it: what the product is, which
// options were chosen, how many, at what price, and which discounts changed that price.
import type { AppliedDiscount, CommerceItem } from '../../../../shared/kibo360'

export interface LineDiscount {
  name: string
  couponCode: string | null
  /** What it took off, as a negative amount (Kibo sends impact as a positive saving). */
  amount: number | null
  /** Kibo evaluated the discount but did not apply it (excluded: true). */
  excluded: boolean
}

export interface LineItem {
  /** Kibo's item id, or the line number, or the position: stable keys for a list. */
  key: string
  lineId: number | null
  productCode: string | null
  /** The variant's own code when it differs from the product's. */
  variationCode: string | null
  name: string
  options: string[]
  quantity: number | null
  /** What one unit costs the shopper: the sale price when there is one, else the list price. */
  unitPrice: number | null
  /** The list price when a sale price is lower, to show what was struck through. */
  listPrice: number | null
  /** Quantity × unit price, before discounts. */
  extended: number | null
  discounts: LineDiscount[]
  /** After the line's discounts. */
  total: number | null
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)

export function discountName(applied: AppliedDiscount): string {
  const discount = applied.discount
  return text(discount?.name) ?? (typeof discount?.id === 'number' ? `Discount ${discount.id}` : 'Discount')
}

export function lineDiscount(applied: AppliedDiscount): LineDiscount {
  const impact = num(applied.impact)
  return {
    name: discountName(applied),
    couponCode: text(applied.couponCode),
    amount: impact === null ? null : -Math.abs(impact),
    excluded: applied.excluded === true,
  }
}

/** "Size: M", "Color: Navy"; an option with no value is left out rather than shown empty. */
export function optionText(option: NonNullable<NonNullable<CommerceItem['product']>['options']>[number]): string | null {
  const value =
    text(option.stringValue) ?? (option.value === null || option.value === undefined ? null : String(option.value).trim() || null)
  if (value === null) return null
  const name = text(option.name) ?? text(option.attributeFQN?.split('~').pop())
  return name ? `${name}: ${value}` : value
}

export function lineItem(item: CommerceItem, position: number): LineItem {
  const product = item.product ?? null
  const productCode = text(product?.productCode)
  const variation = text(product?.variationProductCode)
  const unit = item.unitPrice ?? null
  const list = num(unit?.listAmount)
  const sale = num(unit?.saleAmount)
  const unitPrice = sale ?? list ?? num(unit?.extendedAmount)
  const quantity = num(item.quantity)
  const extended = num(item.extendedTotal) ?? num(item.subtotal) ?? (unitPrice !== null && quantity !== null ? unitPrice * quantity : null)
  // Kibo repeats the first discount as productDiscount beside the productDiscounts list.
  const applied = item.productDiscounts ?? (item.productDiscount ? [item.productDiscount as AppliedDiscount] : [])
  return {
    key: text(item.id) ?? (typeof item.lineId === 'number' ? `line-${item.lineId}` : `at-${position}`),
    lineId: num(item.lineId),
    productCode,
    variationCode: variation !== null && variation !== productCode ? variation : null,
    name: text(product?.name) ?? productCode ?? 'Unnamed product',
    options: (product?.options ?? []).map(optionText).filter((o): o is string => o !== null),
    quantity,
    unitPrice,
    listPrice: list !== null && sale !== null && sale < list ? list : null,
    extended,
    discounts: (applied ?? []).map(lineDiscount),
    total: num(item.discountedTotal) ?? num(item.total),
  }
}

export function lineItems(items: readonly CommerceItem[] | null | undefined): LineItem[] {
  return (items ?? []).map(lineItem)
}

/** Units across all lines (3 × shirt + 1 × hat = 4). */
export function unitCount(items: readonly CommerceItem[] | null | undefined): number {
  return (items ?? []).reduce((sum, item) => sum + (num(item.quantity) ?? 0), 0)
}
