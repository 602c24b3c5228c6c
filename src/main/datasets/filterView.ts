// Slim copies of the accounts holding only the fields filters have read so far. Walking 100k full
// accounts for `contacts.address.countryCode` touches a few hundred MB of scattered objects and
// is ~10× slower than walking compact copies. The copies grow as filters use new fields (each
// field is copied once, values shared, not duplicated), so refining a filter, or going back to
// an earlier one, walks only the slim copies.
import { setOwn } from '../exports/secrets'
import { isPlainObject } from './accountShape'
import type { ScanWatch } from './fileSlices'

/** The accounts (an array, or a file's accounts read back: fileAccounts.ts). */
interface Accounts {
  readonly length: number
  forEach(visit: (account: unknown, index: number) => void, watch?: ScanWatch): void
}

export interface PathNode {
  /** The whole value here is kept (some filter reads it as a whole). */
  whole: boolean
  children: Map<string, PathNode>
}

const newNode = (): PathNode => ({ whole: false, children: new Map() })

/** Paths the tree does not cover yet, as a tree of their own (null when all are covered). */
function missing(known: PathNode, paths: readonly (readonly string[])[]): PathNode | null {
  let out: PathNode | null = null
  for (const path of paths) {
    let node = known
    for (const name of path) {
      if (node.whole) break
      const next = node.children.get(name)
      if (!next) {
        node = newNode() // sentinel: not known
        break
      }
      node = next
    }
    if (node.whole) continue
    out ??= newNode()
    let target = out
    for (const name of path) {
      let next = target.children.get(name)
      if (!next) target.children.set(name, (next = newNode()))
      target = next
    }
    target.whole = true
  }
  return out
}

function merge(into: PathNode, from: PathNode): void {
  if (into.whole) return
  if (from.whole) {
    into.whole = true
    into.children.clear()
    return
  }
  for (const [name, child] of from.children) {
    let target = into.children.get(name)
    if (!target) into.children.set(name, (target = newNode()))
    merge(target, child)
  }
}

// An empty container of the same kind: arrays keep their length and their primitive elements.
function shell(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shell)
  return isPlainObject(value) ? {} : value
}

// The tree as arrays: iterating a Map per object per account costs more than the copying.
interface Step {
  key: string
  whole: boolean
  next: Step[]
}

function steps(node: PathNode): Step[] {
  return [...node.children].map(([key, child]) => ({ key, whole: child.whole, next: steps(child) }))
}

// Copies the fields of `node` from `full` into `slim` (same kind of container as `full`).
function extend(slim: unknown, full: unknown, node: Step[]): void {
  if (Array.isArray(full)) {
    const slimList = slim as unknown[]
    for (let i = 0; i < full.length; i++) if (typeof full[i] === 'object' && full[i] !== null) extend(slimList[i], full[i], node)
    return
  }
  if (!isPlainObject(full)) return
  const target = slim as Record<string, unknown>
  for (let k = 0; k < node.length; k++) {
    const { key, whole, next } = node[k]
    if (!Object.hasOwn(full, key)) continue
    const value = full[key]
    if (whole || typeof value !== 'object' || value === null) {
      setOwn(target, key, value)
      continue
    }
    let part = Object.hasOwn(target, key) ? target[key] : undefined
    if (part === undefined || typeof part !== 'object' || part === null) setOwn(target, key, (part = shell(value)))
    extend(part, value, next)
  }
}

/** True when walking the full accounts is cheap anyway: only top-level fields. */
export function isFlat(paths: readonly (readonly string[])[]): boolean {
  return paths.every((path) => path.length <= 1)
}

/** Short texts repeated across accounts ("B2C", "en-US") are kept once. */
const SHARED_TEXT = 24
const MAX_SHARED = 50_000
/** Where a slim copy of a file's account says which account it is, for the primed fields' getters. */
const AT = Symbol('account')

/** The primed fields by column, as saved beside a file's index (indexFile.ts). */
export interface SavedViews {
  fields: string[]
  columns: unknown[][]
}

/** What a filter runs over: the subject for account i (valid until the next call). */
export type Subjects = (index: number) => unknown

export class FilterViews {
  #known = newNode()
  #slim: Record<string | symbol, unknown>[] | null = null
  /** Primed fields, one column each (a value per account, undefined where absent). */
  #primed: { fields: string[]; columns: unknown[][]; proto: object } | null = null
  #shared: Map<string, string> | null = null

  /**
   * Keeps `fields` (top-level, single-valued) of each account by column as it is read (`prime`,
   * then `add` for every account in order, then `primed`), so filters reading only those never
   * walk a file whose accounts are not held. A column costs a slot per account, not an object.
   */
  prime(fields: readonly string[]): void {
    this.#setPrimed(
      [...fields],
      fields.map(() => []),
    )
    this.#shared = new Map()
  }

  add(account: unknown): void {
    const primed = this.#primed
    const shared = this.#shared
    if (!primed || !shared) throw new Error('FilterViews.add before prime')
    const record = isPlainObject(account) ? account : {}
    for (let f = 0; f < primed.fields.length; f++) {
      const key = primed.fields[f]
      let value = Object.hasOwn(record, key) ? record[key] : undefined
      if (typeof value === 'string' && value.length <= SHARED_TEXT) {
        const known = shared.get(value)
        if (known !== undefined) value = known
        else if (shared.size < MAX_SHARED) shared.set(value, value)
      }
      primed.columns[f].push(value)
    }
  }

  /** Every account is added: stop sharing texts. */
  primed(): void {
    this.#shared = null
  }

  /** The primed columns, to keep beside a file's index; null when nothing was primed. */
  saved(): SavedViews | null {
    return this.#primed && { fields: this.#primed.fields, columns: this.#primed.columns }
  }

  static restore(saved: SavedViews): FilterViews {
    const views = new FilterViews()
    views.#setPrimed(saved.fields, saved.columns)
    return views
  }

  #setPrimed(fields: string[], columns: unknown[][]): void {
    // One prototype whose getters read the columns at the account a copy stands for.
    const proto: Record<string, unknown> = Object.create(null)
    fields.forEach((field, f) =>
      Object.defineProperty(proto, field, {
        get(this: Record<symbol, number>) {
          return columns[f][this[AT]]
        },
        enumerable: true,
      }),
    )
    this.#primed = { fields, columns, proto }
    const todo = missing(
      this.#known,
      fields.map((field) => [field]),
    )
    if (todo) merge(this.#known, todo)
  }

  /**
   * What to run a filter reading `paths` over: the accounts themselves when they are held and the
   * paths are top-level, else slim copies covering those paths (made in one pass over the accounts,
   * which for a file whose accounts are not held reads the file, telling `watch` how far it is).
   * A walk stopped half-way leaves the copies as good as before: the next one copies those fields again.
   */
  get(accounts: Accounts, paths: readonly (readonly string[])[], watch?: ScanWatch): Subjects {
    if (Array.isArray(accounts) && isFlat(paths)) return (i) => (accounts as readonly unknown[])[i]
    const todo = missing(this.#known, paths)
    const primed = this.#primed
    if (!todo && primed && !this.#slim) {
      // Only primed fields: one reusable copy, pointed at each account in turn.
      const row = Object.create(primed.proto) as Record<symbol, number>
      return (i) => {
        row[AT] = i
        return row
      }
    }
    const slim = (this.#slim ??= Array.from({ length: accounts.length }, (_, i) => {
      if (!primed) return {}
      const copy = Object.create(primed.proto) as Record<string | symbol, unknown>
      copy[AT] = i
      return copy
    }))
    if (todo) {
      const plan = steps(todo)
      const visit = (account: unknown, i: number) => extend(slim[i], account, plan)
      if (Array.isArray(accounts)) accounts.forEach(visit)
      else accounts.forEach(visit, watch)
      merge(this.#known, todo)
    }
    return (i) => slim[i]
  }
}
