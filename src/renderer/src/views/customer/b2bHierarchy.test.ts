import { describe, expect, it } from 'vitest'
import { accountNames, findNode, hierarchyNode, pathTo } from './b2bHierarchy'

const tree = hierarchyNode({ id: 1, children: [{ id: 2, children: [{ id: 4 }, { id: 5 }] }, { id: 3, children: null }, 'junk'] })!

describe('b2b hierarchy', () => {
  it('reads the tree, skipping what is not a node', () => {
    expect(tree.children.map((c) => c.id)).toEqual([2, 3])
    expect(hierarchyNode({ children: [] })).toBeNull()
  })
  it('finds the chain of parents down to an account and its children', () => {
    expect(pathTo(tree, 5)).toEqual([1, 2, 5])
    expect(pathTo(tree, 9)).toBeNull()
    expect(findNode(tree, 2)?.children.map((c) => c.id)).toEqual([4, 5])
  })
  it('names accounts by company, falling back to the id', () => {
    const names = accountNames([{ id: 1, companyOrOrganization: 'Acme' }, { id: 2 }, null])
    expect(names.get(1)).toBe('Acme')
    expect(names.get(2)).toBe('Account 2')
  })
})
