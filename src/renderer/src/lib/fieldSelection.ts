// The checkbox side of the responseFields builder: a selection is a list of paths, each meaning
// "this field and everything inside it". Parsing and printing belong to shared/responseFields.

import type { FieldSpec } from '../../../shared/kiboFields'
import { findFieldSpec, printResponseFields, selectionFromPaths, type ResponseFieldsProblem } from '../../../shared/responseFields'

export type CheckState = 'all' | 'some' | 'none'
export type FieldPath = readonly string[]

/** Schema trees can nest shared lists; this bounds any walk over them. */
export const MAX_FIELD_DEPTH = 12

export const pathKey = (path: FieldPath): string => path.join('.')

interface Trie {
  whole: boolean
  children: Map<string, Trie>
}

/** An index of selected paths for repeated checkState lookups. */
export function selectionIndex(paths: readonly FieldPath[]): Trie {
  const root: Trie = { whole: false, children: new Map() }
  for (const path of paths) {
    let node = root
    for (const name of path) {
      let next = node.children.get(name)
      if (!next) node.children.set(name, (next = { whole: false, children: new Map() }))
      node = next
    }
    node.whole = true
  }
  return root
}

/** 'all' when the path or an ancestor is selected whole, 'some' when something inside is selected. */
export function checkState(index: Trie, path: FieldPath): CheckState {
  let node: Trie | undefined = index
  for (const name of path) {
    node = node.children.get(name)
    if (!node) return 'none'
    if (node.whole) return 'all'
  }
  return node.children.size > 0 ? 'some' : 'none'
}

const isWithin = (path: FieldPath, prefix: FieldPath): boolean =>
  path.length >= prefix.length && prefix.every((name, i) => path[i] === name)

/** Selects path whole (dropping selections inside it, which it now covers). */
export function checkPath(paths: readonly FieldPath[], path: FieldPath): string[][] {
  if (checkState(selectionIndex(paths), path) === 'all') return paths.map((p) => [...p])
  return [...paths.filter((p) => !isWithin(p, path)).map((p) => [...p]), [...path]]
}

/**
 * Deselects path. When it was covered by a whole ancestor, the ancestor is replaced by its other
 * fields, level by level down to path, so only path goes. Returns paths unchanged if the schema
 * does not list the ancestor's fields (nothing to replace it with).
 */
export function uncheckPath(paths: readonly FieldPath[], path: FieldPath, fields: readonly FieldSpec[]): string[][] {
  const ancestor = paths.find((p) => p.length < path.length && isWithin(path, p))
  if (!ancestor) return paths.filter((p) => !isWithin(p, path)).map((p) => [...p])
  const replacement: string[][] = []
  for (let d = ancestor.length; d < path.length; d++) {
    const parent = findFieldSpec(fields, path.slice(0, d))
    if (!parent?.children) return paths.map((p) => [...p])
    for (const sibling of parent.children) {
      if (sibling.name !== path[d]) replacement.push([...path.slice(0, d), sibling.name])
    }
  }
  const at = paths.indexOf(ancestor)
  const kept = paths.map((p) => [...p])
  kept.splice(at, 1, ...replacement)
  return kept
}

/** Checking an unchecked or partly checked field selects it whole; checking a checked one clears it. */
export function toggleField(paths: readonly FieldPath[], path: FieldPath, fields: readonly FieldSpec[]): string[][] {
  return checkState(selectionIndex(paths), path) === 'all' ? uncheckPath(paths, path, fields) : checkPath(paths, path)
}

/** Paths in schema order (unknown names last, in their given order), so the text reads like the schema. */
export function sortPaths(paths: readonly FieldPath[], fields: readonly FieldSpec[]): string[][] {
  const rank = (path: FieldPath): number[] => {
    const out: number[] = []
    let level: readonly FieldSpec[] | undefined = fields
    for (const name of path) {
      const i: number = level?.findIndex((spec) => spec.name === name) ?? -1
      out.push(i < 0 ? Number.MAX_SAFE_INTEGER : i)
      level = i < 0 ? undefined : level![i].children
    }
    return out
  }
  const ranked = paths.map((path, order) => ({ path: [...path], r: rank(path), order }))
  ranked.sort((a, b) => {
    for (let i = 0; i < Math.min(a.r.length, b.r.length); i++) {
      if (a.r[i] !== b.r[i]) return a.r[i] - b.r[i]
      if (a.r[i] === Number.MAX_SAFE_INTEGER && a.path[i] !== b.path[i]) return a.order - b.order
    }
    return a.r.length - b.r.length || a.order - b.order
  })
  return ranked.map((x) => x.path)
}

/** The canonical expression for a set of paths. */
export function textFromPaths(paths: readonly FieldPath[], fields: readonly FieldSpec[]): string {
  return printResponseFields(selectionFromPaths(sortPaths(paths, fields)))
}

/**
 * Which schema nodes to show for a name filter: the matches, their ancestors (so they can be
 * reached) and their descendants are visible; ancestors are also listed to be shown expanded.
 */
export function filterFields(fields: readonly FieldSpec[], query: string): { visible: Set<string>; open: Set<string>; matches: number } {
  const needle = query.trim().toLowerCase()
  const visible = new Set<string>()
  const open = new Set<string>()
  let matches = 0
  const walk = (level: readonly FieldSpec[], prefix: string[], inMatch: boolean): boolean => {
    let any = false
    if (prefix.length >= MAX_FIELD_DEPTH) return false
    for (const spec of level) {
      const path = [...prefix, spec.name]
      const hit = spec.name.toLowerCase().includes(needle)
      if (hit) matches++
      const below = spec.children ? walk(spec.children, path, inMatch || hit) : false
      if (hit || below || inMatch) {
        visible.add(pathKey(path))
        any = true
      }
      if (below) open.add(pathKey(path))
    }
    return any
  }
  if (needle !== '') walk(fields, [], false)
  return { visible, open, matches }
}

/** The text around a problem, split so the bad span can be marked; long text is cut to a window. */
export function problemContext(
  text: string,
  problem: Pick<ResponseFieldsProblem, 'position' | 'length'>,
  radius = 40,
): { before: string; bad: string; after: string } {
  const start = Math.max(0, Math.min(problem.position, text.length))
  const end = Math.min(text.length, start + Math.max(0, problem.length))
  const from = Math.max(0, start - radius)
  const to = Math.min(text.length, end + radius)
  return {
    before: (from > 0 ? '…' : '') + text.slice(from, start),
    bad: text.slice(start, end),
    after: text.slice(end, to) + (to < text.length ? '…' : ''),
  }
}

/** The text with the problem's span replaced by its suggestion. */
export function applySuggestion(text: string, problem: ResponseFieldsProblem): string {
  if (problem.suggestion === undefined) return text
  return text.slice(0, problem.position) + problem.suggestion + text.slice(problem.position + problem.length)
}
