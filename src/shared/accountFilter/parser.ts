// One grammar for Kibo's `filter` parameter and for filtering files offline (keywords
// case-insensitive; `and` binds tighter than `or`):
//   filter     := or?
//   or         := and ('or' and)*
//   and        := unary ('and' unary)*
//   unary      := 'not' unary | '(' or ')' | condition                      ('not': offline only)
//   condition  := path ( compare value | ['not'] text value | ['not'] 'in' list
//                      | ['not'] 'exists' | <nothing: a boolean flag> )     (not/exists/flag: offline only)
//   compare    := eq | ne | gt | ge | lt | le        offline aliases: = == != <> > >= < <=
//   text       := sw | cont                          offline aliases: startswith contains; offline: endswith
//   list       := '(' value (',' value)* ')' | '[' value (',' value)* ']'
//   value      := 'text' | "text" (a doubled quote or a backslash escapes) | an unquoted word
//   path       := name ('.' name)*

import type { CompareOperator, FieldPath, FilterExpression, Literal, TextOperator } from './ast'
import { FilterSyntaxError, readToken, readValue, type Token } from './lexer'
import type { AccountFilterError, FilterDialect } from './types'

const compareWords: Record<string, CompareOperator> = { eq: 'eq', ne: 'ne', gt: 'gt', ge: 'ge', lt: 'lt', le: 'le' }
const compareSymbols: Record<string, CompareOperator> = {
  '=': 'eq',
  '==': 'eq',
  '!=': 'ne',
  '<>': 'ne',
  '>': 'gt',
  '>=': 'ge',
  '<': 'lt',
  '<=': 'le',
}
const textWords: Record<string, TextOperator> = { sw: 'sw', cont: 'cont', startswith: 'sw', contains: 'cont', endswith: 'ew' }
/** Offline spellings, and what Kibo calls them. */
const kiboSpelling: Record<string, string> = { startswith: 'sw', contains: 'cont' }
const keywords = new Set([
  'and',
  'or',
  'not',
  'in',
  'exists',
  'true',
  'false',
  'null',
  ...Object.keys(compareWords),
  ...Object.keys(textWords),
])

const operatorList: Record<FilterDialect, string> = {
  kibo: 'eq, ne, gt, ge, lt, le, sw, cont or in (...)',
  offline: 'eq, ne, gt, ge, lt, le, sw, cont, in (...), exists (or =, !=, >, >=, <, <=, contains, startswith, endswith)',
}

function keywordOf(token: Token): string | undefined {
  if (token.kind !== 'name') return undefined
  const lower = token.text.toLowerCase()
  return keywords.has(lower) ? lower : undefined
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end'
  return `'${token.text}'`
}

class Parser {
  /** Offset just after the last consumed token. */
  private pos = 0
  private current: Token | null = null
  private last: Token | null = null

  constructor(
    private readonly text: string,
    private readonly dialect: FilterDialect,
  ) {}

  /** The current token, read on demand: what follows an operator is read as a value instead. */
  private peek(): Token {
    return (this.current ??= readToken(this.text, this.pos))
  }

  private advance(): Token {
    const token = this.peek()
    this.pos = token.position + token.length
    this.last = token
    this.current = null
    return token
  }

  private previous(): Token {
    return this.last ?? this.peek()
  }

  private fail(message: string, at: Pick<Token, 'position' | 'length'>, suggestion?: string): never {
    const error: AccountFilterError = { message, position: at.position, length: at.length }
    if (suggestion !== undefined) error.suggestion = suggestion
    throw new FilterSyntaxError(error)
  }

  /** Where something is missing: point at the end's predecessor, which is visible in the text. */
  private failMissing(what: string): never {
    if (this.peek().kind === 'end' && this.last !== null) this.fail(`${what} after ${describe(this.last)}.`, this.last)
    this.fail(`${what}, found ${describe(this.peek())}.`, this.peek())
  }

  /** Refuses, in the live (Kibo) dialect, what only files take. */
  private kiboLacks(what: string, at: Pick<Token, 'position' | 'length'>, instead: string, suggestion?: string): void {
    if (this.dialect === 'kibo') this.fail(`Kibo's filter has no ${what}: ${instead}.`, at, suggestion)
  }

  private isKeyword(word: string): boolean {
    return keywordOf(this.peek()) === word
  }

  parseFilter(): FilterExpression | null {
    if (this.peek().kind === 'end') return null
    const expression = this.parseOr()
    if (this.peek().kind === ')') this.fail("Unmatched ')': there is no '(' for it to close.", this.peek())
    if (this.peek().kind !== 'end') this.fail(`Expected 'and' or 'or' before ${describe(this.peek())}.`, this.peek())
    return expression
  }

  private parseOr(): FilterExpression {
    let left = this.parseAnd()
    while (this.isKeyword('or')) {
      this.advance()
      left = { kind: 'or', left, right: this.parseAnd() }
    }
    return left
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary()
    while (this.isKeyword('and')) {
      this.advance()
      left = { kind: 'and', left, right: this.parseUnary() }
    }
    return left
  }

  private parseUnary(): FilterExpression {
    const token = this.peek()
    if (this.isKeyword('not')) {
      this.kiboLacks("'not'", token, 'use ne, or compare with null')
      this.advance()
      return { kind: 'not', operand: this.parseUnary() }
    }
    if (token.kind === '(') {
      this.advance()
      const inner = this.parseOr()
      if (this.peek().kind === 'end') this.fail("Unclosed '(': add a ')' to close it.", token)
      if (this.peek().kind !== ')') this.fail(`Expected 'and', 'or' or ')' before ${describe(this.peek())}.`, this.peek())
      this.advance()
      return inner
    }
    const keyword = keywordOf(token)
    if (token.kind === 'name' && !['and', 'or', 'true', 'false', 'null'].includes(keyword ?? '')) return this.parseCondition()
    if (token.kind === 'string' || token.kind === 'number' || ['true', 'false', 'null'].includes(keyword ?? '')) {
      this.fail(`Expected a field name, found the value ${token.text}: write the field first, like emailAddress eq 'a@b.com'.`, token)
    }
    if (token.kind === ')') this.fail("Expected a condition before ')'.", token)
    if (token.kind === 'end') this.failMissing('Expected a condition')
    return this.fail(`Expected a field name, found ${describe(token)}.`, token)
  }

  private parsePath(): FieldPath {
    const first = this.advance()
    const names = [first.text]
    const positions = [first.position]
    while (this.peek().kind === '.') {
      const dot = this.advance()
      if (this.peek().kind !== 'name') this.fail("Expected a field name after '.'.", this.peek().kind === 'end' ? dot : this.peek())
      const name = this.advance()
      names.push(name.text)
      positions.push(name.position)
    }
    const last = this.previous()
    return { names, positions, position: first.position, length: last.position + last.length - first.position }
  }

  private parseLiteral(after: Token): Literal {
    const token = readValue(this.text, this.pos)
    if (token.kind === 'string' || token.kind === 'number' || token.kind === 'bare') {
      const lower = token.text.toLowerCase()
      if (token.kind === 'bare' && (lower === 'and' || lower === 'or'))
        this.fail(`Expected a value after '${after.text}', found '${token.text}'.`, token)
      this.pos = token.position + token.length
      this.last = token
      this.current = null
      let value: Literal['value'] = token.value as string | number
      if (token.kind === 'bare' && lower === 'true') value = true
      else if (token.kind === 'bare' && lower === 'false') value = false
      else if (token.kind === 'bare' && lower === 'null') value = null
      const text = token.kind === 'string' ? (token.value as string) : token.text
      return { value, quoted: token.kind === 'string', text, position: token.position, length: token.length }
    }
    if (token.kind === 'end') return this.fail(`Expected a value after '${after.text}'.`, after)
    return this.fail(
      `Expected a value (text in quotes, a number, a date, true, false or null) after '${after.text}', found ${describe(token)}.`,
      token,
    )
  }

  private parseCondition(): FilterExpression {
    const path = this.parsePath()
    const token = this.peek()
    const name = path.names.join('.')
    if (token.kind === 'op') {
      const operator = compareSymbols[token.text]
      this.kiboLacks(`'${token.text}'`, token, `write ${operator}`, operator)
      this.advance()
      return {
        kind: 'compare',
        path,
        operator,
        operatorPosition: token.position,
        operatorLength: token.length,
        literal: this.parseLiteral(token),
      }
    }
    let negated = false
    if (this.isKeyword('not')) {
      this.kiboLacks("'not'", token, 'use ne, or compare with null')
      negated = true
      this.advance()
    }
    const keyword = keywordOf(this.peek())
    const operatorToken = this.peek()
    if (keyword !== undefined && keyword in compareWords && !negated) {
      this.advance()
      return {
        kind: 'compare',
        path,
        operator: compareWords[keyword],
        operatorPosition: operatorToken.position,
        operatorLength: operatorToken.length,
        literal: this.parseLiteral(operatorToken),
      }
    }
    if (keyword !== undefined && keyword in textWords) {
      if (keyword in kiboSpelling)
        this.kiboLacks(`'${operatorToken.text}'`, operatorToken, `write ${kiboSpelling[keyword]}`, kiboSpelling[keyword])
      if (keyword === 'endswith') this.kiboLacks("'endswith'", operatorToken, 'use cont')
      this.advance()
      return { kind: 'text', path, operator: textWords[keyword], negated, literal: this.parseLiteral(operatorToken) }
    }
    if (keyword === 'in') {
      this.advance()
      return { kind: 'in', path, negated, literals: this.parseList(operatorToken) }
    }
    if (keyword === 'exists') {
      this.kiboLacks("'exists'", operatorToken, `write ${name} ${negated ? 'eq' : 'ne'} null`, negated ? undefined : 'ne null')
      this.advance()
      return { kind: 'exists', path, negated }
    }
    if (negated) return this.fail(`Expected sw, cont, endswith, in or exists after 'not', found ${describe(this.peek())}.`, this.peek())
    if (keyword === 'and' || keyword === 'or' || token.kind === ')' || token.kind === 'end') {
      this.kiboLacks('bare true-or-false fields', path, `write ${name} eq true`, `${name} eq true`)
      return { kind: 'flag', path }
    }
    if (token.kind === 'name' && keyword === undefined) {
      this.fail(`Unknown operator '${token.text}': use ${operatorList[this.dialect]}.`, token)
    }
    return this.fail(`Expected an operator after '${name}': ${operatorList[this.dialect]}.`, token)
  }

  private parseList(inToken: Token): Literal[] {
    const open = this.peek()
    if (open.kind !== '(' && open.kind !== '[') {
      this.fail("Expected '(' after 'in', like in ('US', 'CA').", open.kind === 'end' ? inToken : open)
    }
    const close = open.kind === '(' ? ')' : ']'
    this.advance()
    const literals: Literal[] = []
    for (;;) {
      const next = readValue(this.text, this.pos)
      if (next.kind === close) {
        if (literals.length === 0) {
          this.fail(`Empty list: put at least one value inside 'in ${open.text}...${close}'.`, {
            position: open.position,
            length: next.position + 1 - open.position,
          })
        }
        this.fail('Trailing comma: add a value after it or remove it.', this.previous())
      }
      if (next.kind === 'end') this.fail(`Unclosed '${open.text}': add a '${close}' to close the list.`, open)
      literals.push(this.parseLiteral(this.previous()))
      const after = this.peek()
      if (after.kind === ',') {
        this.advance()
        continue
      }
      if (after.kind === close) {
        this.advance()
        return literals
      }
      if (after.kind === 'end') this.fail(`Unclosed '${open.text}': add a '${close}' to close the list.`, open)
      this.fail(`Expected ',' or '${close}' in the list, found ${describe(after)}.`, after)
    }
  }
}

/** Parses filter text; null for blank text. Throws FilterSyntaxError. */
export function parseAccountFilter(text: string, dialect: FilterDialect = 'offline'): FilterExpression | null {
  return new Parser(text, dialect).parseFilter()
}
