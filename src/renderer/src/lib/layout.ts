// The workspace's list/detail split and the keychain notice's wording: small pure rules the shell
// follows, kept here so they are tested without a browser.

export const SPLIT_KEY = 'accountInspector.split'
export const DEFAULT_SPLIT = 0.42
export const MIN_LIST_PX = 320
export const MIN_DETAIL_PX = 380

/** The list pane's width in px for a remembered fraction, keeping both panes usable. */
export function splitPx(fraction: number, width: number, minList = MIN_LIST_PX, minDetail = MIN_DETAIL_PX): number {
  const wanted = Number.isFinite(fraction) ? fraction * width : DEFAULT_SPLIT * width
  if (width <= minList + minDetail) return Math.max(0, Math.round(width * (minList / (minList + minDetail))))
  return Math.round(Math.min(width - minDetail, Math.max(minList, wanted)))
}

/** The remembered fraction, or the default when nothing (or nonsense) is stored. */
export function readSplit(stored: string | null): number {
  const n = stored === null ? NaN : Number(stored)
  return Number.isFinite(n) && n > 0.05 && n < 0.95 ? n : DEFAULT_SPLIT
}

/**
 * The keychain problem main reports, as one plain sentence plus the technical detail for a
 * disclosure: "The system keychain is not available (D-Bus said …). You can keep…" becomes
 * "Secrets are kept for this session only: the system keychain is not available." and the D-Bus text.
 */
export function keychainNotice(problem: string): { sentence: string; detail: string | null } {
  const sentence = 'Secrets are kept for this session only: the system keychain is not available.'
  const open = problem.indexOf('(')
  const close = problem.lastIndexOf(')')
  const detail = open >= 0 && close > open ? problem.slice(open + 1, close).trim() : problem.trim()
  return { sentence, detail: detail || null }
}
