// Bridges between a selection and the checkbox tree in the UI, where each checked box is a path
// like ['customerAccount', 'contacts', 'address', 'cityOrTown'] meaning that whole subtree.

import { parseResponseFields } from './parse'
import { printResponseFields } from './print'
import type { FieldNode } from './types'

interface Trie {
  whole: boolean
  children: Map<string, Trie>
}

function toNodes(trie: Trie): FieldNode[] {
  return [...trie.children].map(([name, sub]) => ({
    name,
    children: sub.whole ? null : toNodes(sub),
    start: 0,
    end: 0,
  }))
}

/**
 * The selection covering every path (first-seen order). A path that is a prefix of another wins
 * (it already keeps the whole subtree); an empty path means everything, i.e. no selection ([]).
 * Positions are those of the canonical text. Throws on a name that is not a valid field name.
 */
export function selectionFromPaths(paths: readonly (readonly string[])[]): FieldNode[] {
  const root: Trie = { whole: false, children: new Map() }
  for (const path of paths) {
    if (path.length === 0) return []
    let node = root
    for (const name of path) {
      if (node.whole) break
      let next = node.children.get(name)
      if (!next) {
        next = { whole: false, children: new Map() }
        node.children.set(name, next)
      }
      node = next
    }
    if (!node.whole) {
      node.whole = true
      node.children.clear()
    }
  }
  const text = printResponseFields(toNodes(root))
  const parsed = parseResponseFields(text)
  if (!parsed.ok) throw new Error(`Not a valid field path: ${parsed.error.message}`)
  return parsed.fields
}

/** Every selected leaf as a path: a bare name is one path covering its whole subtree. */
export function pathsFromSelection(fields: readonly FieldNode[]): string[][] {
  const paths: string[][] = []
  const walk = (nodes: readonly FieldNode[], prefix: string[]): void => {
    for (const node of nodes) {
      const path = [...prefix, node.name]
      if (node.children === null) paths.push(path)
      else walk(node.children, path)
    }
  }
  walk(fields, [])
  return paths
}

/** ['customerAccount', 'contacts', 'email'] → 'customerAccount(contacts(email))'; [] → ''. */
export function responseFieldsForPath(path: readonly string[]): string {
  return path.reduceRight((inner, name) => (inner === '' ? name : `${name}(${inner})`), '')
}
