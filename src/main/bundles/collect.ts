// One customer read whole: the account and every section of the 360 the profile can read. A
// section that fails (401/403, a timeout, Kibo's 5xx) is kept as an error entry saying when and
// where, so one unreadable section never costs the customer's other sections or the bundle.
import {
  BUNDLE_KIND,
  sectionInfo,
  type BundledSection,
  type CustomerBundle,
  type SectionId,
  type SectionQuery,
  type SectionView,
} from '../../shared/customer360'
import { AppFailure } from '../../shared/errors'

/** Reads one section live (Inspector.readSection bound to a profile and account). */
export type ReadSection = (query: Omit<SectionQuery, 'source'>, signal: AbortSignal) => Promise<SectionView>

/** The sections read as the customer; the rest through the application alone. */
export const customerSections: SectionId[] = [
  'auditLog',
  'loginState',
  'cards',
  'transactions',
  'purchaseOrder',
  'credits',
  'visits',
  'b2b',
]
export const shopperSections: SectionId[] = ['cart', 'orders', 'wishlists']

/** Past this many entries a paged section is cut short (its totalCount still says how many there were). */
export const PAGED_CAP = 2000
const PAGE_SIZE = 200
/** Order details read per customer: the newest first, as the orders section lists them. */
export const ORDER_DETAIL_CAP = 100

export interface CollectOptions {
  account: Record<string, unknown> & { id: number }
  tenant: string
  read: ReadSection
  /** A customer ticket for this customer is held: cart, orders and wishlists can be read. */
  shopper: boolean
  signal: AbortSignal
  now?: () => Date
  pagedCap?: number
}

function errorEntry(error: unknown, readAt: string, tenant: string): BundledSection {
  if (error instanceof AppFailure) {
    const { kind, message, status } = error.error
    return { readAt, tenant, error: { kind, message, ...(status !== undefined ? { status } : {}) } }
  }
  // Only the class: an unexpected error's text could quote a token.
  const name = error instanceof Error ? error.name : typeof error
  return { readAt, tenant, error: { kind: 'internal', message: `Reading failed unexpectedly (${name}).` } }
}

interface Collection {
  items: unknown[]
  totalCount?: number
}

const isCollection = (value: unknown): value is Collection =>
  typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items)

function cancelledIf(signal: AbortSignal): void {
  if (signal.aborted) throw new AppFailure({ kind: 'cancelled', message: 'The export was cancelled; no file was written.' })
}

export async function collectBundle(options: CollectOptions): Promise<CustomerBundle> {
  const { account, tenant, read, signal } = options
  const now = options.now ?? (() => new Date())
  const cap = options.pagedCap ?? PAGED_CAP
  const sections: CustomerBundle['sections'] = {}
  const keyed: NonNullable<CustomerBundle['keyed']> = {}

  const one = async (section: SectionId, key?: string): Promise<BundledSection> => {
    const readAt = now().toISOString()
    try {
      if (!sectionInfo[section].paged) {
        const view = await read({ section, ...(key ? { key } : {}) }, signal)
        return { readAt: view.readAt, tenant: view.tenant, data: view.data, ...(key ? { key } : {}) }
      }
      // Every page, up to the cap; the first page's answer keeps Kibo's own fields (totalCount…).
      const first = await read({ section, startIndex: 0, pageSize: Math.min(PAGE_SIZE, cap) }, signal)
      if (!isCollection(first.data)) return { readAt: first.readAt, tenant: first.tenant, data: first.data }
      const items = [...first.data.items]
      const total = typeof first.data.totalCount === 'number' ? first.data.totalCount : items.length
      while (items.length < Math.min(total, cap)) {
        cancelledIf(signal)
        const next = await read({ section, startIndex: items.length, pageSize: Math.min(PAGE_SIZE, cap - items.length) }, signal)
        if (!isCollection(next.data) || next.data.items.length === 0) break
        items.push(...next.data.items)
      }
      const kept = items.slice(0, cap)
      return {
        readAt: first.readAt,
        tenant: first.tenant,
        data: { ...first.data, startIndex: 0, pageSize: kept.length, pageCount: 1, totalCount: total, items: kept },
      }
    } catch (error) {
      cancelledIf(signal)
      return errorEntry(error, readAt, tenant)
    }
  }

  for (const section of customerSections) {
    cancelledIf(signal)
    sections[section] = await one(section)
  }
  for (const section of shopperSections) {
    cancelledIf(signal)
    sections[section] = options.shopper
      ? await one(section)
      : {
          readAt: now().toISOString(),
          tenant,
          error: {
            kind: 'auth-expired',
            message:
              'Not read: there was no customer ticket for this shopper. Impersonate the customer to include the cart, orders and wishlists.',
          },
        }
  }
  const orders = sections.orders
  if (orders && 'data' in orders && isCollection(orders.data)) {
    const details: Record<string, BundledSection> = {}
    for (const order of orders.data.items.slice(0, ORDER_DETAIL_CAP)) {
      const id = (order as { id?: unknown }).id
      if (typeof id !== 'string' || id === '') continue
      cancelledIf(signal)
      details[id] = await one('order', id)
    }
    keyed.order = details
  }
  return {
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt: now().toISOString(),
    tenant,
    account,
    sections,
    ...(Object.keys(keyed).length > 0 ? { keyed } : {}),
    redacted: false,
  }
}
