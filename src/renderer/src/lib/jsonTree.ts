// A lazy model of a JSON tree for a virtualized viewer. It never flattens the whole document:
// it keeps a sparse tree of the *expanded* containers only, each caching how many rows its
// subtree shows, so any window of rows is found by descending the expanded nodes
// (O(depth · log expanded-siblings) per row), even with millions of visible rows. The node
// bookkeeping is in jsonTreeNodes.ts; search (jsonSearch.ts) works on the value, not the rows.

import { isContainer, valueAtPath, type JsonPath } from './jsonPaths'
import { childValue, indexOfKey, invalidate, locate, lowerBound, makeExpanded, refresh, type Expanded } from './jsonTreeNodes'

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null'

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

export const PREVIEW_LIMIT = 200
/** expandToDepth stops once this many rows would be visible, so a 50 MB file cannot exhaust memory. */
export const MAX_EXPANDED_ROWS = 5_000_000

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'array'
  switch (typeof value) {
    case 'object':
      return 'object'
    case 'string':
      return 'string'
    case 'number':
    case 'bigint':
      return 'number'
    case 'boolean':
      return 'boolean'
    default:
      return 'string'
  }
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
    refresh(this.root)
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
        const child = childValue(node, i)
        if (!isContainer(child)) continue
        const size = sizeOf(child)
        if (size === 0) continue
        if (rows + size > maxRows) {
          invalidate(node)
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
    invalidate(parent)
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
      refresh(node)
      const i = indexOfKey(node, path[d])
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
      refresh(node)
      const at = locate(node, rel)
      const key = node.isArray ? at.index : node.keys![at.index]
      path.push(key)
      if (at.inside === null) {
        return this.makeRow(childValue(node, at.index), key, path, path.length, at.child !== null, at.index + 1, node.size)
      }
      node = at.child!
      rel = at.inside
    }
  }

  // ---- internals ----

  private makeRow(
    value: unknown,
    key: string | number | null,
    path: JsonPath,
    depth: number,
    expanded: boolean,
    position: number,
    setSize: number,
  ): JsonRow {
    const expandable = isContainer(value) && sizeOf(value) > 0
    return { depth, key, path: path.slice(), kind: kindOf(value), preview: previewOf(value), expandable, expanded, position, setSize }
  }

  private findExpanded(path: JsonPath): Expanded | null {
    let node = this.root
    for (const seg of path) {
      if (!node) return null
      const i = indexOfKey(node, seg)
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
      const i = indexOfKey(node, path[d])
      if (i < 0) return null
      const j = lowerBound(node.childIdx, i)
      if (node.childIdx[j] === i) {
        node = node.children[j]
        continue
      }
      const child = childValue(node, i)
      if (!isContainer(child) || sizeOf(child) === 0) return null
      const exp = makeExpanded(child, node)
      node.childIdx.splice(j, 0, i)
      node.children.splice(j, 0, exp)
      invalidate(node)
      node = exp
    }
    return node
  }
}
