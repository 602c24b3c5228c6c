// Long lists inside one account (contacts, attributes, segments, notes) are shown a page at a
// time: an account with thousands of notes draws one page of them, never all.

export interface ListPage<T> {
  items: T[]
  /** The page shown, 0-based, clamped to the pages there are. */
  page: number
  pages: number
  /** 1-based positions of the first and last item shown (0 and 0 for an empty list). */
  first: number
  last: number
  total: number
}

export function pageSlice<T>(items: readonly T[], page: number, size: number): ListPage<T> {
  const per = Math.max(1, Math.floor(size))
  const total = items.length
  const pages = Math.max(1, Math.ceil(total / per))
  const at = Math.min(pages - 1, Math.max(0, Math.floor(page) || 0))
  const start = at * per
  const shown = items.slice(start, start + per)
  return { items: shown, page: at, pages, first: shown.length ? start + 1 : 0, last: start + shown.length, total }
}

/** How many of each list one page holds. */
export const LIST_PAGE_SIZE = { contacts: 12, attributes: 25, segments: 25, notes: 20 } as const
