import { describe, expect, it } from 'vitest'
import { findJsonSyntaxError } from './jsonSyntax'

const check = (text: string, start?: number, end?: number) => findJsonSyntaxError(Buffer.from(text, 'latin1'), start, end)

describe('findJsonSyntaxError', () => {
  it.each([
    '{}',
    '[]',
    ' \t\r\n1\r\n\t ',
    '0',
    '-0',
    '10',
    '-12',
    '0.5',
    '9.09',
    '1e5',
    '1E-2',
    '1e+5',
    '1.5e10',
    'true',
    'false',
    'null',
    '[0,9]',
    '[[1]]',
    '[{}]',
    '[[]]',
    '[true,false,null]',
    '{"a":[1,{"b":2}],"c":{}}',
    '{ "a" : 1 , "b" : [ ] }',
    '"a\\u09AF\\uaFfF"',
    '"\\/\\b\\f\\n\\r\\t\\"\\\\"',
    '"\x7f~!"',
    '"a b"',
  ])('finds nothing wrong in %j', (text) => {
    expect(JSON.parse(text)).not.toBe(undefined)
    expect(check(text)).toBe(null)
  })

  it.each([
    ['', 0, 'There is no JSON value here.'],
    ['  ', 2, 'There is no JSON value here.'],
    ['[', 1, 'The JSON ends before every { and [ is closed.'],
    ['{"a":[1', 7, 'The JSON ends before every { and [ is closed.'],
    ['01', 1, "Unexpected '1' after the end of the value."],
    ['05', 1, "Unexpected '5' after the end of the value."],
    ['1 2', 2, "Unexpected '2' after the end of the value."],
    ['"a" 1', 4, "Unexpected '1' after the end of the value."],
    ['truex', 4, "Unexpected 'x' after the end of the value."],
    ['[] x', 3, "Unexpected 'x' after the end of the value."],
    ['[1] 2', 4, "Unexpected '2' after the end of the value."],
    ['{} 1', 3, "Unexpected '1' after the end of the value."],
    ['{"a":1}}', 7, "Unexpected '}' after the end of the value."],
    ['1.', 0, 'A malformed number.'],
    ['1.e5', 0, 'A malformed number.'],
    ['1.5e', 0, 'A malformed number.'],
    ['1e', 0, 'A malformed number.'],
    ['1e+', 0, 'A malformed number.'],
    ['-', 0, 'A malformed number.'],
    ['-a', 0, 'A malformed number.'],
    ['[-]', 1, 'A malformed number.'],
    ['[1e]', 1, 'A malformed number.'],
    ['tru', 0, "Unexpected 't' where a value should be."],
    ['fals', 0, "Unexpected 'f' where a value should be."],
    ['trux', 0, "Unexpected 't' where a value should be."],
    ['nulx', 0, "Unexpected 'n' where a value should be."],
    ['x', 0, "Unexpected 'x' where a value should be."],
    ['/', 0, "Unexpected '/' where a value should be."],
    [':', 0, "Unexpected ':' where a value should be."],
    ['!', 0, "Unexpected '!' where a value should be."],
    ['~', 0, "Unexpected '~' where a value should be."],
    ['\x01', 0, 'Unexpected byte 0x01 where a value should be.'],
    ['\x7f', 0, 'Unexpected byte 0x7f where a value should be.'],
    ['\x80', 0, 'Unexpected a non-ASCII character where a value should be.'],
    ['[1,,2]', 3, "Unexpected ',' where a value should be."],
    ['{"a":}', 5, "Unexpected '}' where a value should be."],
    ['"\\u00g1"', 1, 'A bad \\u escape in a string.'],
    ['"\\u00G1"', 1, 'A bad \\u escape in a string.'],
    ['"\\u00/1"', 1, 'A bad \\u escape in a string.'],
    ['"\\u00:1"', 1, 'A bad \\u escape in a string.'],
    ['"\\u00@1"', 1, 'A bad \\u escape in a string.'],
    ['"\\u00`1"', 1, 'A bad \\u escape in a string.'],
    ['"ab\\u12"', 3, 'A bad \\u escape in a string.'],
    ['"\\x"', 1, 'A bad escape sequence in a string.'],
    ['"a\nb"', 2, 'A line break inside a string (a missing closing quote?).'],
    ['"a\tb"', 2, 'A control character inside a string.'],
    ['"a\x1fb"', 2, 'A control character inside a string.'],
    ['"abc', 0, 'A string is never closed.'],
    ['[1, "abc', 4, 'A string is never closed.'],
    ['{"a" 1}', 5, "Expected ':' after a property name, found '1'."],
    ['{"a" "b"}', 5, "Expected ':' after a property name, found '\"'."],
    ['{"a":1,}', 7, "A trailing comma before '}'."],
    ['{"a":1,2}', 7, "Expected a property name in double quotes, found '2'."],
    ['{1:2}', 1, "Expected a property name in double quotes, found '1'."],
    ['{,}', 1, "Expected a property name in double quotes, found ','."],
    ['[1,]', 3, "A trailing comma before ']'."],
    ['[1 2]', 3, "Expected ',' or ']' after an array element, found '2'."],
    ['["a" "b"]', 5, "Expected ',' or ']' after an array element, found '\"'."],
    ['[1,"a":2]', 6, "Expected ',' or ']' after an array element, found ':'."],
    ['[1}', 2, "Expected ',' or ']' after an array element, found '}'."],
    ['[{} 1]', 4, "Expected ',' or ']' after an array element, found '1'."],
    ['[[] 1]', 4, "Expected ',' or ']' after an array element, found '1'."],
    ['{"a":1]', 6, "Expected ',' or '}' after a property value, found ']'."],
    ['{"a":1 "b"}', 7, "Expected ',' or '}' after a property value, found '\"'."],
    ['{"a":{} 1}', 8, "Expected ',' or '}' after a property value, found '1'."],
  ])('finds the error in %j at byte %i: %s', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(check(text)).toEqual({ offset, message })
  })

  it('checks only bytes [start, end), with offsets from start', () => {
    expect(check('xx[1,2]yy', 2, 7)).toBe(null)
    expect(check('xx[1,2]yy', 2, 8)).toEqual({ offset: 5, message: "Unexpected 'y' after the end of the value." })
    expect(check('xx[1,2', 2)).toEqual({ offset: 4, message: 'The JSON ends before every { and [ is closed.' })
    expect(check('xx{"a" 1}', 2)).toEqual({ offset: 5, message: "Expected ':' after a property name, found '1'." })
    expect(check('  ', 1)).toEqual({ offset: 1, message: 'There is no JSON value here.' })
    // A value that goes on past `end` is cut there.
    expect(check('"ab"', 0, 3)).toEqual({ offset: 0, message: 'A string is never closed.' })
    expect(check('true', 0, 3)).toEqual({ offset: 0, message: "Unexpected 't' where a value should be." })
    expect(check('-1', 0, 1)).toEqual({ offset: 0, message: 'A malformed number.' })
    expect(check('x-1', 1, 2)).toEqual({ offset: 0, message: 'A malformed number.' })
    expect(check('[1]', 0, 2)).toEqual({ offset: 2, message: 'The JSON ends before every { and [ is closed.' })
    expect(check('12', 0, 1)).toBe(null)
    expect(check('12.', 0, 1)).toBe(null)
    expect(check('1.23e', 0, 3)).toBe(null)
  })

  it('agrees with JSON.parse on which short token sequences are valid', () => {
    const tokens = ['{', '}', '[', ']', ',', ':', ' ', '"a"', '"', '\\', 'u', '0', '1', '-', '.', 'e', '+', 'true', 'null', 'x']
    let seed = 12345
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed
    }
    let valid = 0
    for (let n = 0; n < 4000; n++) {
      const length = 1 + (next() % 7)
      let text = ''
      for (let t = 0; t < length; t++) text += tokens[next() % tokens.length]
      let parses = true
      try {
        JSON.parse(text)
      } catch {
        parses = false
      }
      if (parses) valid++
      expect({ text, ok: check(text) === null }).toEqual({ text, ok: parses })
    }
    expect(valid).toBeGreaterThan(100)
  })
})
