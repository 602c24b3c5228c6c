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

export class FilterViews {
  #known = newNode()
  #slim: Record<string, unknown>[] | null = null
  #priming: { plan: Step[]; shared: Map<string, string> } | null = null

  /**
   * Copies `fields` (top-level) of each account as it is read (`prime`, then `add` for every
   * account in order), so filters reading only those never walk a file whose accounts are not held.
   */
  prime(fields: readonly string[]): void {
    const todo =
      missing(
        this.#known,
        fields.map((field) => [field]),
      ) ?? newNode()
    this.#priming = { plan: steps(todo), shared: new Map() }
    this.#slim = []
    merge(this.#known, todo)
  }

  add(account: unknown): void {
    const priming = this.#priming
    if (!priming || !this.#slim) throw new Error('FilterViews.add before prime')
    const slim: Record<string, unknown> = {}
    extend(slim, account, priming.plan)
    for (const key in slim) {
      const value = slim[key]
      if (typeof value !== 'string' || value.length > SHARED_TEXT) continue
      const known = priming.shared.get(value)
      if (known !== undefined) slim[key] = known
      else if (priming.shared.size < MAX_SHARED) priming.shared.set(value, value)
    }
    this.#slim.push(slim)
  }

  /** The accounts are all added: stop sharing texts. */
  primed(): void {
    this.#priming = null
  }

  /** The slim copies, to keep beside a file's index (indexFile.ts), and to restore them. */
  saved(): { known: PathNode; slim: Record<string, unknown>[] | null } {
    return { known: this.#known, slim: this.#slim }
  }

  static restore(saved: { known: PathNode; slim: Record<string, unknown>[] | null }): FilterViews {
    const views = new FilterViews()
    views.#known = saved.known
    views.#slim = saved.slim
    return views
  }

  /**
   * What to run a filter reading `paths` over: the accounts themselves when they are held and the
   * paths are top-level, else slim copies covering those paths (made in one pass over the accounts,
   * which for a file whose accounts are not held reads the file, telling `watch` how far it is).
   * A walk stopped half-way leaves the copies as good as before: the next one copies those fields again.
   */
  get(accounts: Accounts, paths: readonly (readonly string[])[], watch?: ScanWatch): readonly unknown[] {
    if (Array.isArray(accounts) && isFlat(paths)) return accounts as readonly unknown[]
    const slim = (this.#slim ??= Array.from({ length: accounts.length }, () => ({})))
    const todo = missing(this.#known, paths)
    if (todo) {
      const plan = steps(todo)
      const visit = (account: unknown, i: number) => extend(slim[i], account, plan)
      if (Array.isArray(accounts)) accounts.forEach(visit)
      else accounts.forEach(visit, watch)
      merge(this.#known, todo)
    }
    return slim
  }
}
