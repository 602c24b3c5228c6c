// What counts as an error value crossing the bridge: an object with a known kind and a message.
import { describe, expect, it } from 'vitest'
import { AppFailure, fail, isAppError } from './errors'

describe('isAppError', () => {
  it('needs an object with a known kind and a message that is text', () => {
    expect(isAppError({ kind: 'network', message: 'Kibo did not answer.' })).toBe(true)
    expect(isAppError({ kind: 'network', message: 42 })).toBe(false)
    expect(isAppError({ kind: 'network' })).toBe(false)
    expect(isAppError({ message: 'no kind' })).toBe(false)
    expect(isAppError('network')).toBe(false)
    expect(isAppError(undefined)).toBe(false)
  })
})

describe('AppFailure', () => {
  it('is an Error named AppFailure whose message is the error value’s', () => {
    const failure = new AppFailure({ kind: 'timeout', message: 'Kibo took too long.' })
    expect(failure).toBeInstanceOf(Error)
    expect(failure.name).toBe('AppFailure')
    expect(failure.message).toBe('Kibo took too long.')
  })

  it('fail() with no extras carries just the kind and the message', () => {
    expect(() => fail('cancelled', 'Stopped.')).toThrow(expect.objectContaining({ error: { kind: 'cancelled', message: 'Stopped.' } }))
  })
})
