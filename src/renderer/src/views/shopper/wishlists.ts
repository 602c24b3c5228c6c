// The shopper's wishlists, each with what they saved: the same lines as a cart, plus the
// shopper's own comment and priority.
import type { KiboPage, Wishlist } from '../../../../shared/kibo360'
import { lineItem, type LineItem } from './lineItems'

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null)

export interface WishlistItemLine extends LineItem {
  comment: string | null
  priority: string | null
}

export interface WishlistBlock {
  key: string
  name: string
  typeTag: string | null
  privacy: string | null
  currencyCode: string | null
  updatedAt: string | null
  items: WishlistItemLine[]
  /** null when responseFields left the items out. */
  itemCount: number | null
}

export function wishlistBlock(wishlist: Wishlist, position: number): WishlistBlock {
  const items = Array.isArray(wishlist.items) ? wishlist.items : null
  return {
    key: text(wishlist.id) ?? `wishlist-${position}`,
    name: text(wishlist.name) ?? `Wishlist ${position + 1} (no name)`,
    typeTag: text(wishlist.typeTag),
    privacy: text(wishlist.privacyType),
    currencyCode: text(wishlist.currencyCode),
    updatedAt: text(wishlist.auditInfo?.updateDate) ?? text(wishlist.auditInfo?.createDate),
    items: (items ?? []).map((item, i) => ({
      ...lineItem(item, i),
      comment: text(item.comments),
      priority: text(item.priorityType),
    })),
    itemCount: items ? items.length : null,
  }
}

export function wishlistBlocks(page: KiboPage<Wishlist> | null | undefined): WishlistBlock[] {
  return (page?.items ?? []).map(wishlistBlock)
}
