import { describe, expect, it } from 'vitest'
import { literalEnd, skipNested, stringStop, type Nesting } from './scanBytes'

const bytes = (text: string) => Buffer.from(text, 'utf8')
const fresh = (depth = 1): Nesting => ({ depth, inString: false, stop: 'more', newline: false })

describe('skipNested', () => {
  it('stops just past the bracket that closes the element', () => {
    const buf = bytes('{"a":[1,{"b":"}]"}],"c":"\\\\"} , {')
    const nest = fresh()
    const i = skipNested(buf, 1, buf.length, nest, 0, 512, 0)
    expect(nest.stop).toBe('closed')
    expect(buf.toString('utf8', 0, i)).toBe('{"a":[1,{"b":"}]"}],"c":"\\\\"}')
  })

  it('resumes where the buffer ran out, even inside a string after a backslash', () => {
    const text = '{"k":"a\\"}\\\\","n":{"x":[]}}tail'
    const whole = skipNested(bytes(text), 1, text.length, fresh(), 0, 512, 0)
    for (let cut = 2; cut < whole; cut++) {
      const buf = bytes(text)
      const nest = fresh()
      const first = skipNested(buf, 1, cut, nest, 0, 512, 0)
      expect(nest.stop).toBe('more')
      expect(first).toBe(cut)
      expect(skipNested(buf, first, buf.length, nest, 0, 512, 0)).toBe(whole)
      expect(nest.stop).toBe('closed')
    }
  })

  it('stops past the bracket that goes too deep', () => {
    const buf = bytes('{[[[1]]]}')
    const nest = fresh()
    expect(skipNested(buf, 1, buf.length, nest, 0, 3, 0)).toBe(4)
    expect(nest.stop).toBe('too-deep')
  })

  it('ignores, notes or stops at newlines outside strings', () => {
    const buf = bytes('{"a":\n1}')
    const ignored = fresh()
    skipNested(buf, 1, buf.length, ignored, 0, 512, 0)
    expect([ignored.stop, ignored.newline]).toEqual(['closed', false])
    const noted = fresh()
    skipNested(buf, 1, buf.length, noted, 0, 512, 1)
    expect([noted.stop, noted.newline]).toEqual(['closed', true])
    const stopped = fresh()
    expect(skipNested(buf, 1, buf.length, stopped, 0, 512, 2)).toBe(6)
    expect(stopped.stop).toBe('newline')
  })
})

describe('stringStop and literalEnd', () => {
  it('finds the closing quote, a raw newline, or the end of the buffer', () => {
    expect(stringStop(bytes('ab\\"c"x'), 0, 7)).toBe(5)
    expect(stringStop(bytes('ab\ncd"'), 0, 6)).toBe(2)
    expect(stringStop(bytes('abc'), 0, 3)).toBe(3)
    // Ends on a backslash: the escaped byte is beyond the buffer, so resume past it.
    expect(stringStop(bytes('ab\\'), 0, 3)).toBe(4)
  })

  it('ends a literal at a delimiter or white space', () => {
    expect(literalEnd(bytes('123,'), 0, 4)).toBe(3)
    expect(literalEnd(bytes('true}'), 0, 5)).toBe(4)
    expect(literalEnd(bytes('null\r\n'), 0, 6)).toBe(4)
    expect(literalEnd(bytes('-1.5e3'), 0, 6)).toBe(6)
  })
})
