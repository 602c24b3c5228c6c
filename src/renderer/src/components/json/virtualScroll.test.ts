import { describe, expect, it } from 'vitest'
import { listKeyTarget, MAX_SCROLL_PX, pageRows, scrollRatio, scrollTopToReveal, scrollWindow } from './virtualScroll'

describe('scrollWindow', () => {
  it('renders the visible rows plus overscan for small lists', () => {
    const w = scrollWindow(1000, 20, 200, 400, 5)
    expect(w.spacerPx).toBe(20_000)
    expect(w.first).toBe(15)
    expect(w.topPx).toBe(300)
    expect(w.first + w.count).toBeGreaterThanOrEqual(30)
  })

  it('clips at both ends', () => {
    expect(scrollWindow(3, 20, 200, 0, 5)).toEqual({ spacerPx: 60, first: 0, count: 3, topPx: 0 })
    const end = scrollWindow(100, 20, 200, 1800, 5)
    expect(end.first + end.count).toBe(100)
    expect(scrollWindow(0, 20, 200, 0, 5).count).toBe(0)
  })

  it('scales huge lists so the spacer stays under the cap and the end stays reachable', () => {
    const total = 3_000_000
    const w = scrollWindow(total, 24, 600, MAX_SCROLL_PX - 600, 0)
    expect(w.spacerPx).toBe(MAX_SCROLL_PX)
    expect(scrollRatio(total, 24, 600)).toBeGreaterThan(1)
    expect(w.first + w.count).toBe(total)
    // The last row ends exactly at the viewport's bottom edge.
    const lastTop = w.topPx + (total - 1 - w.first) * 24
    expect(lastTop + 24).toBeCloseTo(MAX_SCROLL_PX, 5)
  })
})

describe('scrollTopToReveal', () => {
  it('scrolls only when needed', () => {
    expect(scrollTopToReveal(5, 100, 20, 200, 0)).toBeNull()
    expect(scrollTopToReveal(20, 100, 20, 200, 0)).toBe(220)
    expect(scrollTopToReveal(2, 100, 20, 200, 100)).toBe(40)
  })

  it('lands the row in the rendered window for scaled lists', () => {
    const total = 3_000_000
    const top = scrollTopToReveal(2_000_000, total, 24, 600, 0)!
    const w = scrollWindow(total, 24, 600, top, 0)
    expect(2_000_000).toBeGreaterThanOrEqual(w.first)
    expect(2_000_000).toBeLessThan(w.first + w.count)
  })
})

describe('list keys', () => {
  it('pages by a viewport less one row, at least one', () => {
    expect(pageRows(240, 24)).toBe(9)
    expect(pageRows(250, 24)).toBe(9)
    expect(pageRows(24, 24)).toBe(1)
    expect(pageRows(10, 24)).toBe(1)
  })

  // [key, focus, total, expected] with a page of 9 rows.
  const moves: [string, number, number, number][] = [
    ['ArrowDown', 5, 100, 6],
    ['ArrowUp', 5, 100, 4],
    ['PageDown', 5, 100, 14],
    ['PageUp', 20, 100, 11],
    ['Home', 50, 100, 0],
    ['End', 50, 100, 99],
    // Within the list at both ends, and 0 when it is empty.
    ['ArrowUp', 0, 100, 0],
    ['PageUp', 3, 100, 0],
    ['ArrowDown', 99, 100, 99],
    ['PageDown', 95, 100, 99],
    ['End', 0, 0, 0],
    ['ArrowDown', 0, 0, 0],
  ]
  it.each(moves)('%s from row %i of %i goes to row %i', (key, focus, total, expected) => {
    expect(listKeyTarget(key, focus, 9, total)).toBe(expected)
  })

  it('leaves other keys to the caller', () => {
    for (const key of ['Enter', ' ', 'ArrowLeft', 'ArrowRight', 'a', 'Tab']) expect(listKeyTarget(key, 5, 9, 100)).toBeNull()
  })
})
