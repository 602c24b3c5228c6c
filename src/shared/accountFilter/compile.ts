// Checks a parsed filter against the field tree, then turns it into one closure per node. All
// work that does not depend on the account (path arrays, typed literals, sets) happens here,
// once, so `test` over 100k accounts only walks values and compares.
//
// A value means what the field it is compared with holds, as in Kibo: `id eq '5'` and `id eq 5`
// are the same number, `taxId eq 123` is the text "123", dates compare as instants whatever
// their precision or zone.

import type { FieldSpec } from '../kiboFields'
import { nearestName } from '../responseFields/suggest'
import type { CompareOperator, FieldPath, FilterExpression, Literal, TextOperator } from './ast'
import { NUMBER, fail } from './lexer'

type Predicate = (value: unknown) => boolean
export type AccountTest = (account: unknown) => boolean

/**
 * True when `predicate` holds for any value at `path` below `value`. Arrays are transparent at
 * every level; a missing or null step and an empty array count as one missing value
 * (undefined), so `x eq null` and `x ne null` agree with what is visible.
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

interface Resolved {
  spec: FieldSpec
  /** The path as the schema spells it (names match ignoring case, as Kibo matches them). */
  names: string[]
}

/** The spec a path names, or an error at the name that does not exist. */
function resolvePath(path: FieldPath, root: readonly FieldSpec[]): Resolved {
  let level: readonly FieldSpec[] | undefined = root
  let spec: FieldSpec | undefined
  const names: string[] = []
  for (let i = 0; i < path.names.length; i++) {
    const name = path.names[i]
    if (!level || level.length === 0) {
      fail(`'${names.join('.')}' has no fields inside, so '${name}' cannot be read from it.`, path.positions[i], name.length)
    }
    const lower = name.toLowerCase()
    spec = level.find((candidate) => candidate.name === name) ?? level.find((candidate) => candidate.name.toLowerCase() === lower)
    if (!spec) {
      const suggestion = nearestName(
        name,
        level.map((candidate) => candidate.name),
      )
      const where = i === 0 ? '' : ` in '${names.join('.')}'`
      const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`
      fail(`Unknown field '${name}'${where}.${hint}`, path.positions[i], name.length, suggestion)
    }
    names.push(spec.name)
    level = spec.children
  }
  return { spec: spec as FieldSpec, names }
}

type ValueKind = 'text' | 'date' | 'number' | 'boolean' | 'any' | 'group'

function kindOf(spec: FieldSpec): ValueKind {
  if (spec.children && spec.children.length > 0) return 'group'
  switch (spec.type) {
    case 'string':
      return spec.format === 'date-time' ? 'date' : 'text'
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

const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/** Milliseconds since the epoch for an ISO date or date-time (UTC when it names no zone); undefined otherwise. */
export function isoInstant(text: string): number | undefined {
  // The common case, Kibo's own UTC timestamps, parses the same without the regular expression.
  if (text.length >= 20 && text.length <= 24 && text.charCodeAt(10) === 84 && text.charCodeAt(text.length - 1) === 90) {
    const ms = Date.parse(text)
    if (!Number.isNaN(ms)) return ms
  }
  const m = ISO.exec(text)
  if (!m) return undefined
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = m
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${offset}`)
  return Number.isNaN(ms) ? undefined : ms
}

type Typed = string | number | boolean | null

/** The literal as a value of the field's kind (dates as instants), or an error at the literal. */
function typedLiteral(name: string, kind: ValueKind, literal: Literal): Typed {
  const { value, text } = literal
  if (value === null) return null
  switch (kind) {
    case 'text':
      return text
    case 'date': {
      const instant = isoInstant(text)
      if (instant === undefined) {
        fail(`'${name}' is a date-time: write it like 2024-01-31 or 2024-01-31T12:00:00Z.`, literal.position, literal.length)
      }
      return instant
    }
    case 'number':
      if (typeof value === 'number') return value
      if (NUMBER.test(text.trim())) return Number(text.trim())
      return fail(`'${name}' is a number, and '${text}' is not one.`, literal.position, literal.length)
    case 'boolean': {
      if (typeof value === 'boolean') return value
      const lower = text.toLowerCase()
      if (lower === 'true' || lower === 'false') return lower === 'true'
      return fail(`'${name}' is true or false: compare it with true or false.`, literal.position, literal.length)
    }
    default:
      return value
  }
}

/** An ISO timestamp as toISOString writes it: text order is instant order, no parsing needed. */
const isCanonicalIso = (v: string): boolean =>
  v.length === 24 && v.charCodeAt(23) === 90 && v.charCodeAt(19) === 46 && v.charCodeAt(10) === 84

/** Equality: text ignoring case, dates as instants, everything else strictly. */
function equalsPredicate(kind: ValueKind, value: Typed): Predicate {
  if (value === null) return (v) => v === null || v === undefined
  if (typeof value === 'string') {
    const lower = value.toLowerCase()
    return (v) => typeof v === 'string' && (v === value || v.toLowerCase() === lower)
  }
  if (kind === 'date') {
    const canonical = new Date(value as number).toISOString()
    return (v) => typeof v === 'string' && (isCanonicalIso(v) ? v === canonical : isoInstant(v) === value)
  }
  return (v) => v === value
}

type Order = 'gt' | 'ge' | 'lt' | 'le'

/** One closure per operator and type, so testing a value is a type check and one comparison. */
function ordered<T extends string | number>(operator: Order, target: T, key: (v: unknown) => T | undefined): Predicate {
  switch (operator) {
    case 'gt':
      return (v) => {
        const a = key(v)
        return a !== undefined && a > target
      }
    case 'ge':
      return (v) => {
        const a = key(v)
        return a !== undefined && a >= target
      }
    case 'lt':
      return (v) => {
        const a = key(v)
        return a !== undefined && a < target
      }
    default:
      return (v) => {
        const a = key(v)
        return a !== undefined && a <= target
      }
  }
}

function orderPredicate(kind: ValueKind, operator: CompareOperator, value: string | number): Predicate {
  const op = operator as Order
  if (kind === 'date') {
    // Canonical timestamps compare as text against the literal written the same way.
    const canonical = new Date(value as number).toISOString()
    return ordered(op, canonical, (v) => {
      if (typeof v !== 'string') return undefined
      if (isCanonicalIso(v)) return v
      const instant = isoInstant(v)
      return instant === undefined ? undefined : new Date(instant).toISOString()
    })
  }
  if (typeof value === 'number') {
    switch (op) {
      case 'gt':
        return (v) => typeof v === 'number' && v > value
      case 'ge':
        return (v) => typeof v === 'number' && v >= value
      case 'lt':
        return (v) => typeof v === 'number' && v < value
      default:
        return (v) => typeof v === 'number' && v <= value
    }
  }
  // Text orders ignoring case, like equality.
  return ordered(op, value.toLowerCase(), (v) => (typeof v === 'string' ? v.toLowerCase() : undefined))
}

function inPredicate(kind: ValueKind, values: readonly Typed[]): Predicate {
  const predicates = values.map((value) => equalsPredicate(kind, value))
  if (kind !== 'date' && values.every((value) => typeof value === 'string')) {
    const texts = new Set(values.map((value) => (value as string).toLowerCase()))
    return (v) => typeof v === 'string' && texts.has(v.toLowerCase())
  }
  return (v) => predicates.some((predicate) => predicate(v))
}

function textPredicate(operator: TextOperator, text: string): Predicate {
  // A case-insensitive regular expression built once: no lower-cased copy of every value tested.
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const source = operator === 'cont' ? escaped : operator === 'sw' ? `^${escaped}` : `${escaped}$`
  const pattern = new RegExp(source, 'iu')
  return (v) => typeof v === 'string' && pattern.test(v)
}

const exists: Predicate = (v) => v !== null && v !== undefined
const isTrue: Predicate = (v) => v === true

const textOperatorNames: Record<TextOperator, string> = { sw: 'sw', cont: 'cont', ew: 'endswith' }
const kindNames: Record<ValueKind, string> = {
  text: 'text',
  date: 'a date-time',
  number: 'a number',
  boolean: 'true or false',
  any: 'a value',
  group: 'a group of fields',
}

export class FilterCompiler {
  /** Paths read by the filter, deduplicated by their dotted text. */
  readonly paths = new Map<string, string[]>()

  constructor(private readonly root: readonly FieldSpec[]) {}

  private condition(names: string[], predicate: Predicate, negated: boolean): AccountTest {
    const key = names.join('.')
    if (!this.paths.has(key)) this.paths.set(key, names)
    if (negated) return (account) => !anyAt(account, names, 0, predicate)
    return (account) => anyAt(account, names, 0, predicate)
  }

  /** The resolved path and the kind of its values; groups are refused. */
  private valueField(path: FieldPath): { names: string[]; kind: ValueKind } {
    const { spec, names } = resolvePath(path, this.root)
    const kind = kindOf(spec)
    if (kind === 'group') {
      const example = spec.children?.[0]?.name
      const name = names.join('.')
      const hint = example ? ` compare one of its fields, like ${name}.${example}, or compare it with null.` : ' compare it with null.'
      fail(`'${name}' is a group of fields:${hint}`, path.position, path.length)
    }
    return { names, kind }
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
        return this.condition(resolvePath(expression.path, this.root).names, exists, expression.negated)
      case 'flag': {
        const { spec, names } = resolvePath(expression.path, this.root)
        const kind = kindOf(spec)
        if (kind !== 'boolean' && kind !== 'any') {
          const name = names.join('.')
          fail(
            `'${name}' is not true or false: compare it with a value, or write '${name} ne null'.`,
            expression.path.position,
            expression.path.length,
            `${name} ne null`,
          )
        }
        return this.condition(names, isTrue, false)
      }
      case 'compare': {
        const { path, operator, literal } = expression
        // eq null and ne null work on groups too: they ask whether the group is there.
        if (literal.value === null && (operator === 'eq' || operator === 'ne')) {
          const { names } = resolvePath(path, this.root)
          return this.condition(names, exists, operator === 'eq')
        }
        const { names, kind } = this.valueField(path)
        const name = names.join('.')
        const value = typedLiteral(name, kind, literal)
        if (operator === 'eq' || operator === 'ne') return this.condition(names, equalsPredicate(kind, value), operator === 'ne')
        if (kind === 'boolean') {
          fail(`'${name}' is true or false: it has no order, use eq or ne.`, expression.operatorPosition, expression.operatorLength)
        }
        if (value === null || typeof value === 'boolean') {
          fail(`'${operator}' needs a number, a date or text to compare with.`, literal.position, literal.length)
        }
        return this.condition(names, orderPredicate(kind, operator, value), false)
      }
      case 'text': {
        const { path, literal, operator } = expression
        const { names, kind } = this.valueField(path)
        if (kind === 'number' || kind === 'boolean') {
          fail(
            `'${textOperatorNames[operator]}' works on text, and '${names.join('.')}' is ${kindNames[kind]}.`,
            path.position,
            path.length,
          )
        }
        if (literal.value === null) fail(`'${textOperatorNames[operator]}' needs text to look for.`, literal.position, literal.length)
        return this.condition(names, textPredicate(operator, literal.text), expression.negated)
      }
      case 'in': {
        const { path, literals } = expression
        const { names, kind } = this.valueField(path)
        const name = names.join('.')
        const values = literals.map((literal) => typedLiteral(name, kind, literal))
        return this.condition(names, inPredicate(kind, values), expression.negated)
      }
    }
  }
}
