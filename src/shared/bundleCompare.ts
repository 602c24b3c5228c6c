// What comparing two customer bundles answers: a headline, and per section the counts, the
// sentences a person reads and the field changes under them.
import type { DiffChange } from './contract'
import type { SectionId } from './customer360'

export type SectionState = 'same' | 'changed' | 'added' | 'removed' | 'unreadable' | 'absent'

export interface SectionComparison {
  section: SectionId
  /** For a keyed section (an order's detail): its key. */
  key: string | null
  label: string
  state: SectionState
  added: number
  removed: number
  changed: number
  sentences: string[]
  changes: DiffChange[]
}

export interface BundleSide {
  accountId: number
  name: string
  exportedAt: string
  tenant: string
  redacted: boolean
}

export interface BundleComparison {
  before: BundleSide
  after: BundleSide
  /** The headline: "Since Tue, 1 Dec 2026 09:30 UTC: the cart lost an item and gained a coupon; 1 new order." */
  summary: string
  /** Notes about the comparison itself (other customer, other tenant, masked on one side only). */
  warnings: string[]
  account: { added: number; removed: number; changed: number; changes: DiffChange[] }
  sections: SectionComparison[]
}
