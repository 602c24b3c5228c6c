// What the customer views share without threading props through every account component: the
// sections of the customer on screen, and the "history of this field" jump to the Audit view.
import { getContext, setContext } from 'svelte'
import type { SectionSource } from '../../../../shared/customer360'
import type { CustomerSections } from '../../lib/sections.svelte'

const historyKey = Symbol('field-history')
const sectionsKey = Symbol('customer-sections')

/** Opens the Audit view filtered on one field path ("emailAddress", "contacts.email"). */
export type ShowFieldHistory = (fieldPath: string) => void

export function setFieldHistory(show: ShowFieldHistory): void {
  setContext(historyKey, show)
}

export function getFieldHistory(): ShowFieldHistory | null {
  return getContext<ShowFieldHistory | undefined>(historyKey) ?? null
}

/** A getter, so the account components always see the current customer's sections. */
export function setCustomerSections(get: () => CustomerSections | null): void {
  setContext(sectionsKey, get)
}

export function getCustomerSections(): CustomerSections | null {
  return getContext<(() => CustomerSections | null) | undefined>(sectionsKey)?.() ?? null
}

/** What the subject on screen offers to read sections from; null when it offers nothing (a plain file). */
export interface SubjectForSections {
  source: 'impersonation' | 'account' | 'file'
  profileId: string | null
  account: { id?: number } | null
  /** A customer bundle opened from a file: which dataset and record. */
  bundle?: { datasetId: string; index: number } | null
}

export function sectionSourceOf(shown: SubjectForSections | null): SectionSource | null {
  if (!shown) return null
  if (shown.source === 'file') return shown.bundle ? { kind: 'bundle', datasetId: shown.bundle.datasetId, index: shown.bundle.index } : null
  const id = shown.account?.id
  if (!shown.profileId || typeof id !== 'number' || !Number.isInteger(id) || id <= 0) return null
  return { kind: 'live', profileId: shown.profileId, accountId: id }
}
