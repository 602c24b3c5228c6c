// Used only after JSON.parse has refused an element: finds where and why, in words of our own.
// JSON.parse's messages can quote the input ("Unexpected token 'x', "{"accessToken":…" is not
// valid JSON"), which could carry a secret into a message, and give UTF-16 positions, not bytes.
// Iterative (a stack of containers), so deep input can't overflow.
import { describeByte } from './scanEvents'

export interface SyntaxProblem {
  /** Byte offset from the start of the checked range. */
  offset: number
  message: string
}

const enum Expect {
  Value,
  KeyOrEnd, // after '{'
  Key, // after ',' in an object
  Colon,
  CommaOrEnd,
  ValueOrEnd, // after '['
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

const escapes = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74])
const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
const isDigit = (c: number) => c >= 0x30 && c <= 0x39

/** The first syntax error in bytes [start, end), or null if they hold exactly one valid JSON value. */
export function findJsonSyntaxError(bytes: Uint8Array, start = 0, end = bytes.length): SyntaxProblem | null {
  const stack: number[] = [] // 0x7b '{' or 0x5b '['
  let expect = Expect.Value
  let i = start
  let done = false
  const problem = (at: number, message: string): SyntaxProblem => ({ offset: at - start, message })

  while (i < end) {
    const c = bytes[i]
    if (isSpace(c)) {
      i++
      continue
    }
    if (done) return problem(i, `Unexpected ${describeByte(c)} after the end of the value.`)
    const inObject = stack[stack.length - 1] === 0x7b
    switch (expect) {
      case Expect.Colon:
        if (c !== 0x3a) return problem(i, `Expected ':' after a property name, found ${describeByte(c)}.`)
        i++
        expect = Expect.Value
        continue
      case Expect.CommaOrEnd:
        if (c === 0x2c) {
          i++
          expect = inObject ? Expect.Key : Expect.Value
          continue
        }
        if (c === (inObject ? 0x7d : 0x5d)) {
          i++
          stack.pop()
          if (stack.length === 0) done = true
          continue
        }
        return problem(
          i,
          inObject
            ? `Expected ',' or '}' after a property value, found ${describeByte(c)}.`
            : `Expected ',' or ']' after an array element, found ${describeByte(c)}.`,
        )
      case Expect.KeyOrEnd:
      case Expect.Key:
        if (c === 0x7d && expect === Expect.KeyOrEnd) {
          i++
          stack.pop()
          if (stack.length === 0) done = true
          expect = Expect.CommaOrEnd
          continue
        }
        if (c !== 0x22)
          return problem(
            i,
            c === 0x7d ? "A trailing comma before '}'." : `Expected a property name in double quotes, found ${describeByte(c)}.`,
          )
        break
      case Expect.ValueOrEnd:
        if (c === 0x5d) {
          i++
          stack.pop()
          if (stack.length === 0) done = true
          expect = Expect.CommaOrEnd
          continue
        }
        break
      case Expect.Value:
        if (c === 0x5d) return problem(i, "A trailing comma before ']'.")
        break
    }
    // A value (or, in Key states, a key string).
    if (c === 0x22) {
      const closed = skipString(bytes, i, end)
      if (typeof closed !== 'number') return problem(closed.at, closed.message)
      i = closed
      expect = expect === Expect.Key || expect === Expect.KeyOrEnd ? Expect.Colon : Expect.CommaOrEnd
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(c)
      i++
      expect = c === 0x7b ? Expect.KeyOrEnd : Expect.ValueOrEnd
      continue
    } else if (c === 0x2d || isDigit(c)) {
      const after = skipNumber(bytes, i, end)
      if (after < 0) return problem(i, 'A malformed number.')
      i = after
      expect = Expect.CommaOrEnd
    } else {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : null
      if (word === null || !matches(bytes, i, end, word)) return problem(i, `Unexpected ${describeByte(c)} where a value should be.`)
      i += word.length
      expect = Expect.CommaOrEnd
    }
    if (stack.length === 0) done = true
  }
  if (!done) return problem(end, stack.length > 0 ? 'The JSON ends before every { and [ is closed.' : 'There is no JSON value here.')
  return null
}

function matches(bytes: Uint8Array, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false
  return true
}

function skipString(bytes: Uint8Array, open: number, end: number): number | { at: number; message: string } {
  let i = open + 1
  while (i < end) {
    const c = bytes[i]
    if (c === 0x22) return i + 1
    if (c < 0x20)
      return {
        at: i,
        message: c === 0x0a ? 'A line break inside a string (a missing closing quote?).' : 'A control character inside a string.',
      }
    if (c === 0x5c) {
      const e = bytes[i + 1]
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) if (!isHex(bytes[i + k])) return { at: i, message: 'A bad \\u escape in a string.' }
        i += 6
        continue
      }
      if (!escapes.has(e)) return { at: i, message: 'A bad escape sequence in a string.' }
      i += 2
      continue
    }
    i++
  }
  return { at: open, message: 'A string is never closed.' }
}

function skipNumber(bytes: Uint8Array, i: number, end: number): number {
  if (bytes[i] === 0x2d) i++
  if (i >= end || !isDigit(bytes[i])) return -1
  if (bytes[i] === 0x30) i++
  else while (i < end && isDigit(bytes[i])) i++
  if (bytes[i] === 0x2e) {
    i++
    if (!isDigit(bytes[i])) return -1
    while (i < end && isDigit(bytes[i])) i++
  }
  if (bytes[i] === 0x65 || bytes[i] === 0x45) {
    i++
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++
    if (!isDigit(bytes[i])) return -1
    while (i < end && isDigit(bytes[i])) i++
  }
  return i
}
