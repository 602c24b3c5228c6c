// Parser for Kibo's responseFields language: `a,b(c,d(e))`. Recursive descent over the raw
// text (no token list), so every error can point at the exact character that caused it.

import type { FieldNode, ParseResponseFieldsResult, ResponseFieldsProblem } from './types'

class SyntaxProblem {
  constructor(readonly problem: ResponseFieldsProblem) {}
}

export function isNameCharCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 // _
  )
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13
}

/** A character as it can be shown in a message, even when it is invisible. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0
  if (code < 32 || code === 127 || (code >= 0x80 && code <= 0xa0)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  }
  return `'${String.fromCodePoint(code)}'`
}

/**
 * Merges duplicate names at every level, keeping first-occurrence order and positions: the
 * union of their children, and a bare name (the whole subtree) wins over any selection inside.
 */
export function mergeFieldNodes(nodes: readonly FieldNode[]): FieldNode[] {
  const byName = new Map<string, FieldNode>()
  for (const node of nodes) {
    const seen = byName.get(node.name)
    if (!seen) {
      byName.set(node.name, { ...node, children: node.children && mergeFieldNodes(node.children) })
    } else if (seen.children !== null) {
      const children = node.children === null ? null : mergeFieldNodes([...seen.children, ...node.children])
      byName.set(node.name, { ...seen, children })
    }
  }
  return [...byName.values()]
}

class Parser {
  private pos = 0

  constructor(private readonly text: string) {}

  parseAll(): FieldNode[] {
    this.skipSpace()
    if (this.atEnd()) return []
    const fields = this.parseList(null)
    // parseList(null) only returns at the end of the text.
    return mergeFieldNodes(fields)
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && isSpaceCode(this.text.charCodeAt(this.pos))) this.pos++
  }

  private fail(message: string, position: number, length: number, suggestion?: string): never {
    const problem: ResponseFieldsProblem = { message, position, length }
    if (suggestion !== undefined) problem.suggestion = suggestion
    throw new SyntaxProblem(problem)
  }

  private charAt(position: number): string {
    return String.fromCodePoint(this.text.codePointAt(position) ?? 0)
  }

  /** A list of fields; returns in front of the ')' that closes `open`, or at the end of the text. */
  private parseList(open: number | null): FieldNode[] {
    const nodes: FieldNode[] = []
    let lastComma = -1
    for (;;) {
      this.skipSpace()
      if (this.atEnd()) {
        if (lastComma >= 0) this.fail('Trailing comma: add a field name after it or remove it.', lastComma, 1)
        return this.fail("Unclosed '(': add a ')' to close it.", open ?? 0, 1)
      }
      const code = this.text.charCodeAt(this.pos)
      if (isNameCharCode(code)) {
        nodes.push(this.parseField())
      } else if (code === 44 /* , */) {
        this.fail("Empty field name: expected a name before ','.", this.pos, 1)
      } else if (code === 41 /* ) */) {
        if (lastComma >= 0) this.fail('Trailing comma: add a field name after it or remove it.', lastComma, 1)
        this.fail("Unmatched ')': there is no '(' for it to close.", this.pos, 1)
      } else if (code === 40 /* ( */) {
        this.fail("Expected a field name before '('.", this.pos, 1)
      } else {
        this.fail(
          `Unexpected character ${describeChar(this.charAt(this.pos))}: field names use letters, digits and '_'.`,
          this.pos,
          this.charAt(this.pos).length,
        )
      }

      this.skipSpace()
      if (this.atEnd()) {
        if (open !== null) this.fail("Unclosed '(': add a ')' to close it.", open, 1)
        return nodes
      }
      const next = this.text.charCodeAt(this.pos)
      if (next === 44 /* , */) {
        lastComma = this.pos++
      } else if (next === 41 /* ) */) {
        if (open !== null) return nodes
        this.fail("Unmatched ')': there is no '(' for it to close.", this.pos, 1)
      } else if (isNameCharCode(next)) {
        const previous = nodes[nodes.length - 1]
        this.fail(`Missing ',' between '${previous.name}' and the next field.`, this.pos, this.nameLengthAt(this.pos))
      } else if (next === 40 /* ( */) {
        this.fail(`Unexpected '(': '${nodes[nodes.length - 1].name}' already has its fields selected.`, this.pos, 1)
      } else {
        this.fail(
          `Unexpected character ${describeChar(this.charAt(this.pos))}: expected ',' or ')'.`,
          this.pos,
          this.charAt(this.pos).length,
        )
      }
    }
  }

  private nameLengthAt(position: number): number {
    let end = position
    while (end < this.text.length && isNameCharCode(this.text.charCodeAt(end))) end++
    return end - position
  }

  private parseField(): FieldNode {
    const start = this.pos
    this.pos += this.nameLengthAt(start)
    const name = this.text.slice(start, this.pos)
    if (this.text.charCodeAt(this.pos) === 46 /* . */) this.failDottedPath(start)
    const nameEnd = this.pos
    this.skipSpace()
    if (this.text.charCodeAt(this.pos) !== 40 /* ( */) {
      this.pos = nameEnd
      return { name, children: null, start, end: nameEnd }
    }
    const open = this.pos++
    this.skipSpace()
    if (this.atEnd()) this.fail("Unclosed '(': add a ')' to close it.", open, 1)
    if (this.text.charCodeAt(this.pos) === 41 /* ) */) {
      this.fail(`Empty parentheses after '${name}': name the fields to keep, or remove '()' to keep all of it.`, open, this.pos + 1 - open)
    }
    const children = this.parseList(open)
    this.pos++ // the closing ')'
    return { name, children, start, end: this.pos }
  }

  /** `a.b.c` is a common guess; say how to write it instead. */
  private failDottedPath(start: number): never {
    let end = start
    while (end < this.text.length && (isNameCharCode(this.text.charCodeAt(end)) || this.text[end] === '.')) end++
    const parts = this.text.slice(start, end).split('.')
    const suggestion = parts.every((part) => part !== '')
      ? parts.reduceRight((inner, part) => (inner === '' ? part : `${part}(${inner})`), '')
      : undefined
    const example = suggestion ?? 'a(b)'
    return this.fail(`Use parentheses, not dots, to select inside a field: ${example}.`, start, end - start, suggestion)
  }
}

/**
 * Parses a responseFields expression. Empty or blank text is "no filter" (fields: []).
 * Duplicate names are merged (see mergeFieldNodes).
 */
export function parseResponseFields(text: string): ParseResponseFieldsResult {
  try {
    return { ok: true, fields: new Parser(text).parseAll() }
  } catch (e) {
    if (e instanceof SyntaxProblem) return { ok: false, error: e.problem }
    throw e
  }
}
