import { describe, expect, it } from 'vitest'
import { findJsonSyntaxError } from './jsonSyntax'
import { JsonScanner, ScanError, type TopShape } from './scanner'

interface Scanned {
  shape: TopShape | null
  elements: unknown[]
  offsets: number[]
  fields: Record<string, unknown>
  items: boolean
  lines: boolean
}

/** Scans `text` fed in pieces of `piece` bytes (1 = byte by byte, the hardest case for resuming). */
function scan(text: string | Buffer, piece = 1 << 20, maxDepth?: number): Scanned {
  const out: Scanned = { shape: null, elements: [], offsets: [], fields: {}, items: false, lines: false }
  const scanner = new JsonScanner(
    {
      element(buf, start, end, offset) {
        out.elements.push(JSON.parse(buf.toString('utf8', start, end)))
        out.offsets.push(offset)
      },
      field(key, buf, start, end) {
        out.fields[key] = JSON.parse(buf.toString('utf8', start, end))
      },
      itemsStart: () => (out.items = true),
      linesStart: () => (out.lines = true),
    },
    { maxDepth, initialSize: 16 },
  )
  const bytes = typeof text === 'string' ? Buffer.from(text) : text
  for (let i = 0; i < bytes.length; i += piece) scanner.write(bytes.subarray(i, i + piece))
  scanner.end()
  out.shape = scanner.shape
  return out
}

function scanError(text: string, piece?: number, maxDepth?: number): ScanError {
  try {
    scan(text, piece, maxDepth)
  } catch (error) {
    if (error instanceof ScanError) return error
    throw error
  }
  throw new Error('expected a ScanError')
}

const tricky = [
  { id: 1, note: 'braces } ] { [ inside a string', quote: 'say "hi"', slash: 'a\\', unicode: 'Zoë 😀 \u2028' },
  { id: 2, nested: { list: [[], {}, [{ a: [1, 2, { b: null }] }]] }, empty: '' },
  { id: 3, backslashes: '\\\\"\\', esc: '\\"' },
]

describe('JsonScanner', () => {
  it('finds each element of an array, however the input is cut', () => {
    const text = JSON.stringify(tricky, null, 2)
    for (const piece of [1, 2, 3, 7, 64, 1 << 20]) expect(scan(text, piece).elements).toEqual(tricky)
    expect(scan(text).shape).toBe('array')
  })

  it('reports each element at its byte offset', () => {
    const text = '[ {"a":"é"}, {"b":2} ]'
    expect(scan(text).offsets).toEqual([2, Buffer.byteLength('[ {"a":"é"}, ')])
  })

  it('reads JSON Lines, the first line included, with CRLF and blank lines', () => {
    const text = tricky.map((a) => JSON.stringify(a)).join('\r\n') + '\r\n\r\n'
    for (const piece of [1, 5, 1 << 20]) {
      const result = scan(text, piece)
      expect(result.shape).toBe('lines')
      expect(result.lines).toBe(true)
      expect(result.elements).toEqual(tricky.slice(1)) // the first arrives as fields
      expect(result.fields).toEqual(tricky[0])
    }
  })

  it('streams the items of a collection and reads the other fields', () => {
    const page = { startIndex: 0, pageSize: 3, items: tricky, totalCount: 3, pageCount: 1 }
    for (const piece of [1, 4, 1 << 20]) {
      const result = scan(JSON.stringify(page, null, 1), piece)
      expect(result.items).toBe(true)
      expect(result.elements).toEqual(tricky)
      expect(result.fields).toEqual({ startIndex: 0, pageSize: 3, totalCount: 3, pageCount: 1 })
    }
  })

  it('reads a single object as fields', () => {
    const result = scan(JSON.stringify({ id: 5, s: 'x', n: -1.5e3, t: true, z: null, o: { a: [1] } }), 3)
    expect(result.shape).toBe('object')
    expect(result.elements).toEqual([])
    expect(result.fields).toEqual({ id: 5, s: 'x', n: -1.5e3, t: true, z: null, o: { a: [1] } })
  })

  it('accepts an empty array and an empty object', () => {
    expect(scan(' [ ] ').elements).toEqual([])
    expect(scan('{}').fields).toEqual({})
  })

  it('refuses nesting deeper than the cap without recursing', () => {
    const deep = '[' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) + ']'
    const error = scanError(deep, 4096)
    expect(error.problem).toBe('too-deep')
    expect(error.message).toContain('512')
    expect(error.offset).toBe(1 + 5 * 511)
    expect(scanError('[[[[1]]]]', 1, 3).problem).toBe('syntax') // a non-object element
    expect(scanError('[{"a":[[1]]}]', 1, 3).problem).toBe('too-deep')
  })

  it('says where the structure breaks', () => {
    expect(scanError('[{"a":1} {"b":2}]')).toMatchObject({ problem: 'syntax', offset: 9 })
    expect(scanError('[{"a":1} {"b":2}]').message).toBe("Expected ',' or ']' after account #1, found '{'.")
    expect(scanError('[{"a":1},]').message).toContain('trailing comma')
    expect(scanError('[1, 2]').message).toBe("Expected account #1 (a JSON object), found '1'.")
    // Property names are the file's content: never quoted (a token could be a key).
    expect(scanError('{"a" 1}').message).toBe(`Expected ':' after a property name, found '1'.`)
    expect(scanError('{"a":1 "b":2}').message).toBe(`Expected ',' or '}' after a property's value, found '"'.`)
    expect(scanError('{"a":,}').message).toBe('A property has no value.')
    expect(scanError('{a:1}').message).toBe("Expected a property name in double quotes, found 'a'.")
    expect(scanError('[{"a":1}] x')).toMatchObject({ offset: 10 })
    expect(scanError('hello').message).toBe("Expected JSON ('{' or '['), found 'h'.")
  })

  it('says the input is cut short, and where the cut account starts', () => {
    const error = scanError('[{"a":1},\n{"b":"unterminated')
    expect(error.problem).toBe('truncated')
    expect(error.message).toBe('The file ends in the middle of account #2, which starts at byte 10 (a missing closing quote or brace?).')
    expect(error.offset).toBe(28)
    expect(scanError('[{"a":1}').problem).toBe('truncated')
    expect(scanError('{"a":').problem).toBe('truncated')
    expect(scanError('  \n ').problem).toBe('empty')
  })

  it('holds JSON Lines to one object per line when the first line is one', () => {
    const broken = '{"id":1}\n{"id":2,\n{"id":3}\n'
    const error = scanError(broken)
    expect(error.message).toContain('one whole object per line')
    expect(error.offset).toBe(17)
    expect(scanError('{"id":1}\n{"id":2} {"id":3}\n').message).toBe('Two JSON objects on one line.')
    // Concatenated pretty-printed objects are accepted: the first spans lines.
    expect(scan('{\n "id": 1\n}\n{\n "id": 2\n}\n').elements).toEqual([{ id: 2 }])
  })
})

describe('findJsonSyntaxError', () => {
  const at = (text: string) => findJsonSyntaxError(Buffer.from(text))

  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', '{"a":[1,-2.5e+3,true,false,null,"x\\n\\u00e9"]}', ' 0 ']) expect(at(text)).toBeNull()
  })

  it('finds the first error with a message of its own', () => {
    expect(at('{"a":1,}')).toEqual({ offset: 7, message: "A trailing comma before '}'." })
    expect(at('{"a":x}')).toEqual({ offset: 5, message: "Unexpected 'x' where a value should be." })
    expect(at('{"a":1 "b":2}')).toEqual({ offset: 7, message: `Expected ',' or '}' after a property value, found '"'.` })
    expect(at('{"a":"b\nc"}')?.offset).toBe(7)
    expect(at('{"a":"\\q"}')?.message).toBe('A bad escape sequence in a string.')
    expect(at('{"a":01}')?.offset).toBe(6)
    expect(at('{"a":1')?.message).toBe('The JSON ends before every { and [ is closed.')
    expect(at('{"a":1}}')?.message).toBe("Unexpected '}' after the end of the value.")
  })

  it('does not recurse on deep input', () => {
    expect(at('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull()
  })
})
