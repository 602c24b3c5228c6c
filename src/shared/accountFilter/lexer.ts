// Tokens of the account filter language. Keywords are plain names here; the parser decides
// (case-insensitively) whether a name is `and`, `contains`, `true`, ... or a field.

import { describeChar } from '../responseFields/parse'
import type { AccountFilterError } from './types'

export type TokenKind = 'name' | 'string' | 'number' | 'op' | '(' | ')' | ',' | '.' | 'end'

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

function fail(message: string, position: number, length: number, suggestion?: string): never {
  const error: AccountFilterError = { message, position, length }
  if (suggestion !== undefined) error.suggestion = suggestion
  throw new FilterSyntaxError(error)
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_')
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || isDigit(c)

const escapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

function readString(text: string, start: number): Token {
  let value = ''
  let pos = start + 1
  while (pos < text.length) {
    const c = text[pos]
    if (c === '"') return { kind: 'string', text: text.slice(start, pos + 1), value, position: start, length: pos + 1 - start }
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
        fail(`Bad escape '\\${next ?? ''}': use \\" \\\\ \\n \\t or \\uXXXX.`, pos, next === undefined ? 1 : 2)
      }
      value += escapes[next]
      pos += 2
      continue
    }
    value += c
    pos++
  }
  return fail('Unclosed text: add a closing ".', start, text.length - start)
}

function readNumber(text: string, start: number): Token {
  const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(start))
  const length = match ? match[0].length : 1
  if (isNameChar(text[start + length])) {
    let end = start + length
    while (isNameChar(text[end])) end++
    fail(`'${text.slice(start, end)}' is neither a number nor a field name.`, start, end - start)
  }
  return {
    kind: 'number',
    text: text.slice(start, start + length),
    value: Number(text.slice(start, start + length)),
    position: start,
    length,
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  while (pos < text.length) {
    const c = text[pos]
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      pos++
      continue
    }
    const two = text.slice(pos, pos + 2)
    let token: Token
    if (isNameStart(c)) {
      let end = pos + 1
      while (isNameChar(text[end])) end++
      token = { kind: 'name', text: text.slice(pos, end), position: pos, length: end - pos }
    } else if (isDigit(c) || (c === '-' && isDigit(text[pos + 1]))) {
      token = readNumber(text, pos)
    } else if (c === '"') {
      token = readString(text, pos)
    } else if (two === '>=' || two === '<=' || two === '!=' || two === '==' || two === '<>') {
      token = { kind: 'op', text: two === '==' ? '=' : two === '<>' ? '!=' : two, position: pos, length: 2 }
    } else if (c === '=' || c === '>' || c === '<') {
      token = { kind: 'op', text: c, position: pos, length: 1 }
    } else if (c === '(' || c === ')' || c === ',' || c === '.') {
      token = { kind: c, text: c, position: pos, length: 1 }
    } else if (two === '&&' || two === '||') {
      return fail(`Use '${two === '&&' ? 'and' : 'or'}' instead of '${two}'.`, pos, 2, two === '&&' ? 'and' : 'or')
    } else if (c === '!') {
      return fail("Use 'not' instead of '!'.", pos, 1, 'not ')
    } else if (c === "'") {
      return fail('Put text in double quotes: "like this".', pos, 1, '"')
    } else {
      const char = String.fromCodePoint(text.codePointAt(pos) ?? 0)
      return fail(`Unexpected character ${describeChar(char)}.`, pos, char.length)
    }
    tokens.push(token)
    pos = token.position + token.length
  }
  tokens.push({ kind: 'end', text: '', position: text.length, length: 0 })
  return tokens
}
