// The customer's 360 beside the account: what Kibo knows about them (audit log, login state, cards,
// credits, transactions, visits, B2B) and what they see as a shopper (cart, orders, wishlists).
// Every section is read the same way, live from a profile or from a customer bundle on disk, so a
// view takes its data from one place and cannot tell the two apart but by the subject's label.
import { z } from 'zod'
import {
  compileProjection,
  mergeFieldNodes,
  parseResponseFields,
  printResponseFields,
  ResponseFieldsSyntaxError,
  type FieldNode,
} from './responseFields'

/** Each section, in the order views list them. */
export const sectionIds = [
  'auditLog',
  'loginState',
  'cards',
  'transactions',
  'purchaseOrder',
  'credits',
  'visits',
  'b2b',
  'cart',
  'orders',
  'order',
  'wishlists',
] as const
export type SectionId = (typeof sectionIds)[number]

export interface SectionInfo {
  /** For a person: "Audit log", "Store credits and gift cards". */
  label: string
  /** 'customer': the customer API (application token); 'shopper': as the shopper (customer ticket). */
  side: 'customer' | 'shopper'
  /** Kibo pages the answer: startIndex / pageSize apply. */
  paged: boolean
  /** The section needs a key (an order id, a B2B account id, a credit code). */
  keyed: boolean
}

export const sectionInfo: Record<SectionId, SectionInfo> = {
  auditLog: { label: 'Audit log', side: 'customer', paged: true, keyed: false },
  loginState: { label: 'Login state', side: 'customer', paged: false, keyed: false },
  cards: { label: 'Payment cards', side: 'customer', paged: false, keyed: false },
  transactions: { label: 'Account transactions', side: 'customer', paged: false, keyed: false },
  purchaseOrder: { label: 'Purchase-order account', side: 'customer', paged: false, keyed: false },
  credits: { label: 'Store credits and gift cards', side: 'customer', paged: false, keyed: false },
  visits: { label: 'Visits', side: 'customer', paged: true, keyed: false },
  b2b: { label: 'B2B account', side: 'customer', paged: false, keyed: false },
  cart: { label: 'Cart', side: 'shopper', paged: false, keyed: false },
  orders: { label: 'Orders', side: 'shopper', paged: true, keyed: false },
  order: { label: 'Order', side: 'shopper', paged: false, keyed: true },
  wishlists: { label: 'Wishlists', side: 'shopper', paged: false, keyed: false },
}

/** Kibo's page envelope around `items`. */
const PAGE_ENVELOPE = ['startIndex', 'pageSize', 'pageCount', 'totalCount'] as const

/**
 * What Kibo wraps a section's first answer in (from its documents): a page, the cards' and roles'
 * `totalCount,items`, or nothing (the answer is the object itself, or a bare list). A credit read
 * by its code is the credit itself.
 */
export function sectionEnvelope(section: SectionId, key: string | null = null): readonly string[] | null {
  switch (section) {
    case 'auditLog':
    case 'visits':
    case 'orders':
    case 'wishlists':
      return PAGE_ENVELOPE
    case 'credits':
      return key ? null : PAGE_ENVELOPE
    case 'cards':
      return ['totalCount']
    default:
      return null
  }
}

const field = (name: string, children: FieldNode[] | null = null): FieldNode => ({ name, children, start: 0, end: 0 })

/**
 * The responseFields to send for a section's first call. The person writes it against one item
 * (the field trees of kiboFields' sectionFields); for a paged answer it goes inside `items(...)`
 * with the envelope kept, so paging still works. `also`: item fields the app needs to check the
 * answer, sent besides what the person asked for (and cut again from what is shown).
 * Undefined when there is nothing to narrow; throws ResponseFieldsSyntaxError on bad text.
 */
export function sectionResponseFields(
  section: SectionId,
  expression: string | undefined,
  options: { key?: string | null; also?: readonly string[] } = {},
): string | undefined {
  const text = expression?.trim()
  if (!text) return undefined
  const parsed = parseResponseFields(text)
  if (!parsed.ok) throw new ResponseFieldsSyntaxError(parsed.error)
  const item = mergeFieldNodes([...parsed.fields, ...(options.also ?? []).map((name) => field(name))])
  const envelope = sectionEnvelope(section, options.key ?? null)
  return printResponseFields(envelope ? [...envelope.map((name) => field(name)), field('items', item)] : item)
}

/** Where in a section's data (kibo360.ts) its first call's answer sits: the rest is not narrowed. */
const narrowedPart: Partial<Record<SectionId, string>> = { purchaseOrder: 'account', credits: 'credits', b2b: 'account', cart: 'cart' }

/**
 * A section's data narrowed to `expression` exactly as the live read narrows it, so a section
 * from a bundle and one read live show the same fields. Credits always hold a page (one credit
 * read by its code is shown as a page of one).
 */
export function narrowSection(section: SectionId, data: unknown, expression: string | undefined): unknown {
  const fields = sectionResponseFields(section, expression)
  if (!fields) return data
  const project = compileProjection(fields)
  const part = narrowedPart[section]
  if (!part) return project(data)
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data
  const whole = data as Record<string, unknown>
  const inner = whole[part]
  return inner === null || inner === undefined ? data : { ...whole, [part]: project(inner) }
}

const id = z.string().min(1).max(64)

/** Where a section is read from: a profile, live, or a customer bundle opened from a file. */
export const sectionSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('live'), profileId: id, accountId: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('bundle'), datasetId: id, index: z.number().int().min(0) }),
])
export type SectionSource = z.infer<typeof sectionSourceSchema>

export const sectionQuerySchema = z.strictObject({
  source: sectionSourceSchema,
  section: z.enum(sectionIds),
  operationId: z.string().min(1).max(64).optional(),
  /** A keyed section's key: an order id, a B2B account id (to walk the hierarchy), a credit code. */
  key: z.string().min(1).max(200).optional(),
  startIndex: z.number().int().min(0).optional(),
  pageSize: z.number().int().min(1).max(200).optional(),
  filter: z.string().max(2000).optional(),
  sortBy: z.string().max(200).optional(),
  /** Written against the section's own Kibo schema, as responseFields is against the account. */
  responseFields: z.string().max(4000).optional(),
})
export type SectionQuery = z.input<typeof sectionQuerySchema>

/** One section as read: Kibo's answer (already redacted: no token, card numbers masked), when and where. */
export interface SectionView<T = unknown> {
  section: SectionId
  key: string | null
  data: T
  /** When Kibo answered (ISO): now for a live read, the export's time for a bundle. */
  readAt: string
  /** The tenant (and site) it was read from, e.g. "t12345-s678 sandbox (US)". */
  tenant: string
  from: 'live' | 'bundle'
  correlationId: string | null
  /** The request log entry (live only), for "Show in log". */
  requestId: string | null
}

/** What a customer bundle carries in `kind`: how a file's record is told apart from a plain account. */
export const BUNDLE_KIND = 'kibo-customer-bundle'

/** One section as a bundle keeps it: what Kibo answered, or why it could not be read. */
export type BundledSection =
  | { readAt: string; tenant: string; data: unknown; key?: string | null }
  | { readAt: string; tenant: string; error: { kind: string; message: string; status?: number } }

/**
 * One customer as one document (a bundle file holds one, or many as JSON Lines or a JSON array).
 * `account` is the customer account as Kibo answered it; `sections` holds each section the
 * profile could read (absent: not read), `orders` details keyed by order id.
 */
export interface CustomerBundle {
  kind: typeof BUNDLE_KIND
  version: 1
  exportedAt: string
  tenant: string
  account: Record<string, unknown>
  sections: Partial<Record<SectionId, BundledSection>>
  /** Keyed sections (an order's detail, a B2B account up the hierarchy), by section then key. */
  keyed?: Partial<Record<SectionId, Record<string, BundledSection>>>
  /** Personal data masked, as in a masked account export. */
  redacted: boolean
}

export function isBundle(value: unknown): value is CustomerBundle {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === BUNDLE_KIND
}
