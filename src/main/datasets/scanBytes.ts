// The byte loops of the JSON scanner (scanner.ts): stepping through a whole nested element, a
// string or a literal. They only move through bytes and say where and why they stopped; what
// the bytes mean, and every error message, stay with the scanner's states.

const QUOTE = 0x22
const BACKSLASH = 0x5c
const LBRACE = 0x7b
const RBRACE = 0x7d
const LBRACKET = 0x5b
const RBRACKET = 0x5d
const COMMA = 0x2c
const COLON = 0x3a
const NEWLINE = 0x0a

// Byte loops read these per byte, so each module holds them as constants of its own (scanner.ts
// copies them out of BYTES): an imported binding is checked on every read, which made the
// scanner's byte loop ~20% slower under tsx.
export const BYTES = { QUOTE, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, NEWLINE } as const

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

// A quote is escaped when an odd number of backslashes precede it. The string's opening quote
// is always in the buffer, so the walk back stops there at the latest.
function isEscaped(buf: Buffer, quote: number): boolean {
  let k = quote - 1
  while (buf[k] === BACKSLASH) k--
  return ((quote - 1 - k) & 1) === 1
}

/**
 * Inside a key or field string, where it stops: its closing quote, a raw newline (which JSON
 * forbids in a string), or an index >= len when the buffer ends first. An index past len means
 * the buffer ended on a backslash, and the escaped byte is to be skipped when scanning resumes.
 */
export function stringStop(buf: Buffer, i: number, len: number): number {
  while (i < len) {
    const d = buf[i]
    if (d === QUOTE || d === NEWLINE) return i
    i += d === BACKSLASH ? 2 : 1
  }
  return i
}

/** Where a bare literal (number, true, false, null) that continues at i ends, or len when the buffer ends first. */
export function literalEnd(buf: Buffer, i: number, len: number): number {
  while (i < len) {
    const c = buf[i]
    if (c === COMMA || c === RBRACE || c === RBRACKET || isSpace(c)) break
    i++
  }
  return i
}

export type NestStop = 'more' | 'closed' | 'too-deep' | 'newline'

/** Where skipNested stands between calls, so it can resume when the buffer has been refilled. */
export interface Nesting {
  depth: number
  inString: boolean
  /** Why the last call returned. */
  stop: NestStop
  /** The last call passed a newline outside strings (only looked for when newlines = 1). */
  newline: boolean
}

/**
 * The hot loop: steps through an element or value from i until its depth falls back to `target`
 * ('closed', i just past the bracket), the buffer ends ('more'), nesting goes past maxDepth
 * ('too-deep', i just past the bracket) or, with newlines = 2, a line ends first ('newline', i
 * just past it). newlines = 1 only notes a newline. Returns i; the rest of the state is in `nest`.
 */
export function skipNested(
  buf: Buffer,
  i: number,
  len: number,
  nest: Nesting,
  target: number,
  maxDepth: number,
  newlines: 0 | 1 | 2,
): number {
  let depth = nest.depth
  let inString = nest.inString
  let stop: NestStop = 'more'
  let newline = false
  for (;;) {
    if (inString) {
      // memchr to the next quote beats a byte loop even for short strings.
      let q = buf.indexOf(QUOTE, i)
      while (q !== -1 && q < len && buf[q - 1] === BACKSLASH && isEscaped(buf, q)) q = buf.indexOf(QUOTE, q + 1)
      if (q === -1 || q >= len) {
        i = len
        break
      }
      inString = false
      i = q + 1
    }
    if (i >= len) break
    const c = buf[i++]
    if (c === QUOTE) inString = true
    else if (c === LBRACE || c === LBRACKET) {
      if (++depth > maxDepth) {
        stop = 'too-deep'
        break
      }
    } else if (c === RBRACE || c === RBRACKET) {
      if (--depth === target) {
        stop = 'closed'
        break
      }
    } else if (c === NEWLINE && newlines !== 0) {
      if (newlines === 2) {
        stop = 'newline'
        break
      }
      newline = true
    }
  }
  nest.depth = depth
  nest.inString = inString
  nest.stop = stop
  nest.newline = newline
  return i
}
