// The responseFields of a section: written against one item, sent with Kibo's envelope around it,
// and the same narrowing applied to what a bundle shows.
import { describe, expect, it } from 'vitest'
import { BUNDLE_KIND, isBundle, narrowSection, sectionEnvelope, sectionResponseFields } from './customer360'
import { ResponseFieldsSyntaxError } from './responseFields'

describe('sectionResponseFields', () => {
  it('wraps a paged section in the page envelope, the cards in totalCount,items', () => {
    for (const section of ['auditLog', 'visits', 'orders', 'wishlists', 'credits'] as const)
      expect(sectionResponseFields(section, 'id, name(first)')).toBe('startIndex,pageSize,pageCount,totalCount,items(id,name(first))')
    expect(sectionResponseFields('cards', 'cardType')).toBe('totalCount,items(cardType)')
  })
  it('leaves an object section (and one credit read by its code) as written', () => {
    for (const section of ['loginState', 'transactions', 'purchaseOrder', 'b2b', 'cart', 'order'] as const) {
      expect(sectionEnvelope(section)).toBeNull()
      expect(sectionResponseFields(section, 'a,b(c)')).toBe('a,b(c)')
    }
    expect(sectionResponseFields('credits', 'currentBalance', { key: 'GC-1' })).toBe('currentBalance')
    expect(sectionResponseFields('credits', 'currentBalance', { key: null })).toBe(
      'startIndex,pageSize,pageCount,totalCount,items(currentBalance)',
    )
    expect(sectionEnvelope('credits')).toEqual(['startIndex', 'pageSize', 'pageCount', 'totalCount'])
    expect(sectionEnvelope('credits', 'GC-1')).toBeNull()
    expect(sectionEnvelope('cards', 'x')).toEqual(['totalCount'])
    // A key changes only the credits' envelope.
    for (const section of ['auditLog', 'visits', 'orders', 'wishlists'] as const)
      expect(sectionEnvelope(section, 'k')).toEqual(['startIndex', 'pageSize', 'pageCount', 'totalCount'])
  })
  it('adds the fields the app needs to the item, once', () => {
    expect(sectionResponseFields('orders', 'id', { also: ['customerAccountId'] })).toBe(
      'startIndex,pageSize,pageCount,totalCount,items(id,customerAccountId)',
    )
    expect(sectionResponseFields('order', 'customerAccountId', { also: ['customerAccountId'] })).toBe('customerAccountId')
  })
  it('sends nothing for an empty expression and refuses one that does not parse', () => {
    expect(sectionResponseFields('orders', undefined, { also: ['customerAccountId'] })).toBeUndefined()
    expect(sectionResponseFields('orders', '   ')).toBeUndefined()
    expect(() => sectionResponseFields('orders', 'id(')).toThrow(ResponseFieldsSyntaxError)
  })
})

describe('narrowSection', () => {
  const page = {
    startIndex: 0,
    pageSize: 2,
    pageCount: 1,
    totalCount: 2,
    items: [
      { id: 1, x: 1 },
      { id: 2, x: 2 },
    ],
  }
  it('narrows the items of a page and keeps its envelope', () => {
    expect(narrowSection('auditLog', page, 'id')).toEqual({ ...page, items: [{ id: 1 }, { id: 2 }] })
    expect(narrowSection('cards', { totalCount: 1, items: [{ id: 'c', cardType: 'VISA' }] }, 'cardType')).toEqual({
      totalCount: 1,
      items: [{ cardType: 'VISA' }],
    })
  })
  it('narrows only the part of a composite section that its first call answered', () => {
    const po = { account: { id: 1, creditLimit: 5 }, transactions: page, problems: [] }
    expect(narrowSection('purchaseOrder', po, 'creditLimit')).toEqual({ ...po, account: { creditLimit: 5 } })
    const credits = { credits: page, details: { a: 1 }, problems: [] }
    expect(narrowSection('credits', credits, 'x')).toEqual({ ...credits, credits: { ...page, items: [{ x: 1 }, { x: 2 }] } })
    expect(narrowSection('cart', { cart: { id: 'k', total: 3 }, summary: { total: 3 } }, 'total')).toEqual({
      cart: { total: 3 },
      summary: { total: 3 },
    })
    expect(narrowSection('b2b', { account: null, hierarchy: null }, 'id')).toEqual({ account: null, hierarchy: null })
  })
  it('leaves the data as is without an expression', () => {
    expect(narrowSection('orders', page, '')).toBe(page)
    expect(narrowSection('cart', page, undefined)).toBe(page)
  })
  it('leaves a composite section as is when it is not an object or lacks the part', () => {
    const callable = Object.assign(() => undefined, { cart: { total: 1, id: 'k' } })
    for (const data of [null, [{ cart: { total: 1 } }], 'cart', 3, callable]) expect(narrowSection('cart', data, 'total')).toBe(data)
    for (const data of [{ cart: null, x: 1 }, { summary: { total: 3 } }]) expect(narrowSection('cart', data, 'total')).toBe(data)
    // A section without parts is narrowed whole.
    expect(narrowSection('loginState', { isLocked: true, emailAddress: 'a' }, 'isLocked')).toEqual({ isLocked: true })
  })
})

describe('isBundle', () => {
  it('tells a bundle by its kind alone', () => {
    expect(isBundle({ kind: BUNDLE_KIND })).toBe(true)
    expect(isBundle({ kind: 'account', id: 1 })).toBe(false)
    expect(isBundle({ id: 1 })).toBe(false)
    expect(isBundle(null)).toBe(false)
    expect(isBundle(BUNDLE_KIND)).toBe(false)
    // Only a plain value read from a file: not a function that happens to carry the kind.
    expect(isBundle(Object.assign(() => undefined, { kind: BUNDLE_KIND }))).toBe(false)
  })
})
