// The emulator's `filter` (what a live search on the demo tenant answers) and the Files filter
// must mean the same thing: generated accounts, generated expressions, and a plain reference
// evaluator written here, independent of the grammar's code.
import { describe, expect, it } from 'vitest'
import { compileAccountFilter } from '../../shared/accountFilter'
import type { CustomerAccount } from '../../shared/kibo'
import { FieldPaths, queryAccounts } from './accountQuery'
import { generateAccounts, mulberry32 } from './generate'

type Kind = 'text' | 'number' | 'boolean' | 'date'
const fields: Array<{ path: string; kind: Kind }> = [
  { path: 'id', kind: 'number' },
  { path: 'lastName', kind: 'text' },
  { path: 'emailAddress', kind: 'text' },
  { path: 'isActive', kind: 'boolean' },
  { path: 'isLocked', kind: 'boolean' },
  { path: 'accountType', kind: 'text' },
  { path: 'commerceSummary.orderCount', kind: 'number' },
  { path: 'auditInfo.createDate', kind: 'date' },
  { path: 'segments.code', kind: 'text' },
  { path: 'contacts.address.countryCode', kind: 'text' },
  { path: 'contacts.types.isPrimary', kind: 'boolean' },
]

type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'sw' | 'cont' | 'in'
type Value = string | number | boolean
type Node =
  { and: Node; or?: never; right: Node } | { or: Node; and?: never; right: Node } | { path: string; kind: Kind; op: Op; values: Value[] }

/** Every leaf value at a dotted path, through arrays; the reference's own walk. */
function leaves(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item]
  for (const key of path.split('.')) {
    current = current
      .flatMap((c) => (Array.isArray(c) ? c : [c]))
      .map((c) => (c !== null && typeof c === 'object' ? (c as Record<string, unknown>)[key] : undefined))
  }
  return current.flatMap((c) => (Array.isArray(c) ? c : [c])).filter((v) => v !== undefined && v !== null)
}

function compare(kind: Kind, leaf: unknown, value: Value): number | undefined {
  if (kind === 'number') return typeof leaf === 'number' ? Math.sign(leaf - Number(value)) : undefined
  if (kind === 'boolean') return typeof leaf === 'boolean' ? (leaf === value ? 0 : undefined) : undefined
  if (kind === 'date') return typeof leaf === 'string' ? Math.sign(Date.parse(leaf) - Date.parse(String(value))) : undefined
  if (typeof leaf !== 'string') return undefined
  const a = leaf.toLowerCase()
  const b = String(value).toLowerCase()
  return a < b ? -1 : a > b ? 1 : 0
}

function reference(node: Node, account: unknown): boolean {
  if ('and' in node && node.and) return reference(node.and, account) && reference(node.right, account)
  if ('or' in node && node.or) return reference(node.or, account) || reference(node.right, account)
  const { path, kind, op, values } = node as Extract<Node, { path: string }>
  const found = leaves(account, path)
  const value = values[0]
  const any = (test: (c: number | undefined, leaf: unknown) => boolean) => found.some((leaf) => test(compare(kind, leaf, value), leaf))
  switch (op) {
    case 'eq':
      return any((c) => c === 0)
    case 'ne':
      return !any((c) => c === 0)
    case 'gt':
      return any((c) => c !== undefined && c > 0)
    case 'ge':
      return any((c) => c !== undefined && c >= 0)
    case 'lt':
      return any((c) => c !== undefined && c < 0)
    case 'le':
      return any((c) => c !== undefined && c <= 0)
    case 'sw':
      return any((_, leaf) => typeof leaf === 'string' && leaf.toLowerCase().startsWith(String(value).toLowerCase()))
    case 'cont':
      return any((_, leaf) => typeof leaf === 'string' && leaf.toLowerCase().includes(String(value).toLowerCase()))
    case 'in':
      return found.some((leaf) => values.some((v) => compare(kind, leaf, v) === 0))
  }
}

const accounts = generateAccounts({ seed: 11, count: 150 }).accounts

function generator(seed: number) {
  const random = mulberry32(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const sample = (path: string): unknown => {
    for (let tries = 0; tries < 20; tries++) {
      const found = leaves(pick(accounts), path)
      if (found.length > 0) return pick(found)
    }
    return undefined
  }
  function valueFor(kind: Kind, path: string, op: Op): Value {
    const seen = sample(path)
    if (kind === 'boolean') return random() < 0.5
    if (kind === 'number') return typeof seen === 'number' ? seen + pick([0, 0, 1, -1]) : Math.floor(random() * 2000)
    if (kind === 'date') return typeof seen === 'string' ? (random() < 0.5 ? seen : seen.slice(0, 10)) : '2024-01-01'
    const text = typeof seen === 'string' ? seen : 'zz'
    if (op === 'sw') return text.slice(0, 1 + Math.floor(random() * 3))
    if (op === 'cont') return text.slice(1, 3 + Math.floor(random() * 3))
    return random() < 0.3 ? text.toUpperCase() : text
  }
  function condition(): Node {
    const { path, kind } = pick(fields)
    const ops: Op[] =
      kind === 'boolean'
        ? ['eq', 'ne']
        : kind === 'text'
          ? ['eq', 'ne', 'gt', 'le', 'sw', 'cont', 'in']
          : ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in']
    const op = pick(ops)
    const values = op === 'in' ? [valueFor(kind, path, op), valueFor(kind, path, op), valueFor(kind, path, op)] : [valueFor(kind, path, op)]
    return { path, kind, op, values }
  }
  function tree(depth: number): Node {
    if (depth === 0 || random() < 0.35) return condition()
    return random() < 0.5 ? { and: tree(depth - 1), right: tree(depth - 1) } : { or: tree(depth - 1), right: tree(depth - 1) }
  }
  return { tree: () => tree(3), random, pick }
}

/** Kibo's spelling, with Kibo's quoting choices: single, double, doubled quotes, bare where it can be. */
function kiboText(node: Node, random: () => number, offline = false): string {
  if ('and' in node && node.and) return `(${kiboText(node.and, random, offline)} and ${kiboText(node.right, random, offline)})`
  if ('or' in node && node.or) return `(${kiboText(node.or, random, offline)} or ${kiboText(node.right, random, offline)})`
  const { path, op, values } = node as Extract<Node, { path: string }>
  const quote = (v: Value): string => {
    if (typeof v !== 'string') return random() < 0.2 ? `'${v}'` : String(v)
    if (/^[A-Za-z][\w.@-]*$/.test(v) && random() < 0.3 && !['and', 'or', 'true', 'false', 'null'].includes(v.toLowerCase())) return v
    return random() < 0.5 ? `'${v.replace(/'/g, "''")}'` : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  }
  const alias: Partial<Record<Op, string>> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=', sw: 'startswith', cont: 'contains' }
  const name = random() < 0.2 ? path.toUpperCase() : path
  const spelled = offline ? (alias[op] ?? op) : op
  if (op === 'in') return `${name} in ${random() < 0.5 ? `(${values.map(quote).join(', ')})` : `[${values.map(quote).join(',')}]`}`
  return `${name} ${spelled} ${quote(values[0])}`
}

describe('the emulator and the Files filter agree', () => {
  const fieldPaths = new FieldPaths(accounts)
  const emulatorIds = (filter: string) => queryAccounts(accounts, fieldPaths, { filter, pageSize: '200' }).items!.map((a) => a.id)
  const offlineIds = (filter: string) => {
    const compiled = compileAccountFilter(filter)
    if (!compiled.ok) throw new Error(`${filter}: ${compiled.error.message}`)
    return accounts.filter(compiled.test).map((a) => a.id)
  }

  it('on 400 generated expressions, with the reference evaluator', () => {
    const { tree, random } = generator(20261202)
    let matchedSome = 0
    for (let i = 0; i < 400; i++) {
      const node = tree()
      const kibo = kiboText(node, random)
      const aliases = kiboText(node, random, true)
      const expected = accounts.filter((a: CustomerAccount) => reference(node, a)).map((a) => a.id)
      if (expected.length > 0 && expected.length < accounts.length) matchedSome++
      expect({ kibo, ids: emulatorIds(kibo) }).toEqual({ kibo, ids: expected })
      expect({ kibo, ids: offlineIds(kibo) }).toEqual({ kibo, ids: expected })
      expect({ aliases, ids: offlineIds(aliases) }).toEqual({ aliases, ids: expected })
    }
    // The expressions are not all trivially true or false.
    expect(matchedSome).toBeGreaterThan(150)
  })
})
