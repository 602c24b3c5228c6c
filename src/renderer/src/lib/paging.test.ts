import { describe, expect, it } from 'vitest'
import { pageSlice } from './paging'

describe('pageSlice', () => {
  const items = Array.from({ length: 2500 }, (_, i) => i)
  it('gives one page of a long list, never the whole of it', () => {
    const page = pageSlice(items, 0, 20)
    expect(page.items).toHaveLength(20)
    expect(page).toMatchObject({ page: 0, pages: 125, first: 1, last: 20, total: 2500 })
  })
  it('the last page holds the rest', () => {
    expect(pageSlice(items, 124, 20)).toMatchObject({ first: 2481, last: 2500 })
    expect(pageSlice([1, 2, 3], 1, 2)).toMatchObject({ items: [3], first: 3, last: 3, pages: 2 })
  })
  it('clamps a page past the end or before the start, and handles an empty list', () => {
    expect(pageSlice(items, 999, 20).page).toBe(124)
    expect(pageSlice(items, -3, 20).page).toBe(0)
    expect(pageSlice([], 0, 20)).toMatchObject({ items: [], page: 0, pages: 1, first: 0, last: 0, total: 0 })
  })
})
