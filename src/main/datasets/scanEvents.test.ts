import { describe, expect, it } from 'vitest'
import { describeByte, ScanError } from './scanEvents'

describe('describeByte', () => {
  it('names a byte without ever quoting more than one printable character', () => {
    expect(describeByte(undefined)).toBe('the end of the file')
    expect(describeByte(0x21)).toBe("'!'")
    expect(describeByte(0x7b)).toBe("'{'")
    expect(describeByte(0x7e)).toBe("'~'")
    expect(describeByte(0x20)).toBe('byte 0x20')
    expect(describeByte(0x00)).toBe('byte 0x00')
    expect(describeByte(0x0a)).toBe('byte 0x0a')
    expect(describeByte(0x7f)).toBe('byte 0x7f')
    expect(describeByte(0x80)).toBe('a non-ASCII character')
    expect(describeByte(0xff)).toBe('a non-ASCII character')
  })
})

describe('ScanError', () => {
  it('keeps the problem, where and where the broken value starts', () => {
    const error = new ScanError('truncated', 'cut', 12, 4)
    expect(error).toBeInstanceOf(Error)
    expect([error.name, error.message, error.problem, error.offset, error.valueStart]).toEqual(['ScanError', 'cut', 'truncated', 12, 4])
    expect(new ScanError('syntax', 'x', 0).valueStart).toBe(undefined)
  })
})
