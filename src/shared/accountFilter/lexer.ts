// Tokens of the filter language. Keywords are plain names here; the parser decides
// (case-insensitively) whether a name is `and`, `eq`, `true`, ... or a field. Values after an
// operator are read by `readValue`, because Kibo takes them unquoted too (`createBy ne Dave`,
// `submittedDate lt 2015-01-01T12:00:00z`): there a value runs to the next space or bracket.

import { describeChar } from '../responseFields/parse'
import type { AccountFilterError } from './types'

export type TokenKind = 'name' | 'string' | 'number' | 'bare' | 'op' | '(' | ')' | '[' | ']' | ',' | '.' | 'end'

export interface Token {
  kind: TokenKind
  /** The token's source text (for 'string', with its quotes). */
  text: string
  /** Decoded value of 'string' and 'number' tokens. */
  value?: string | number
  position: number
  length: number
}

export class FilterSyntaxError {
  constructor(readonly error: AccountFilterError) {}
}

export function fail(message: string, position: number, length: number, suggestion?: string): never {
  const error: AccountFilterError = { message, position, length }
  if (suggestion !== undefined) error.suggestion = suggestion
  throw new FilterSyntaxError(error)
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_')
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c)
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r'
/** Characters that end an unquoted value. */
const endsBare = (c: string | undefined): boolean => c === undefined || c <= ' ' || c === '\u007f' || '()[],\'"'.includes(c)

export const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/

const escapes: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

/** Text in single or double quotes, as Kibo quotes it: a doubled quote or a backslash escapes. */
function readString(text: string, start: number): Token {
  const quote = text[start]
  let value = ''
  let pos = start + 1
  while (pos < text.length) {
    const c = text[pos]
    if (c === quote && text[pos + 1] === quote) {
      value += quote
      pos += 2
      continue
    }
    if (c === quote) return { kind: 'string', text: text.slice(start, pos + 1), value, position: start, length: pos + 1 - start }
    if (c === '\\') {
      const next = text[pos + 1]
      if (next === 'u') {
        const hex = text.slice(pos + 2, pos + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Bad escape: \\u needs four hex digits, like \\u00e9.', pos, Math.min(6, text.length - pos))
        value += String.fromCharCode(parseInt(hex, 16))
        pos += 6
        continue
      }
      if (next === undefined || !(next in escapes)) {
        fail(`Bad escape '\\${next ?? ''}': use \\${quote} \\\\ \\n \\t or \\uXXXX.`, pos, next === undefined ? 1 : 2)
      }
      value += escapes[next]
      pos += 2
      continue
    }
    value += c
    pos++
  }
  return fail(`Unclosed text: add a closing ${quote}.`, start, text.length - start)
}

function readNumber(text: string, start: number): Token {
  const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(start))
  const length = match ? match[0].length : 1
  if (isNameChar(text[start + length])) {
    let end = start + length
    while (isNameChar(text[end])) end++
    fail(`'${text.slice(start, end)}' is neither a number nor a field name.`, start, end - start)
  }
  const source = text.slice(start, start + length)
  return { kind: 'number', text: source, value: Number(source), position: start, length }
}

export function skipSpace(text: string, pos: number): number {
  while (isSpace(text[pos])) pos++
  return pos
}

/** The token at `pos` (after any spaces). */
export function readToken(text: string, pos: number): Token {
  pos = skipSpace(text, pos)
  if (pos >= text.length) return { kind: 'end', text: '', position: text.length, length: 0 }
  const c = text[pos]
  const two = text.slice(pos, pos + 2)
  if (isNameStart(c)) {
    let end = pos + 1
    while (isNameChar(text[end])) end++
    return { kind: 'name', text: text.slice(pos, end), position: pos, length: end - pos }
  }
  if (isDigit(c) || (c === '-' && isDigit(text[pos + 1]))) return readNumber(text, pos)
  if (c === '"' || c === "'") return readString(text, pos)
  if (two === '>=' || two === '<=' || two === '!=' || two === '==' || two === '<>')
    return { kind: 'op', text: two, position: pos, length: 2 }
  if (c === '=' || c === '>' || c === '<') return { kind: 'op', text: c, position: pos, length: 1 }
  if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',' || c === '.') return { kind: c, text: c, position: pos, length: 1 }
  if (two === '&&' || two === '||')
    return fail(`Use '${two === '&&' ? 'and' : 'or'}' instead of '${two}'.`, pos, 2, two === '&&' ? 'and' : 'or')
  if (c === '!') return fail("Use 'not' instead of '!'.", pos, 1, 'not ')
  const char = String.fromCodePoint(text.codePointAt(pos) ?? 0)
  return fail(`Unexpected character ${describeChar(char)}.`, pos, char.length)
}

/**
 * The value at `pos`: quoted text, or everything up to the next space or bracket (a number, a
 * date, true, false, null or a bare word). An 'end' token when there is none.
 */
export function readValue(text: string, pos: number): Token {
  pos = skipSpace(text, pos)
  const c = text[pos]
  if (c === '"' || c === "'") return readString(text, pos)
  // An operator where a value belongs is reported as what it is.
  if (c !== undefined && '=<>!&|'.includes(c)) return readToken(text, pos)
  let end = pos
  while (!endsBare(text[end])) end++
  if (end === pos) return readToken(text, pos)
  const source = text.slice(pos, end)
  if (NUMBER.test(source)) return { kind: 'number', text: source, value: Number(source), position: pos, length: end - pos }
  return { kind: 'bare', text: source, value: source, position: pos, length: end - pos }
}
