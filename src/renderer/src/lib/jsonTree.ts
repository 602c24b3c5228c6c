// A lazy model of a JSON tree for a virtualized viewer. It never flattens the whole document:
// it keeps a sparse tree of the *expanded* containers only, each caching how many rows its
// subtree shows, so any window of rows is found by descending the expanded nodes
// (O(depth · log expanded-siblings) per row), even with millions of visible rows.

import { responseFieldsForPath as fieldsForNames } from '../../../shared/responseFields'

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'
export type JsonPath = (string | number)[]

export interface JsonRow {
  /** 0 for the root row. */
  depth: number
  /** Object key, array index, or null for the root. */
  key: string | number | null
  path: JsonPath
  kind: JsonKind
  /** Scalars: the value as JSON (strings quoted, truncated). Containers: "{12 keys}" / "[3 items]". */
  preview: string
  expandable: boolean
  expanded: boolean
  /** 1-based position among its siblings and their count (for aria-posinset / aria-setsize). */
  position: number
  setSize: number
}

export interface SearchOptions {
  keys: boolean
  values: boolean
}

export interface SearchResult {
  matches: JsonPath[]
  /** True when the search stopped at the match limit; more matches exist. */
  truncated: boolean
}

export const PREVIEW_LIMIT = 200
export const MAX_MATCHES = 10_000
/** expandToDepth stops once this many rows would be visible, so a 50 MB file cannot exhaust memory. */
export const MAX_EXPANDED_ROWS = 5_000_000

/** An expanded container. Children that are themselves expanded are listed by index, ascending. */
interface Expanded {
  value: object
  isArray: boolean
  keys: string[] | null
  keyIndex: Map<string, number> | null
  size: number
  parent: Expanded | null
  childIdx: number[]
  children: Expanded[]
  /** before[j] = rows shown by children[0..j-1]'s subtrees (valid when !dirty). */
  before: number[]
  /** Rows shown below this node (its children plus expanded grandchildren...), valid when !dirty. */
  count: number
  dirty: boolean
}

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'object': return 'object'
    case 'string': return 'string'
    case 'number': case 'bigint': return 'number'
    case 'boolean': return 'boolean'
    default: return 'string'
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

function sizeOf(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

export function previewOf(value: unknown): string {
  if (Array.isArray(value)) return `[${plural(value.length, 'item', 'items')}]`
  if (isContainer(value)) return `{${plural(sizeOf(value), 'key', 'keys')}}`
  if (typeof value === 'string') {
    return value.length > PREVIEW_LIMIT ? JSON.stringify(value.slice(0, PREVIEW_LIMIT)).slice(0, -1) + '…"' : JSON.stringify(value)
  }
  if (value === undefined) return 'undefined'
  return String(value)
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `customerAccount.contacts[0].address.cityOrTown`; odd keys quoted: `a["b c"]`. */
export function pathToString(path: JsonPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

/** The responseFields expression selecting this path; arrays are transparent so indexes drop out. */
export function responseFieldsForPath(path: JsonPath): string {
  return fieldsForNames(path.filter((seg): seg is string => typeof seg === 'string'))
}

/** The value at a path, or undefined when the path does not exist. */
export function valueAtPath(root: unknown, path: JsonPath): unknown {
  let node: unknown = root
  for (const seg of path) {
    if (!isContainer(node)) return undefined
    if (Array.isArray(node)) {
      if (typeof seg !== 'number') return undefined
      node = node[seg]
    } else {
      if (typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined
      node = (node as Record<string, unknown>)[seg]
    }
  }
  return node
}

/** Index of the first element >= x in a sorted array. */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

function makeExpanded(value: object, parent: Expanded | null): Expanded {
  const isArray = Array.isArray(value)
  const keys = isArray ? null : Object.keys(value)
  const size = isArray ? (value as unknown[]).length : keys!.length
  return { value, isArray, keys, keyIndex: null, size, parent, childIdx: [], children: [], before: [], count: size, dirty: false }
}

export class JsonTreeModel {
  readonly value: unknown
  private root: Expanded | null = null

  constructor(value: unknown) {
    this.value = value
    this.collapseAll()
  }

  /** Number of visible rows, the root row included. */
  get rowCount(): number {
    if (!this.root) return 1
    this.refresh(this.root)
    return 1 + this.root.count
  }

  /** Collapses everything except the root, so the top-level members stay visible. */
  collapseAll(): void {
    this.root = isContainer(this.value) && sizeOf(this.value) > 0 ? makeExpanded(this.value, null) : null
  }

  /** Expands every container above depth n (the root is depth 0), breadth first, up to a row budget. */
  expandToDepth(n: number, maxRows = MAX_EXPANDED_ROWS): { complete: boolean } {
    this.collapseAll()
    if (!this.root || n < 1) {
      if (n < 1) this.root = null
      return { complete: true }
    }
    let rows = 1 + this.root.size
    const queue: { node: Expanded; depth: number }[] = [{ node: this.root, depth: 0 }]
    for (let head = 0; head < queue.length; head++) {
      const { node, depth } = queue[head]
      if (depth + 1 >= n) continue
      for (let i = 0; i < node.size; i++) {
        const child = this.childValue(node, i)
        if (!isContainer(child)) continue
        const size = sizeOf(child)
        if (size === 0) continue
        if (rows + size > maxRows) {
          this.invalidate(node)
          return { complete: false }
        }
        const exp = makeExpanded(child, node)
        node.childIdx.push(i)
        node.children.push(exp)
        rows += size
        queue.push({ node: exp, depth: depth + 1 })
      }
      node.dirty = true
    }
    return { complete: true }
  }

  isExpanded(path: JsonPath): boolean {
    return this.findExpanded(path) !== null
  }

  /** Expands or collapses the container at path; returns whether it is now expanded. */
  toggle(path: JsonPath): boolean {
    if (this.isExpanded(path)) {
      this.collapse(path)
      return false
    }
    return this.expand(path)
  }

  /** Expands the container at path and all its ancestors. False if path is not a non-empty container. */
  expand(path: JsonPath): boolean {
    const target = valueAtPath(this.value, path)
    if (!isContainer(target) || sizeOf(target) === 0) return false
    return this.expandChain(path, path.length) !== null
  }

  collapse(path: JsonPath): void {
    const node = this.findExpanded(path)
    if (!node) return
    if (!node.parent) {
      this.root = null
      return
    }
    const parent = node.parent
    const j = parent.children.indexOf(node)
    parent.childIdx.splice(j, 1)
    parent.children.splice(j, 1)
    this.invalidate(parent)
  }

  /** Expands the ancestors of path and returns its row index, or -1 if the path does not exist. */
  reveal(path: JsonPath): number {
    if (valueAtPath(this.value, path) === undefined) return -1
    if (path.length > 0 && this.expandChain(path, path.length - 1) === null) return -1
    return this.rowIndexOf(path)
  }

  /** Row index of a path, or -1 when it does not exist or an ancestor is collapsed. */
  rowIndexOf(path: JsonPath): number {
    let index = 0
    let node = this.root
    for (let d = 0; d < path.length; d++) {
      if (!node) return -1
      this.refresh(node)
      const i = this.indexOfKey(node, path[d])
      if (i < 0) return -1
      const j = lowerBound(node.childIdx, i)
      const rowsBefore = j < node.children.length ? node.before[j] : node.count - node.size
      index += 1 + i + rowsBefore
      node = j < node.childIdx.length && node.childIdx[j] === i ? node.children[j] : null
    }
    return index
  }

  /** The rows [start, start+count) clipped to the visible range. */
  rowsAt(start: number, count: number): JsonRow[] {
    const total = this.rowCount
    const end = Math.min(total, Math.max(0, start + count))
    const rows: JsonRow[] = []
    for (let r = Math.max(0, start); r < end; r++) rows.push(this.rowAt(r))
    return rows
  }

  rowAt(r: number): JsonRow {
    if (r === 0) return this.makeRow(this.value, null, [], 0, !!this.root, 1, 1)
    let node = this.root!
    let rel = r - 1
    const path: JsonPath = []
    for (;;) {
      this.refresh(node)
      const at = this.locate(node, rel)
      const key = node.isArray ? at.index : node.keys![at.index]
      path.push(key)
      if (at.inside === null) {
        return this.makeRow(this.childValue(node, at.index), key, path, path.length, at.child !== null, at.index + 1, node.size)
      }
      node = at.child!
      rel = at.inside
    }
  }

  /** Runs a search without blocking: works in slices of ~sliceMs, yielding to the event loop between them. */
  async search(
    query: string,
    options: SearchOptions,
    control: { signal?: AbortSignal; sliceMs?: number; maxMatches?: number } = {},
  ): Promise<SearchResult> {
    const steps = searchSteps(this.value, query, options, control.maxMatches ?? MAX_MATCHES)
    const sliceMs = control.sliceMs ?? 8
    for (;;) {
      control.signal?.throwIfAborted()
      const started = performance.now()
      let step = steps.next()
      while (!step.done && performance.now() - started < sliceMs) step = steps.next()
      if (step.done) return step.value
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
  }

  // ---- internals ----

  /** Which child of node holds relative row rel: the child row itself (inside = null) or a row within it. */
  private locate(node: Expanded, rel: number): { index: number; child: Expanded | null; inside: number | null } {
    // Last expanded child whose row is at or before rel.
    let lo = 0
    let hi = node.childIdx.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (node.childIdx[mid] + node.before[mid] <= rel) lo = mid + 1
      else hi = mid
    }
    const j = lo - 1
    if (j < 0) return { index: rel, child: null, inside: null }
    const pos = node.childIdx[j] + node.before[j]
    const child = node.children[j]
    if (rel === pos) return { index: node.childIdx[j], child, inside: null }
    if (rel <= pos + child.count) return { index: node.childIdx[j], child, inside: rel - pos - 1 }
    return { index: node.childIdx[j] + (rel - pos - child.count), child: null, inside: null }
  }

  private makeRow(value: unknown, key: string | number | null, path: JsonPath, depth: number, expanded: boolean, position: number, setSize: number): JsonRow {
    const expandable = isContainer(value) && sizeOf(value) > 0
    return { depth, key, path: path.slice(), kind: kindOf(value), preview: previewOf(value), expandable, expanded, position, setSize }
  }

  private childValue(node: Expanded, i: number): unknown {
    return node.isArray ? (node.value as unknown[])[i] : (node.value as Record<string, unknown>)[node.keys![i]]
  }

  private indexOfKey(node: Expanded, seg: string | number): number {
    if (node.isArray) return typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg < node.size ? seg : -1
    if (typeof seg !== 'string') return -1
    if (node.size < 32) return node.keys!.indexOf(seg)
    if (!node.keyIndex) node.keyIndex = new Map(node.keys!.map((k, i) => [k, i]))
    return node.keyIndex.get(seg) ?? -1
  }

  private findExpanded(path: JsonPath): Expanded | null {
    let node = this.root
    for (const seg of path) {
      if (!node) return null
      const i = this.indexOfKey(node, seg)
      const j = lowerBound(node.childIdx, i)
      node = i >= 0 && node.childIdx[j] === i ? node.children[j] : null
    }
    return node
  }

  /** Expands path[0..len) (each must be a non-empty container); returns the deepest node. */
  private expandChain(path: JsonPath, len: number): Expanded | null {
    if (!this.root) {
      if (!isContainer(this.value) || sizeOf(this.value) === 0) return null
      this.root = makeExpanded(this.value, null)
    }
    let node = this.root
    for (let d = 0; d < len; d++) {
      const i = this.indexOfKey(node, path[d])
      if (i < 0) return null
      const j = lowerBound(node.childIdx, i)
      if (node.childIdx[j] === i) {
        node = node.children[j]
        continue
      }
      const child = this.childValue(node, i)
      if (!isContainer(child) || sizeOf(child) === 0) return null
      const exp = makeExpanded(child, node)
      node.childIdx.splice(j, 0, i)
      node.children.splice(j, 0, exp)
      this.invalidate(node)
      node = exp
    }
    return node
  }

  /** Marks node and its ancestors stale. A clean node only ever has clean descendants, so stop at the first stale one. */
  private invalidate(node: Expanded | null): void {
    while (node && !node.dirty) {
      node.dirty = true
      node = node.parent
    }
  }

  /** Recomputes stale counts bottom-up; iterative so deep documents cannot overflow the stack. */
  private refresh(top: Expanded): void {
    if (!top.dirty) return
    const stack: { node: Expanded; next: number }[] = [{ node: top, next: 0 }]
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]
      const { node } = frame
      while (frame.next < node.children.length && !node.children[frame.next].dirty) frame.next++
      if (frame.next < node.children.length) {
        stack.push({ node: node.children[frame.next], next: 0 })
        continue
      }
      stack.pop()
      const before = new Array<number>(node.children.length)
      let sum = 0
      for (let j = 0; j < node.children.length; j++) {
        before[j] = sum
        sum += node.children[j].count
      }
      node.before = before
      node.count = node.size + sum
      node.dirty = false
    }
  }
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : String(value)
}

/**
 * Depth-first, document-order search as a generator that yields every few hundred nodes so a
 * caller can share the thread. Matches are the paths whose key (keys) or scalar value (values)
 * contains the query, case-insensitively.
 */
export function* searchSteps(root: unknown, query: string, options: SearchOptions, maxMatches = MAX_MATCHES): Generator<void, SearchResult> {
  const needle = query.toLowerCase()
  const matches: JsonPath[] = []
  if (needle === '' || (!options.keys && !options.values)) return { matches, truncated: false }
  const path: JsonPath = []
  const hit = (key: string | number | null, value: unknown): boolean =>
    (options.keys && typeof key === 'string' && key.toLowerCase().includes(needle)) ||
    (options.values && !isContainer(value) && scalarText(value).toLowerCase().includes(needle))

  if (hit(null, root)) matches.push([])
  if (!isContainer(root)) return { matches, truncated: false }
  type Frame = { value: object; keys: string[] | null; i: number; size: number }
  const frameOf = (value: object): Frame => {
    const keys = Array.isArray(value) ? null : Object.keys(value)
    return { value, keys, i: 0, size: keys ? keys.length : (value as unknown[]).length }
  }
  const stack: Frame[] = [frameOf(root)]
  let budget = 256
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.i >= frame.size) {
      stack.pop()
      path.pop()
      continue
    }
    const i = frame.i++
    const key = frame.keys ? frame.keys[i] : i
    const value = frame.keys ? (frame.value as Record<string, unknown>)[frame.keys[i]] : (frame.value as unknown[])[i]
    path.push(key)
    if (hit(key, value)) {
      matches.push(path.slice())
      if (matches.length >= maxMatches) return { matches, truncated: true }
    }
    if (isContainer(value)) stack.push(frameOf(value))
    else path.pop()
    if (--budget === 0) {
      budget = 256
      yield
    }
  }
  return { matches, truncated: false }
}
