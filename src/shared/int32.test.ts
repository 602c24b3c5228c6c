import { describe, expect, it } from 'vitest'
import { isPositiveInt32, MAX_INT32, MIN_INT32 } from './int32'

describe('int32', () => {
  it('is the 32-bit signed range', () => {
    expect(MAX_INT32).toBe(2 ** 31 - 1)
    expect(MIN_INT32).toBe(-(2 ** 31))
  })

  it('accepts positive whole numbers up to the maximum and nothing else', () => {
    expect(isPositiveInt32(1)).toBe(true)
    expect(isPositiveInt32(MAX_INT32)).toBe(true)
    expect(isPositiveInt32(MAX_INT32 + 1)).toBe(false)
    expect(isPositiveInt32(0)).toBe(false)
    expect(isPositiveInt32(-1)).toBe(false)
    expect(isPositiveInt32(1.5)).toBe(false)
    expect(isPositiveInt32('1')).toBe(false)
    expect(isPositiveInt32(Number.NaN)).toBe(false)
  })
})
