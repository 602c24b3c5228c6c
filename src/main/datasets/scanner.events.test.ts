// The scanner's events and errors, exactly, fed whole and byte by byte.
import { describe, expect, it } from 'vitest'
import { JsonScanner, ScanError } from './scanner'

function run(text: string, piece: number) {
  const events: string[] = []
  const scanner = new JsonScanner(
    {
      element: (buf, start, end, offset, index) => events.push(`element ${index} at ${offset}: ${buf.toString('utf8', start, end)}`),
      field: (key, buf, start, end, offset) => events.push(`field ${key} at ${offset}: ${buf.toString('utf8', start, end)}`),
      itemsStart: () => events.push('items'),
      linesStart: () => events.push('lines'),
    },
    { initialSize: 16 },
  )
  let error: unknown = null
  try {
    const bytes = Buffer.from(text)
    for (let i = 0; i < bytes.length; i += piece) scanner.write(bytes.subarray(i, i + piece))
    scanner.end()
  } catch (caught) {
    if (!(caught instanceof ScanError)) throw caught
    error = { problem: caught.problem, message: caught.message, offset: caught.offset, valueStart: caught.valueStart }
  }
  return { shape: scanner.shape, count: scanner.count, events, error }
}

function expectScan(text: string, expected: ReturnType<typeof run>) {
  for (const piece of [1, 3, 1 << 20]) expect({ piece, ...run(text, piece) }).toEqual({ piece, ...expected })
}

describe('JsonScanner events', () => {
  it('streams the first items array of a page; a second one is a field', () => {
    expectScan('{"items":[{"id":1},{"id":2}],"t":3}', {
      shape: 'object',
      count: 2,
      events: ['items', 'element 0 at 10: {"id":1}', 'element 1 at 19: {"id":2}', 'field t at 33: 3'],
      error: null,
    })
    expectScan('{"items":[{"id":1}],"x":1,"items":[2]}', {
      shape: 'object',
      count: 1,
      events: ['items', 'element 0 at 10: {"id":1}', 'field x at 24: 1', 'field items at 34: [2]'],
      error: null,
    })
    expectScan('{"items":{"a":1}}', { shape: 'object', count: 0, events: ['field items at 9: {"a":1}'], error: null })
  })

  it('hands nested values and literals over whole', () => {
    expectScan('{"x":{"y":[1,{"z":2}]},"n":-1}', {
      shape: 'object',
      count: 0,
      events: ['field x at 5: {"y":[1,{"z":2}]}', 'field n at 27: -1'],
      error: null,
    })
    expectScan('[{"a":"x\\\\"},{"b":1}]', {
      shape: 'array',
      count: 2,
      events: ['element 0 at 1: {"a":"x\\\\"}', 'element 1 at 13: {"b":1}'],
      error: null,
    })
  })

  it('takes objects that span lines for concatenated JSON, not strict lines', () => {
    expectScan('{\n"a":1}\n{"b":[1,\n2]}', {
      shape: 'lines',
      count: 2,
      events: ['field a at 6: 1', 'lines', 'element 1 at 9: {"b":[1,\n2]}'],
      error: null,
    })
  })

  it.each([
    ['[{"a":1},]', 'array', 1, ['element 0 at 1: {"a":1}'], 'syntax', "A trailing comma: ']' right after ',' (after account #1).", 9],
    ['{"id":1}\nx', 'object', 0, ['field id at 6: 1'], 'syntax', "Unexpected 'x' after the end of the JSON value.", 9],
    ['[{"a":1}] x', 'array', 1, ['element 0 at 1: {"a":1}'], 'syntax', "Unexpected 'x' after the end of the JSON value.", 10],
    ['{"items":[]}{"a":1}', 'object', 0, ['items'], 'syntax', "Unexpected '{' after the end of the JSON value.", 12],
    ['[]{}', 'array', 0, [], 'syntax', "Unexpected '{' after the end of the JSON value.", 2],
    ['{"a":1,}', 'object', 0, ['field a at 5: 1'], 'syntax', "Expected a property name in double quotes, found '}'.", 7],
    ['{"a\u0001":1}', 'object', 0, [], 'syntax', 'A property name is not a valid JSON string.', 1],
    ['{"a":"b\nc"}', 'object', 0, [], 'syntax', 'A string runs past the end of its line (a missing closing quote?).', 5],
    ['{"items":[1]}', 'object', 0, ['items'], 'syntax', "Expected account #1 (a JSON object), found '1'.", 10],
    ['{"a":1}{"b":2}', 'lines', 1, ['field a at 5: 1', 'lines'], 'syntax', 'Two JSON objects on one line.', 7],
    ['{"a":', 'object', 0, [], 'truncated', 'The file ends before its JSON is complete.', 5],
    ['[', 'array', 0, [], 'truncated', 'The file ends before its JSON is complete.', 1],
    ['[{"a":1},', 'array', 1, ['element 0 at 1: {"a":1}'], 'truncated', 'The file ends before its JSON is complete.', 9],
  ])('%j: %s', (text, shape, count, events, problem, message, offset) => {
    expectScan(text, { shape: shape as never, count, events, error: { problem, message, offset, valueStart: undefined } })
  })

  it('says which line a broken JSON line starts on', () => {
    expectScan('{"id":1}\n{"id":2}\n]', {
      shape: 'lines',
      count: 2,
      events: ['field id at 6: 1', 'lines', 'element 1 at 9: {"id":2}'],
      error: {
        problem: 'syntax',
        message: "Expected a JSON object at the start of the line, found ']'.",
        offset: 18,
        valueStart: undefined,
      },
    })
    expectScan('{"id":1}\n{"id":2', {
      shape: 'lines',
      count: 1,
      events: ['field id at 6: 1', 'lines'],
      error: {
        problem: 'truncated',
        message: 'The file ends in the middle of account #2, which starts at byte 9 (a missing closing quote or brace?).',
        offset: 16,
        valueStart: 9,
      },
    })
    expectScan('{"a":1}\n\n{"b":[1,\n2]}\n', {
      shape: 'lines',
      count: 1,
      events: ['field a at 5: 1', 'lines'],
      error: {
        problem: 'truncated',
        message: 'This line ends before its JSON object is complete (JSON Lines needs one whole object per line).',
        offset: 17,
        valueStart: 9,
      },
    })
  })
})
