// A B2B account's place in its hierarchy, from Kibo's B2BAccountHierarchyResult: the chain of
// parents from the root down to it, and its children.
import { isObject } from './shapes'

export interface HierarchyNode {
  id: number
  children: HierarchyNode[]
}

export function hierarchyNode(value: unknown, depth = 0): HierarchyNode | null {
  if (!isObject(value) || typeof value.id !== 'number' || depth > 64) return null
  const children = Array.isArray(value.children) ? value.children.map((c) => hierarchyNode(c, depth + 1)).filter((c) => c !== null) : []
  return { id: value.id, children }
}

/** The ids from the root to `id` (both included), or null when `id` is not in the tree. */
export function pathTo(root: HierarchyNode, id: number): number[] | null {
  if (root.id === id) return [root.id]
  for (const child of root.children) {
    const rest = pathTo(child, id)
    if (rest) return [root.id, ...rest]
  }
  return null
}

export function findNode(root: HierarchyNode, id: number): HierarchyNode | null {
  if (root.id === id) return root
  for (const child of root.children) {
    const found = findNode(child, id)
    if (found) return found
  }
  return null
}

/** Names of the accounts the hierarchy answer lists, by id. */
export function accountNames(accounts: unknown): Map<number, string> {
  const names = new Map<number, string>()
  if (!Array.isArray(accounts)) return names
  for (const a of accounts) {
    if (!isObject(a) || typeof a.id !== 'number') continue
    const name = [a.companyOrOrganization, a.taxId].find((x) => typeof x === 'string' && x !== '') as string | undefined
    names.set(a.id, name ?? `Account ${a.id}`)
  }
  return names
}
