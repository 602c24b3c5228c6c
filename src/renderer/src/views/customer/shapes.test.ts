import { describe, expect, it } from 'vitest'
import { cardDigits, cardExpired, cardExpiry, itemsOf, money, partOf, totalOf } from './shapes'

describe('section shapes', () => {
  it('reads items from a bare array or a collection, skipping holes', () => {
    expect(itemsOf([{ a: 1 }, null, 3])).toEqual([{ a: 1 }])
    expect(itemsOf({ items: [{ a: 1 }], totalCount: 9 })).toEqual([{ a: 1 }])
    expect(itemsOf('nope')).toEqual([])
    expect(totalOf({ items: [], totalCount: 9 })).toBe(9)
    expect(totalOf([])).toBeNull()
  })
  it('takes one part of a joined answer, or the whole when it is the part', () => {
    expect(partOf({ account: { id: 1 }, transactions: [] }, 'account', () => false)).toEqual({ id: 1 })
    expect(partOf({ creditLimit: 5 }, 'account', (d) => 'creditLimit' in d)).toEqual({ creditLimit: 5 })
    expect(partOf({ other: 1 }, 'account', (d) => 'creditLimit' in d)).toBeNull()
  })
  it('marks a card expired only after its expiry month', () => {
    const now = new Date(2025, 5, 15)
    expect(cardExpired(5, 2025, now)).toBe(true)
    expect(cardExpired(6, 2025, now)).toBe(false)
    expect(cardExpired(1, 2024, now)).toBe(true)
    expect(cardExpired(undefined, 2020, now)).toBe(false)
    expect(cardExpiry(3, 2027)).toBe('03/2027')
  })
  it('shows no more than the last four digits of a card', () => {
    expect(cardDigits('************4242')).toBe('•••• 4242')
    expect(cardDigits('4111111111111111')).toBe('•••• 1111')
    expect(cardDigits(null)).toBe('—')
  })
  it('formats money with its currency when it has a valid one', () => {
    expect(money(12.5, 'USD')).toBe('$12.50')
    expect(money(12.5, 'bad')).toBe('12.50')
    expect(money(undefined, 'USD')).toBe('—')
  })
})
