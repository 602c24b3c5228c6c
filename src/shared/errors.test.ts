import { describe, expect, it } from 'vitest'
import { AppFailure, fail, isAppError } from './errors'

describe('errors', () => {
  it('fail throws an AppFailure carrying a typed value', () => {
    try {
      fail('network', 'Kibo did not answer.', { hint: 'Check the connection.' })
    } catch (e) {
      expect(e).toBeInstanceOf(AppFailure)
      expect((e as AppFailure).error).toEqual({ kind: 'network', message: 'Kibo did not answer.', hint: 'Check the connection.' })
      return
    }
    throw new Error('fail returned')
  })
  it('isAppError accepts known kinds only', () => {
    expect(isAppError({ kind: 'timeout', message: 'x' })).toBe(true)
    expect(isAppError({ kind: 'nope', message: 'x' })).toBe(false)
    expect(isAppError(null)).toBe(false)
  })
})
