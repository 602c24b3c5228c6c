// Geometry and keyboard movement for a virtualized list of fixed-height rows. Browsers cap an
// element's height (~17M px in Firefox, ~33M in Chromium), so past MAX_SCROLL_PX the scrollbar is
// scaled: the spacer stays at the cap and scroll positions map proportionally onto the real content.

export const MAX_SCROLL_PX = 8_000_000

export interface ScrollWindow {
  /** Height of the scrollable spacer in px. */
  spacerPx: number
  /** First row to render (overscan included) and how many. */
  first: number
  count: number
  /** Where to place the first rendered row, in spacer coordinates. */
  topPx: number
}

/** Content px per scrollbar px (1 unless the content is taller than the cap). */
export function scrollRatio(total: number, rowH: number, viewportH: number): number {
  const contentPx = total * rowH
  const spacerPx = Math.min(contentPx, MAX_SCROLL_PX)
  if (contentPx <= spacerPx || spacerPx <= viewportH) return 1
  return (contentPx - viewportH) / (spacerPx - viewportH)
}

export function scrollWindow(total: number, rowH: number, viewportH: number, scrollTop: number, overscan: number): ScrollWindow {
  const spacerPx = Math.min(total * rowH, MAX_SCROLL_PX)
  if (total === 0 || rowH <= 0) return { spacerPx, first: 0, count: 0, topPx: 0 }
  const virtualTop = Math.max(0, scrollTop) * scrollRatio(total, rowH, viewportH)
  const firstVisible = Math.min(total - 1, Math.floor(virtualTop / rowH))
  const first = Math.max(0, firstVisible - overscan)
  const wanted = Math.ceil(Math.max(viewportH, rowH) / rowH) + 1 + overscan + (firstVisible - first)
  const count = Math.min(total - first, wanted)
  return { spacerPx, first, count, topPx: Math.max(0, scrollTop) - (virtualTop - first * rowH) }
}

/** The scrollTop that brings row `index` fully into view, or null when it already is. */
export function scrollTopToReveal(index: number, total: number, rowH: number, viewportH: number, scrollTop: number): number | null {
  const ratio = scrollRatio(total, rowH, viewportH)
  const virtualTop = scrollTop * ratio
  const rowTop = index * rowH
  if (rowTop < virtualTop) return rowTop / ratio
  if (rowTop + rowH > virtualTop + viewportH) return Math.max(0, rowTop + rowH - viewportH) / ratio
  return null
}

/** Rows one Page Up / Page Down moves: a viewport less one row, so the edge row stays in view. */
export function pageRows(viewportH: number, rowH: number): number {
  return Math.max(1, Math.floor(viewportH / rowH) - 1)
}

/**
 * The row a list-navigation key moves the focus to (Arrow Up/Down, Page Up/Down, Home, End),
 * kept within [0, total - 1] (0 for an empty list); null for any other key, which the caller
 * handles or lets through.
 */
export function listKeyTarget(key: string, focus: number, pageRows: number, total: number): number | null {
  let target: number
  switch (key) {
    case 'ArrowDown':
      target = focus + 1
      break
    case 'ArrowUp':
      target = focus - 1
      break
    case 'PageDown':
      target = focus + pageRows
      break
    case 'PageUp':
      target = focus - pageRows
      break
    case 'Home':
      target = 0
      break
    case 'End':
      target = total - 1
      break
    default:
      return null
  }
  return Math.max(0, Math.min(target, total - 1))
}
