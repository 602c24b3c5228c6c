// Kibo's `filter` query syntax: `field op value`, joined by `and` / `or` (`and` binds tighter),
// with parentheses. Ops: eq ne gt lt ge le sw cont. Values: 'single' or "double" quoted strings
// (a doubled quote or a backslash escapes the quote), numbers, true, false, null, and bare dates.
// Field paths are dotted; arrays on the way are transparent (any element may match).

export const filterOperators = ['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sw', 'cont'] as const
export type FilterOperator = (typeof filterOperators)[number]
export type FilterValue = string | number | boolean | null

export type FilterNode =
  { kind: 'and' | 'or'; left: FilterNode; right: FilterNode } | { kind: 'compare'; field: string; op: FilterOperator; value: FilterValue }

export class KiboFilterError extends Error {
  /** Zero-based offset of the problem in the filter text. */
  readonly position: number
  constructor(message: string, position: number) {
    super(`Invalid filter at position ${position}: ${message}`)
    this.name = 'KiboFilterError'
    this.position = position
  }
}

export interface FilterParseOptions {
  /** Maps a field path as written to its canonical path, or undefined when there is no such field. */
  resolveField?: (path: string) => string | undefined
}

type Token =
  | { type: 'word'; text: string; pos: number }
  | { type: 'string'; text: string; pos: number }
  | { type: '(' | ')'; pos: number }
  | { type: 'end'; pos: number }

function tokenize(src: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')') {
      out.push({ type: c, pos: i++ })
    } else if (c === "'" || c === '"') {
      const start = i++
      let text = ''
      for (;;) {
        if (i >= src.length) throw new KiboFilterError(`the string opened here is never closed`, start)
        const ch = src[i]
        if (ch === '\\' && i + 1 < src.length) {
          text += src[i + 1]
          i += 2
        } else if (ch === c && src[i + 1] === c) {
          text += c
          i += 2
        } else if (ch === c) {
          i++
          break
        } else {
          text += ch
          i++
        }
      }
      out.push({ type: 'string', text, pos: start })
    } else {
      const start = i
      while (i < src.length && !/[\s()'"]/.test(src[i])) i++
      out.push({ type: 'word', text: src.slice(start, i), pos: start })
    }
  }
  out.push({ type: 'end', pos: src.length })
  return out
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/
const BARE_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/

function describe(t: Token): string {
  if (t.type === 'end') return 'the end of the filter'
  if (t.type === 'word' || t.type === 'string') return `"${t.text}"`
  return `"${t.type}"`
}

export function parseKiboFilter(src: string, options: FilterParseOptions = {}): FilterNode {
  const tokens = tokenize(src)
  let at = 0
  const peek = (): Token => tokens[at]
  const isWord = (t: Token, w: string): boolean => t.type === 'word' && t.text.toLowerCase() === w

  function orExpr(): FilterNode {
    let left = andExpr()
    while (isWord(peek(), 'or')) {
      at++
      left = { kind: 'or', left, right: andExpr() }
    }
    return left
  }
  function andExpr(): FilterNode {
    let left = primary()
    while (isWord(peek(), 'and')) {
      at++
      left = { kind: 'and', left, right: primary() }
    }
    return left
  }
  function primary(): FilterNode {
    const t = peek()
    if (t.type === '(') {
      at++
      const inner = orExpr()
      const close = peek()
      if (close.type !== ')')
        throw new KiboFilterError(`expected ")" to close the "(" at position ${t.pos} but found ${describe(close)}`, close.pos)
      at++
      return inner
    }
    return comparison()
  }
  function comparison(): FilterNode {
    const f = tokens[at++]
    if (f.type !== 'word' || !FIELD.test(f.text)) throw new KiboFilterError(`expected a field name but found ${describe(f)}`, f.pos)
    let field = f.text
    if (options.resolveField) {
      const resolved = options.resolveField(field)
      if (resolved === undefined) throw new KiboFilterError(`unknown field "${field}"`, f.pos)
      field = resolved
    }
    const o = tokens[at++]
    const op = o.type === 'word' ? o.text.toLowerCase() : ''
    if (!(filterOperators as readonly string[]).includes(op))
      throw new KiboFilterError(`expected an operator (${filterOperators.join(', ')}) but found ${describe(o)}`, o.pos)
    const v = tokens[at++]
    return { kind: 'compare', field, op: op as FilterOperator, value: literal(v) }
  }
  function literal(v: Token): FilterValue {
    if (v.type === 'string') return v.text
    if (v.type === 'word') {
      const w = v.text.toLowerCase()
      if (w === 'true') return true
      if (w === 'false') return false
      if (w === 'null') return null
      if (NUMBER.test(v.text)) return Number(v.text)
      if (BARE_DATE.test(v.text)) return v.text
    }
    throw new KiboFilterError(`expected a value (a quoted string, a number, true, false or null) but found ${describe(v)}`, v.pos)
  }

  if (peek().type === 'end') throw new KiboFilterError('the filter is empty', 0)
  const node = orExpr()
  const rest = peek()
  if (rest.type !== 'end') throw new KiboFilterError(`expected "and", "or" or the end but found ${describe(rest)}`, rest.pos)
  return node
}

/** Every value at a dotted path, looking through arrays on the way. */
export function valuesAt(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item]
  for (const key of path.split('.')) {
    const next: unknown[] = []
    for (const c of current) {
      const v = c !== null && typeof c === 'object' ? (c as Record<string, unknown>)[key] : undefined
      if (Array.isArray(v)) next.push(...v)
      else if (v !== undefined) next.push(v)
    }
    current = next
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]))
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/

function order(leaf: unknown, value: FilterValue): number | undefined {
  if (leaf === null || leaf === undefined || value === null) return undefined
  if (typeof leaf === 'number') {
    const n = typeof value === 'number' ? value : typeof value === 'string' && NUMBER.test(value) ? Number(value) : NaN
    return Number.isNaN(n) ? undefined : Math.sign(leaf - n)
  }
  if (typeof leaf === 'boolean') {
    const b = typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined
    return b === undefined ? undefined : Number(leaf) - Number(b)
  }
  const a = String(leaf)
  const b = String(value)
  if (ISO_DATE.test(a) && ISO_DATE.test(b)) {
    const x = Date.parse(a)
    const y = Date.parse(b)
    if (!Number.isNaN(x) && !Number.isNaN(y)) return Math.sign(x - y)
  }
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  return la < lb ? -1 : la > lb ? 1 : 0
}

function holds(op: FilterOperator, leaf: unknown, value: FilterValue): boolean {
  if (op === 'sw' || op === 'cont') {
    if (leaf === null || leaf === undefined || value === null) return false
    const a = String(leaf).toLowerCase()
    const b = String(value).toLowerCase()
    return op === 'sw' ? a.startsWith(b) : a.includes(b)
  }
  if (op === 'eq' && value === null) return leaf === null || leaf === undefined
  const c = order(leaf, value)
  if (c === undefined) return false
  switch (op) {
    case 'eq':
      return c === 0
    case 'gt':
      return c > 0
    case 'lt':
      return c < 0
    case 'ge':
      return c >= 0
    case 'le':
      return c <= 0
    default:
      return false
  }
}

export function matchesFilter(node: FilterNode, item: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return matchesFilter(node.left, item) && matchesFilter(node.right, item)
    case 'or':
      return matchesFilter(node.left, item) || matchesFilter(node.right, item)
    case 'compare': {
      const leaves = valuesAt(item, node.field)
      if (node.op === 'ne') return !leaves.some((l) => holds('eq', l, node.value)) && !(node.value === null && leaves.length === 0)
      if (node.op === 'eq' && node.value === null && leaves.length === 0) return true
      return leaves.some((l) => holds(node.op, l, node.value))
    }
  }
}

/** Parses once; the returned predicate can be run over many items. */
export function compileKiboFilter(src: string, options: FilterParseOptions = {}): (item: unknown) => boolean {
  const node = parseKiboFilter(src, options)
  return (item) => matchesFilter(node, item)
}

/** Compares two items by a field path, the way sortBy does: missing values last in ascending order. */
export function compareAt(a: unknown, b: unknown, path: string): number {
  return compareValues(valuesAt(a, path)[0], valuesAt(b, path)[0])
}

export function compareValues(x: unknown, y: unknown): number {
  const xm = x === null || x === undefined
  const ym = y === null || y === undefined
  if (xm || ym) return xm && ym ? 0 : xm ? 1 : -1
  if (typeof x === 'number' && typeof y === 'number') return x - y
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y)
  const sx = String(x).toLowerCase()
  const sy = String(y).toLowerCase()
  return sx < sy ? -1 : sx > sy ? 1 : 0
}
