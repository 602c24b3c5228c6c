// Grammar (keywords case-insensitive; `and` binds tighter than `or`):
//   filter     := or?
//   or         := and ('or' and)*
//   and        := unary ('and' unary)*
//   unary      := 'not' unary | '(' or ')' | condition
//   condition  := path ( op literal | ['not'] textOp string | ['not'] 'in' '(' literal (',' literal)* ')'
//                      | ['not'] 'exists' | <nothing: a boolean flag> )
//   path       := name ('.' name)*

import type { CompareOperator, FieldPath, FilterExpression, Literal, TextOperator } from './ast'
import { FilterSyntaxError, tokenize, type Token } from './lexer'
import type { AccountFilterError } from './types'

const keywords = new Set(['and', 'or', 'not', 'contains', 'startswith', 'endswith', 'in', 'exists', 'true', 'false', 'null'])
const textOperators = new Set(['contains', 'startswith', 'endswith'])
const operatorList = '=, !=, >, <, >=, <=, contains, startswith, endswith, in (...) or exists'

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
  private index = 0

  constructor(private readonly tokens: Token[]) {}

  /** The current token. A method, not a getter, so TypeScript does not narrow it across index++. */
  private peek(): Token {
    return this.tokens[this.index]
  }

  private previous(): Token {
    return this.tokens[Math.max(0, this.index - 1)]
  }

  private fail(message: string, at: Token, suggestion?: string): never {
    const error: AccountFilterError = { message, position: at.position, length: at.length }
    if (suggestion !== undefined) error.suggestion = suggestion
    throw new FilterSyntaxError(error)
  }

  /** Where something is missing: point at the end's predecessor, which is visible in the text. */
  private failMissing(what: string): never {
    if (this.peek().kind === 'end' && this.index > 0) this.fail(`${what} after ${describe(this.previous())}.`, this.previous())
    this.fail(`${what}, found ${describe(this.peek())}.`, this.peek())
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
      this.index++
      left = { kind: 'or', left, right: this.parseAnd() }
    }
    return left
  }

  private parseAnd(): FilterExpression {
    let left = this.parseUnary()
    while (this.isKeyword('and')) {
      this.index++
      left = { kind: 'and', left, right: this.parseUnary() }
    }
    return left
  }

  private parseUnary(): FilterExpression {
    const token = this.peek()
    if (this.isKeyword('not')) {
      this.index++
      return { kind: 'not', operand: this.parseUnary() }
    }
    if (token.kind === '(') {
      this.index++
      const inner = this.parseOr()
      if (this.peek().kind === 'end') this.fail("Unclosed '(': add a ')' to close it.", token)
      if (this.peek().kind !== ')') this.fail(`Expected 'and', 'or' or ')' before ${describe(this.peek())}.`, this.peek())
      this.index++
      return inner
    }
    if (token.kind === 'name' && keywordOf(token) === undefined) return this.parseCondition()
    if (token.kind === 'string' || token.kind === 'number' || ['true', 'false', 'null'].includes(keywordOf(token) ?? '')) {
      this.fail(`Expected a field name, found the value ${token.text}: write the field first, like emailAddress = "a@b.com".`, token)
    }
    if (token.kind === ')') this.fail("Expected a condition before ')'.", token)
    if (token.kind === 'end') this.failMissing('Expected a condition')
    return this.fail(`Expected a field name, found ${describe(token)}.`, token)
  }

  private parsePath(): FieldPath {
    const first = this.peek()
    const names = [first.text]
    const positions = [first.position]
    this.index++
    while (this.peek().kind === '.') {
      const dot = this.peek()
      this.index++
      if (this.peek().kind !== 'name') this.fail("Expected a field name after '.'.", this.peek().kind === 'end' ? dot : this.peek())
      names.push(this.peek().text)
      positions.push(this.peek().position)
      this.index++
    }
    const last = this.previous()
    return { names, positions, position: first.position, length: last.position + last.length - first.position }
  }

  private parseLiteral(after: Token): Literal {
    const token = this.peek()
    const keyword = keywordOf(token)
    let value: Literal['value']
    if (token.kind === 'string' || token.kind === 'number') value = token.value as string | number
    else if (keyword === 'true') value = true
    else if (keyword === 'false') value = false
    else if (keyword === 'null') value = null
    else if (token.kind === 'name' && keyword === undefined) {
      return this.fail(`Expected a value after '${after.text}': put text in double quotes.`, token, JSON.stringify(token.text))
    } else if (token.kind === 'end') {
      return this.fail(`Expected a value after '${after.text}'.`, after)
    } else {
      return this.fail(
        `Expected a value (text in double quotes, a number, true, false or null) after '${after.text}', found ${describe(token)}.`,
        token,
      )
    }
    this.index++
    return { value, position: token.position, length: token.length }
  }

  private parseCondition(): FilterExpression {
    const path = this.parsePath()
    const token = this.peek()
    if (token.kind === 'op') {
      this.index++
      return {
        kind: 'compare',
        path,
        operator: token.text as CompareOperator,
        operatorPosition: token.position,
        literal: this.parseLiteral(token),
      }
    }
    let negated = false
    if (this.isKeyword('not')) {
      negated = true
      this.index++
    }
    const keyword = keywordOf(this.peek())
    const operatorToken = this.peek()
    if (keyword !== undefined && textOperators.has(keyword)) {
      this.index++
      const literal = this.parseLiteral(operatorToken)
      if (typeof literal.value !== 'string') {
        this.fail(`'${keyword}' needs text in double quotes.`, this.previous(), JSON.stringify(String(literal.value)))
      }
      return { kind: 'text', path, operator: keyword as TextOperator, negated, literal }
    }
    if (keyword === 'in') {
      this.index++
      return { kind: 'in', path, negated, literals: this.parseList(operatorToken) }
    }
    if (keyword === 'exists') {
      this.index++
      return { kind: 'exists', path, negated }
    }
    if (negated)
      return this.fail(`Expected contains, startswith, endswith, in or exists after 'not', found ${describe(this.peek())}.`, this.peek())
    if (keyword === 'and' || keyword === 'or' || token.kind === ')' || token.kind === 'end') return { kind: 'flag', path }
    if (token.kind === 'name' && keyword === undefined) {
      this.fail(`Unknown operator '${token.text}': use ${operatorList}.`, token)
    }
    return this.fail(`Expected an operator after '${path.names.join('.')}': ${operatorList}.`, token)
  }

  private parseList(inToken: Token): Literal[] {
    const open = this.peek()
    if (open.kind !== '(') this.fail('Expected \'(\' after \'in\', like in ("US", "CA").', open.kind === 'end' ? inToken : open)
    this.index++
    if (this.peek().kind === ')') {
      const span: Token = { ...open, length: this.peek().position + 1 - open.position }
      this.fail("Empty list: put at least one value inside 'in (...)'.", span)
    }
    const literals: Literal[] = []
    for (;;) {
      literals.push(this.parseLiteral(this.previous()))
      if (this.peek().kind === ',') {
        this.index++
        if (this.peek().kind === ')') this.fail('Trailing comma: add a value after it or remove it.', this.previous())
        continue
      }
      if (this.peek().kind === ')') {
        this.index++
        return literals
      }
      if (this.peek().kind === 'end') this.fail("Unclosed '(': add a ')' to close the list.", open)
      this.fail(`Expected ',' or ')' in the list, found ${describe(this.peek())}.`, this.peek())
    }
  }
}

/** Parses filter text; null for blank text. Throws FilterSyntaxError. */
export function parseAccountFilter(text: string): FilterExpression | null {
  return new Parser(tokenize(text)).parseFilter()
}
