// Checks a parsed filter against the field tree, then turns it into one closure per node. All
// work that does not depend on the account (path arrays, lowercased literals, sets) happens
// here, once, so `test` over 100k accounts only walks values and compares.

import type { FieldSpec } from '../kiboFields'
import { nearestName } from '../responseFields/suggest'
import type { CompareOperator, FieldPath, FilterExpression, Literal } from './ast'
import { FilterSyntaxError } from './lexer'
import type { AccountFilterError } from './types'

type Predicate = (value: unknown) => boolean
export type AccountTest = (account: unknown) => boolean

function fail(message: string, position: number, length: number, suggestion?: string): never {
  const error: AccountFilterError = { message, position, length }
  if (suggestion !== undefined) error.suggestion = suggestion
  throw new FilterSyntaxError(error)
}

/**
 * True when `predicate` holds for any value at `path` below `value`. Arrays are transparent at
 * every level; a missing or null step and an empty array count as one missing value
 * (undefined), so `x = null` and `not x exists` agree with what is visible.
 */
function anyAt(value: unknown, path: readonly string[], index: number, predicate: Predicate): boolean {
  if (Array.isArray(value)) {
    if (value.length === 0) return predicate(undefined)
    for (let i = 0; i < value.length; i++) if (anyAt(value[i], path, index, predicate)) return true
    return false
  }
  if (index === path.length) return predicate(value)
  if (value === null || typeof value !== 'object') return predicate(undefined)
  return anyAt((value as Record<string, unknown>)[path[index]], path, index + 1, predicate)
}

/** The spec a path names, or an error at the name that does not exist. */
function resolvePath(path: FieldPath, root: readonly FieldSpec[]): FieldSpec {
  let level: readonly FieldSpec[] | undefined = root
  let spec: FieldSpec | undefined
  for (let i = 0; i < path.names.length; i++) {
    const name = path.names[i]
    if (!level || level.length === 0) {
      const parent = path.names.slice(0, i).join('.')
      fail(`'${parent}' has no fields inside, so '${name}' cannot be read from it.`, path.positions[i], name.length)
    }
    spec = level.find((candidate) => candidate.name === name)
    if (!spec) {
      const suggestion = nearestName(
        name,
        level.map((candidate) => candidate.name),
      )
      const where = i === 0 ? '' : ` in '${path.names.slice(0, i).join('.')}'`
      const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`
      fail(`Unknown field '${name}'${where}.${hint}`, path.positions[i], name.length, suggestion)
    }
    level = spec.children
  }
  return spec as FieldSpec
}

type ValueKind = 'text' | 'number' | 'boolean' | 'any' | 'group'

function kindOf(spec: FieldSpec): ValueKind {
  if (spec.children && spec.children.length > 0) return 'group'
  switch (spec.type) {
    case 'string':
      return 'text'
    case 'number':
    case 'integer':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'object':
      return 'group'
    default:
      return 'any' // untyped values and arrays of them (attributes.values)
  }
}

function pathText(path: FieldPath): string {
  return path.names.join('.')
}

function failGroup(path: FieldPath, spec: FieldSpec): never {
  const example = spec.children?.[0]?.name
  const hint = example ? ` compare one of its fields, like ${pathText(path)}.${example}, or use 'exists'.` : " use 'exists'."
  return fail(`'${pathText(path)}' is a group of fields:${hint}`, path.position, path.length)
}

/** Fails unless `literal` can be compared with a field of this kind. */
function checkLiteral(path: FieldPath, kind: ValueKind, literal: Literal, spec: FieldSpec): void {
  const value = literal.value
  if (value === null || kind === 'any') return
  const name = pathText(path)
  if (kind === 'text' && typeof value !== 'string') {
    const what = spec.format === 'date-time' ? 'a date-time, written as text' : 'text'
    fail(`'${name}' is ${what}: put the value in double quotes.`, literal.position, literal.length, JSON.stringify(String(value)))
  }
  if (kind === 'number' && typeof value !== 'number') {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
    fail(
      `'${name}' is a number: write it without quotes.`,
      literal.position,
      literal.length,
      Number.isFinite(number) ? String(number) : undefined,
    )
  }
  if (kind === 'boolean' && typeof value !== 'boolean') {
    fail(`'${name}' is true or false: compare it with true or false.`, literal.position, literal.length)
  }
}

/** Equality as the language defines it: text ignoring case, everything else strictly. */
function equalsPredicate(value: Literal['value']): Predicate {
  if (value === null) return (v) => v === null || v === undefined
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    return (v) => typeof v === 'string' && (v === value || v.toLowerCase() === lower)
  }
  return (v) => v === value
}

function orderPredicate(operator: CompareOperator, value: string | number): Predicate {
  const type = typeof value
  // Text orders by code unit, which is date order for ISO dates.
  switch (operator) {
    case '>':
      return (v) => typeof v === type && (v as string | number) > value
    case '<':
      return (v) => typeof v === type && (v as string | number) < value
    case '>=':
      return (v) => typeof v === type && (v as string | number) >= value
    default:
      return (v) => typeof v === type && (v as string | number) <= value
  }
}

function inPredicate(literals: readonly Literal[]): Predicate {
  const texts = new Set<string>()
  const others = new Set<unknown>()
  let matchesMissing = false
  for (const { value } of literals) {
    if (value === null) matchesMissing = true
    else if (typeof value === 'string') texts.add(value.toLowerCase())
    else others.add(value)
  }
  return (v) => {
    if (typeof v === 'string') return texts.has(v.toLowerCase())
    if (v === null || v === undefined) return matchesMissing
    return others.has(v)
  }
}

function textPredicate(operator: 'contains' | 'startswith' | 'endswith', text: string): Predicate {
  // A case-insensitive regular expression built once: no lower-cased copy of every value tested.
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = operator === 'contains' ? escaped : operator === 'startswith' ? `^${escaped}` : `${escaped}$`
  const pattern = new RegExp(source, 'iu')
  return (v) => typeof v === 'string' && pattern.test(v)
}

const exists: Predicate = (v) => v !== null && v !== undefined
const isTrue: Predicate = (v) => v === true

export class FilterCompiler {
  /** Paths read by the filter, deduplicated by their dotted text. */
  readonly paths = new Map<string, string[]>()

  constructor(private readonly root: readonly FieldSpec[]) {}

  private condition(path: FieldPath, predicate: Predicate, negated: boolean): AccountTest {
    const names = path.names.slice()
    if (!this.paths.has(names.join('.'))) this.paths.set(names.join('.'), names)
    if (negated) return (account) => !anyAt(account, names, 0, predicate)
    return (account) => anyAt(account, names, 0, predicate)
  }

  compile(expression: FilterExpression): AccountTest {
    switch (expression.kind) {
      case 'and': {
        const left = this.compile(expression.left)
        const right = this.compile(expression.right)
        return (account) => left(account) && right(account)
      }
      case 'or': {
        const left = this.compile(expression.left)
        const right = this.compile(expression.right)
        return (account) => left(account) || right(account)
      }
      case 'not': {
        const operand = this.compile(expression.operand)
        return (account) => !operand(account)
      }
      case 'exists':
        resolvePath(expression.path, this.root)
        return this.condition(expression.path, exists, expression.negated)
      case 'flag': {
        const spec = resolvePath(expression.path, this.root)
        const kind = kindOf(spec)
        if (kind !== 'boolean' && kind !== 'any') {
          const name = pathText(expression.path)
          fail(
            `'${name}' is not true or false: compare it with a value, or write '${name} exists'.`,
            expression.path.position,
            expression.path.length,
            `${name} exists`,
          )
        }
        return this.condition(expression.path, isTrue, false)
      }
      case 'compare': {
        const { path, operator, literal } = expression
        const spec = resolvePath(path, this.root)
        const kind = kindOf(spec)
        if (kind === 'group') failGroup(path, spec)
        checkLiteral(path, kind, literal, spec)
        if (operator === '=' || operator === '!=') return this.condition(path, equalsPredicate(literal.value), operator === '!=')
        if (kind === 'boolean')
          fail(`'${pathText(path)}' is true or false: it has no order, use = or !=.`, expression.operatorPosition, operator.length)
        if (literal.value === null || typeof literal.value === 'boolean') {
          fail(`'${operator}' needs a number or text to compare with.`, literal.position, literal.length)
        }
        return this.condition(path, orderPredicate(operator, literal.value), false)
      }
      case 'text': {
        const { path, literal } = expression
        const spec = resolvePath(path, this.root)
        const kind = kindOf(spec)
        if (kind === 'group') failGroup(path, spec)
        if (kind !== 'text' && kind !== 'any') {
          fail(`'${expression.operator}' works on text, and '${pathText(path)}' is not text.`, path.position, path.length)
        }
        return this.condition(path, textPredicate(expression.operator, literal.value as string), expression.negated)
      }
      case 'in': {
        const { path, literals } = expression
        const spec = resolvePath(path, this.root)
        const kind = kindOf(spec)
        if (kind === 'group') failGroup(path, spec)
        for (const literal of literals) checkLiteral(path, kind, literal, spec)
        return this.condition(path, inPredicate(literals), expression.negated)
      }
    }
  }
}
