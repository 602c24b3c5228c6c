// Why a cart (or an order) costs what it costs: Kibo's totals as rows, and a check that they add
// up. Kibo's document defines subtotal as the items before any discount and discountTotal as
// every discount (item and order level), so total = subtotal − discounts + shipping + handling +
// tax + fees (+ duty on orders). Amounts are compared in whole cents: Kibo rounds each one to the
// cent, so a sum that differs by a cent or more is a real mismatch, not float noise.
import type { CommerceAggregate } from '../../../../shared/kibo360'

export type TotalsKey = 'subtotal' | 'discounts' | 'shipping' | 'handling' | 'tax' | 'fees' | 'duty' | 'total'

export interface TotalsRow {
  key: TotalsKey
  label: string
  /** As it counts towards the total: discounts are negative whatever sign Kibo sent. */
  amount: number | null
  /** Kibo's field the row shows, for a tooltip. */
  field: string
}

export type TotalsCheck =
  | { status: 'adds-up'; expected: number; total: number }
  | { status: 'mismatch'; expected: number; total: number; difference: number }
  /** Subtotal or total is not in the answer (left out by responseFields, or an empty cart). */
  | { status: 'incomplete'; missing: string[] }

export interface Totals {
  rows: TotalsRow[]
  check: TotalsCheck
  /** Parts left out of the answer and counted as zero in the check. */
  assumedZero: string[]
}

type Aggregate = CommerceAggregate & { dutyTotal?: number | null }

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const cents = (value: number): number => Math.round(value * 100)

/** Discounts as a negative amount, whichever sign Kibo used (its document says negative; answers often carry positive). */
function discountAmount(a: Aggregate): { amount: number | null; field: string } {
  const total = num(a.discountTotal)
  if (total !== null) return { amount: -Math.abs(total), field: 'discountTotal' }
  const subtotal = num(a.subtotal)
  const discounted = num(a.discountedSubtotal)
  if (subtotal !== null && discounted !== null) return { amount: discounted - subtotal, field: 'discountedSubtotal' }
  return { amount: null, field: 'discountTotal' }
}

/** The rows to show, in the order a receipt reads, and whether they add up to Kibo's total. */
export function totalsOf(aggregate: Aggregate, options: { duty?: boolean } = {}): Totals {
  const discount = discountAmount(aggregate)
  const parts: TotalsRow[] = [
    { key: 'subtotal', label: 'Subtotal', amount: num(aggregate.subtotal), field: 'subtotal' },
    { key: 'discounts', label: 'Discounts', amount: discount.amount, field: discount.field },
    { key: 'shipping', label: 'Shipping', amount: num(aggregate.shippingTotal), field: 'shippingTotal' },
    { key: 'handling', label: 'Handling', amount: num(aggregate.handlingTotal), field: 'handlingTotal' },
    { key: 'tax', label: 'Tax', amount: num(aggregate.taxTotal), field: 'taxTotal' },
    { key: 'fees', label: 'Fees', amount: num(aggregate.feeTotal), field: 'feeTotal' },
  ]
  if (options.duty) parts.push({ key: 'duty', label: 'Duty', amount: num(aggregate.dutyTotal), field: 'dutyTotal' })
  const total: TotalsRow = { key: 'total', label: 'Total', amount: num(aggregate.total), field: 'total' }
  const rows = [...parts, total]

  const missing = [parts[0], total].filter((row) => row.amount === null).map((row) => row.field)
  const assumedZero = parts.slice(1).filter((row) => row.amount === null && row.key !== 'fees' && row.key !== 'duty')
  const zeroNames = assumedZero.map((row) => row.label.toLowerCase())
  if (missing.length > 0) return { rows, check: { status: 'incomplete', missing }, assumedZero: zeroNames }

  const expectedCents = parts.reduce((sum, row) => sum + (row.amount === null ? 0 : cents(row.amount)), 0)
  const totalCents = cents(total.amount!)
  const expected = expectedCents / 100
  const check: TotalsCheck =
    expectedCents === totalCents
      ? { status: 'adds-up', expected, total: total.amount! }
      : { status: 'mismatch', expected, total: total.amount!, difference: (totalCents - expectedCents) / 100 }
  return { rows, check, assumedZero: zeroNames }
}

/**
 * The rows worth a line: subtotal and total always, the rest when Kibo sent a non-zero amount
 * (a cart without shipping yet need not list "Shipping $0.00").
 */
export function visibleRows(totals: Totals): TotalsRow[] {
  return totals.rows.filter((row) => row.key === 'subtotal' || row.key === 'total' || (row.amount !== null && row.amount !== 0))
}
