// The bookkeeping behind JsonTreeModel: a sparse tree of the *expanded* containers only, each
// caching how many rows its subtree shows, so the row arithmetic never walks collapsed parts
// of the document. Counts are refreshed lazily: a change marks the path to the root stale.

/** An expanded container. Children that are themselves expanded are listed by index, ascending. */
export interface Expanded {
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

export function makeExpanded(value: object, parent: Expanded | null): Expanded {
  const isArray = Array.isArray(value)
  const keys = isArray ? null : Object.keys(value)
  const size = isArray ? (value as unknown[]).length : keys!.length
  return { value, isArray, keys, keyIndex: null, size, parent, childIdx: [], children: [], before: [], count: size, dirty: false }
}

/** Index of the first element >= x in a sorted array. */
export function lowerBound(sorted: number[], x: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid] < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The value of the node's i-th member. */
export function childValue(node: Expanded, i: number): unknown {
  return node.isArray ? (node.value as unknown[])[i] : (node.value as Record<string, unknown>)[node.keys![i]]
}

/** The member index of a path segment, or -1 when the node has no such member. */
export function indexOfKey(node: Expanded, seg: string | number): number {
  if (node.isArray) return typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg < node.size ? seg : -1
  if (typeof seg !== 'string') return -1
  if (node.size < 32) return node.keys!.indexOf(seg)
  if (!node.keyIndex) node.keyIndex = new Map(node.keys!.map((k, i) => [k, i]))
  return node.keyIndex.get(seg) ?? -1
}

/** Which child of a (fresh) node holds relative row rel: the child row itself (inside = null) or a row within it. */
export function locate(node: Expanded, rel: number): { index: number; child: Expanded | null; inside: number | null } {
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

/** Marks node and its ancestors stale. A clean node only ever has clean descendants, so stop at the first stale one. */
export function invalidate(node: Expanded | null): void {
  while (node && !node.dirty) {
    node.dirty = true
    node = node.parent
  }
}

/** Recomputes stale counts bottom-up; iterative so deep documents cannot overflow the stack. */
export function refresh(top: Expanded): void {
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
