import { describe, expect, it } from 'vitest'
import { wishlistBlocks } from './wishlists'

describe('wishlists', () => {
  it('reads each wishlist with its items, comments and priority', () => {
    const [list] = wishlistBlocks({
      items: [
        {
          id: 'w1',
          name: 'Birthday',
          privacyType: 'Private',
          auditInfo: { updateDate: '2026-01-02T00:00:00Z' },
          items: [{ id: 'x', quantity: 1, product: { productCode: 'MUG', name: 'Mug' }, comments: 'blue one', priorityType: 'High' }],
        },
      ],
    })
    expect(list).toMatchObject({ key: 'w1', name: 'Birthday', privacy: 'Private', updatedAt: '2026-01-02T00:00:00Z', itemCount: 1 })
    expect(list.items[0]).toMatchObject({ productCode: 'MUG', name: 'Mug', comment: 'blue one', priority: 'High' })
  })

  it('names an unnamed list by position and tells "items left out" from "no items"', () => {
    const blocks = wishlistBlocks({ items: [{}, { items: [] }] })
    expect(blocks.map((b) => [b.key, b.name, b.itemCount])).toEqual([
      ['wishlist-0', 'Wishlist 1 (no name)', null],
      ['wishlist-1', 'Wishlist 2 (no name)', 0],
    ])
    expect(wishlistBlocks(null)).toEqual([])
  })
})
