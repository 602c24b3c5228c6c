// Comparing two bundles of a customer: the sentences of each section, the headline and the
// warnings, pinned to their words and to when each one is (or is not) said.
import { describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type BundledSection, type CustomerBundle, type SectionId } from '../../shared/customer360'
import { compareBundles, when } from './compare'

const tenant = 't100001-s100002 demo'
const at = '2026-12-01T09:30:00.000Z'
const later = '2026-12-03T12:00:00.000Z'
const account = { id: 1001, firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com', userName: 'ada' }

const ok = (data: unknown, readAt = at): BundledSection => ({ readAt, tenant, data })
const failed = (message: string): BundledSection => ({ readAt: at, tenant, error: { kind: 'forbidden', message } })

function bundle(
  sections: Partial<Record<SectionId, BundledSection>>,
  extra: Partial<CustomerBundle> = {},
  exportedAt = at,
): CustomerBundle {
  return { kind: BUNDLE_KIND, version: 1, exportedAt, tenant, account, sections, redacted: false, ...extra }
}

/** The comparison of one section whose data goes from `before` to `after`. */
function section(id: SectionId, before: unknown, after: unknown) {
  const result = compareBundles(bundle({ [id]: ok(before) }), bundle({ [id]: ok(after) }, {}, later))
  const found = result.sections.find((s) => s.section === id)
  if (!found) throw new Error(`no ${id} section`)
  return found
}
const say = (id: SectionId, before: unknown, after: unknown) => section(id, before, after).sentences

describe('when', () => {
  it('writes a time the same for everyone, in UTC', () => {
    expect(when('2026-12-01T09:30:00Z')).toBe('Tue, 1 Dec 2026 09:30 UTC')
    expect(when('2026-12-01T23:05:00-05:00')).toBe('Wed, 2 Dec 2026 04:05 UTC')
  })
  it('leaves text that is not a time as it is', () => {
    expect(when('yesterday')).toBe('yesterday')
  })
})

describe('the cart', () => {
  const kettle = { id: 'i1', product: { productCode: 'P1', name: 'Kettle' }, quantity: 1 }
  const mug = { id: 'i2', product: { productCode: 'P2', name: 'Mug' }, quantity: 2 }
  const tray = { id: 'i3', product: { productCode: 'P3', name: 'Tray' }, quantity: 1 }

  it('names items lost and gained, one or many', () => {
    expect(say('cart', { items: [kettle] }, { items: [mug] })).toEqual(['The cart lost an item (Kettle) and gained an item (Mug).'])
    expect(say('cart', { items: [kettle, mug, tray] }, { items: [] })).toEqual(['The cart lost 3 items (Kettle, Mug, Tray).'])
    expect(say('cart', { items: [] }, { items: [mug, tray] })).toEqual(['The cart gained 2 items (Mug, Tray).'])
  })
  it('reads the cart inside a section that holds it, or the section itself', () => {
    expect(say('cart', { cart: { items: [kettle] }, summary: { n: 1 } }, { cart: { items: [] }, summary: { n: 0 } })).toEqual([
      'The cart lost an item (Kettle).',
    ])
    expect(say('cart', { cart: 'none', items: [kettle] }, { cart: 'none', items: [] })).toEqual(['The cart lost an item (Kettle).'])
    // Not an object at all: nothing to read, so no sentence, though the fields changed.
    const bare = section('cart', 'x', 'y')
    expect(bare.state).toBe('changed')
    expect(bare.sentences).toEqual([])
    expect(say('cart', { items: 'x' }, { items: [kettle] })).toEqual(['The cart gained an item (Kettle).'])
    expect(say('cart', { items: [kettle] }, { items: 'x' })).toEqual(['The cart lost an item (Kettle).'])
  })
  it('names an item by its product, its code, its id, or not at all', () => {
    const gained = (item: unknown) => say('cart', { items: [] }, { items: [item] })
    expect(gained({ id: 'a', product: { productCode: 'P9' } })).toEqual(['The cart gained an item (P9).'])
    expect(gained({ id: 'a', product: { name: '', productCode: 'P9' } })).toEqual(['The cart gained an item (P9).'])
    expect(gained({ id: 'a7', product: 'P9' })).toEqual(['The cart gained an item (a7).'])
    expect(gained({ id: 42 })).toEqual(['The cart gained an item (42).'])
    expect(gained({ quantity: 1 })).toEqual(['The cart gained an item (an item).'])
    expect(gained('loose')).toEqual(['The cart gained an item (an item).'])
    expect(gained(null)).toEqual(['The cart gained an item (an item).'])
    // A name that is not text is no name.
    expect(gained({ id: 'a', product: { name: { en: 'Kettle' }, productCode: 'P9' } })).toEqual(['The cart gained an item (P9).'])
    expect(gained({ id: 'a', product: { name: false, productCode: 'P9' } })).toEqual(['The cart gained an item (P9).'])
  })
  it('matches items by id, else by variation code, else by product code, else by the whole item', () => {
    const v = (code: string, variation: string, quantity: number) => ({
      product: { productCode: code, variationProductCode: variation, name: `${code}/${variation}` },
      quantity,
    })
    // Same product, other variation: a different item.
    expect(say('cart', { items: [v('P1', 'P1-red', 1)] }, { items: [v('P1', 'P1-blue', 1)] })).toEqual([
      'The cart lost an item (P1/P1-red) and gained an item (P1/P1-blue).',
    ])
    // Same variation: the same item, its quantity changed.
    expect(say('cart', { items: [v('P1', 'P1-red', 1)] }, { items: [v('P1', 'P1-red', 4)] })).toEqual(['P1/P1-red: quantity 1 → 4.'])
    const byCode = (quantity: number) => ({ product: { productCode: 'P5', name: 'Lamp' }, quantity })
    expect(say('cart', { items: [byCode(1)] }, { items: [byCode(2)] })).toEqual(['Lamp: quantity 1 → 2.'])
    // Nothing to match by: the whole item is its key, so an edited one is lost and gained.
    expect(say('cart', { items: [{ quantity: 1, note: 'a' }] }, { items: [{ quantity: 1, note: 'b' }] })).toEqual([
      'The cart lost an item (an item) and gained an item (an item).',
    ])
    expect(say('cart', { items: ['a', 'b'] }, { items: ['b', 'c'] })).toEqual([
      'The cart lost an item (an item) and gained an item (an item).',
    ])
    // An id wins over the product: the same id with another product is the same item.
    expect(
      say(
        'cart',
        { items: [{ ...kettle, quantity: 1 }] },
        { items: [{ ...kettle, product: { productCode: 'P2', name: 'Kettle' }, quantity: 2 }] },
      ),
    ).toEqual(['Kettle: quantity 1 → 2.'])
  })
  it('says a quantity changed only when both sides have one', () => {
    expect(say('cart', { items: [{ ...kettle, quantity: undefined }] }, { items: [{ ...kettle, quantity: 2 }] })).toEqual([])
    expect(say('cart', { items: [{ ...kettle, quantity: 2 }] }, { items: [{ ...kettle, quantity: undefined }] })).toEqual([])
    expect(say('cart', { items: [{ ...kettle, quantity: 2 }] }, { items: [{ ...kettle, quantity: 2, note: 'x' }] })).toEqual([])
    expect(say('cart', { items: ['i1'] }, { items: ['i1'] })).toEqual([])
    expect(
      say(
        'cart',
        { items: [kettle, mug] },
        {
          items: [
            { ...kettle, quantity: 0 },
            { ...mug, quantity: 5 },
          ],
        },
      ),
    ).toEqual(['Kettle: quantity 1 → 0.', 'Mug: quantity 2 → 5.'])
  })
  it('names coupons lost and gained, ignoring what is not a code', () => {
    expect(say('cart', { couponCodes: ['A', 'B'] }, { couponCodes: ['B', 'C', 'D', 7] })).toEqual([
      'The cart lost a coupon (A) and gained 2 coupons (C, D).',
    ])
    expect(say('cart', { couponCodes: ['A', 'B'] }, { couponCodes: 'A' })).toEqual(['The cart lost 2 coupons (A, B).'])
    expect(say('cart', { couponCodes: ['A'] }, { couponCodes: ['A', 7] })).toEqual([])
    expect(say('cart', { items: [kettle], couponCodes: [] }, { items: [], couponCodes: ['S'] })).toEqual([
      'The cart lost an item (Kettle) and gained a coupon (S).',
    ])
  })
  it('says which coupons were newly refused, and why', () => {
    expect(
      say(
        'cart',
        { invalidCoupons: [{ couponCode: 'OLD', reason: 'Expired' }] },
        {
          invalidCoupons: [
            { couponCode: 'OLD', reason: 'Expired still' },
            { couponCode: 'NEW', reason: 'Not for this shopper' },
            { couponCode: '', reason: '' },
            'NOPE',
          ],
        },
      ),
    ).toEqual(['Coupon NEW was refused: Not for this shopper.', 'Coupon ? was refused: no reason given.'])
    expect(say('cart', { invalidCoupons: 'x' }, { invalidCoupons: [{ couponCode: 'Z' }] })).toEqual([
      'Coupon Z was refused: no reason given.',
    ])
    expect(say('cart', { invalidCoupons: [{ couponCode: 'Z' }] }, { invalidCoupons: 'x' })).toEqual([])
    expect(say('cart', { invalidCoupons: [] }, { invalidCoupons: ['NOPE', null] })).toEqual([])
  })
  it('says the total changed only when both sides have one', () => {
    expect(say('cart', { total: 30 }, { total: 27.5 })).toEqual(['Cart total 30 → 27.5.'])
    expect(say('cart', { total: 30 }, { total: undefined, x: 1 })).toEqual([])
    expect(say('cart', { x: 1 }, { total: 30 })).toEqual([])
    expect(say('cart', { total: 30, x: 1 }, { total: 30, x: 2 })).toEqual([])
  })
})

describe('the orders', () => {
  const page = (...orders: unknown[]) => ({ totalCount: orders.length, items: orders })
  const o = (id: string, orderNumber: number, fields: Record<string, unknown> = {}) => ({ id, orderNumber, ...fields })

  it('names new orders, one or many, by number, else id', () => {
    expect(say('orders', page(), page(o('a', 1)))).toEqual(['1 new order (order 1).'])
    expect(say('orders', page(o('a', 1)), page(o('a', 1), o('b', 2), { id: 'c' }))).toEqual(['2 new orders (order 2, order c).'])
  })
  it('names orders no longer listed', () => {
    expect(say('orders', page(o('a', 1)), page())).toEqual(['1 order no longer listed (order 1).'])
    expect(say('orders', page(o('a', 1), o('b', 2)), page())).toEqual(['2 orders no longer listed (order 1, order 2).'])
  })
  it('matches orders by id, else by number; one with neither is "?"', () => {
    // Same number, other id: another order.
    expect(say('orders', page(o('a', 1)), page(o('b', 1)))).toEqual(['1 new order (order 1).', '1 order no longer listed (order 1).'])
    expect(say('orders', page({ orderNumber: 7, status: 'A' }), page({ orderNumber: 7, status: 'B' }))).toEqual(['Order 7: A → B.'])
    expect(say('orders', page(), page({ status: 'A' }))).toEqual(['1 new order (order ?).'])
    expect(say('orders', page(), page('x'))).toEqual(['1 new order (an order).'])
    expect(say('orders', { items: 'x' }, page(o('a', 1)))).toEqual(['1 new order (order 1).'])
  })
  it('says each status, payment and fulfillment change, only when both sides say one', () => {
    expect(
      say(
        'orders',
        page(o('a', 1, { status: 'Submitted', paymentStatus: 'Pending', fulfillmentStatus: 'NotFulfilled' })),
        page(o('a', 1, { status: 'Completed', paymentStatus: 'Paid', fulfillmentStatus: 'Fulfilled' })),
      ),
    ).toEqual(['Order 1: Submitted → Completed.', 'Order 1 payment: Pending → Paid.', 'Order 1 fulfillment: NotFulfilled → Fulfilled.'])
    expect(say('orders', page(o('a', 1, { status: 'A' })), page(o('a', 1)))).toEqual([])
    expect(say('orders', page(o('a', 1)), page(o('a', 1, { status: 'A' })))).toEqual([])
    expect(say('orders', page(o('a', 1, { status: 'A', x: 1 })), page(o('a', 1, { status: 'A', x: 2 })))).toEqual([])
    expect(say('orders', page('a'), page('a', o('b', 2)))).toEqual(['1 new order (order 2).'])
  })
})

describe('the login', () => {
  it('says a login locked or unlocked', () => {
    expect(say('loginState', { isLocked: false }, { isLocked: true })).toEqual(['The login is now locked.'])
    expect(say('loginState', { isLocked: true }, { isLocked: false })).toEqual(['The login is no longer locked.'])
    expect(say('loginState', { isLocked: true }, { isLocked: 'no' })).toEqual([])
  })
  it('counts failed attempts from none', () => {
    expect(say('loginState', {}, { failedLoginAttemptCount: 2 })).toEqual(['Failed login attempts 0 → 2.'])
    expect(say('loginState', { failedLoginAttemptCount: 2 }, { failedLoginAttemptCount: 5 })).toEqual(['Failed login attempts 2 → 5.'])
    expect(say('loginState', { failedLoginAttemptCount: 2 }, { failedLoginAttemptCount: '3' })).toEqual([])
  })
  it('says a password change became or stopped being required', () => {
    expect(say('loginState', {}, { isPasswordChangeRequired: true })).toEqual(['A password change is now required.'])
    expect(say('loginState', { isPasswordChangeRequired: true }, { isPasswordChangeRequired: false })).toEqual([
      'A password change is no longer required.',
    ])
    expect(say('loginState', { isPasswordChangeRequired: true }, { isPasswordChangeRequired: 1 })).toEqual([])
  })
  it('says the customer logged in since, and when', () => {
    expect(say('loginState', { lastLoginOn: at }, { lastLoginOn: later })).toEqual([
      'Logged in since (last login Thu, 3 Dec 2026 12:00 UTC).',
    ])
    expect(say('loginState', { lastLoginOn: at }, { lastLoginOn: null })).toEqual([])
  })
  it('says nothing of what did not change', () => {
    const same = { isLocked: true, failedLoginAttemptCount: 2, isPasswordChangeRequired: false, lastLoginOn: at }
    expect(say('loginState', { ...same, emailAddress: 'a' }, { ...same, emailAddress: 'b' })).toEqual([])
  })
  it('reads nothing from a section that is not an object', () => {
    expect(say('loginState', { isLocked: true }, [true])).toEqual([])
    expect(say('loginState', null, { isLocked: true, failedLoginAttemptCount: 1 })).toEqual([
      'The login is now locked.',
      'Failed login attempts 0 → 1.',
    ])
    expect(
      say('loginState', { isLocked: true, failedLoginAttemptCount: 1, isPasswordChangeRequired: true, lastLoginOn: at }, 'gone'),
    ).toEqual([])
  })
})

describe('the cards', () => {
  it('names cards added and removed, by type and last four digits', () => {
    expect(
      say(
        'cards',
        { items: [{ id: 'c1', cardType: 'VISA', cardNumberPart: '************1111' }] },
        {
          items: [
            { id: 'c2', cardType: 'MC', cardNumberPart: '5454' },
            { id: 'c3', cardNumberPart: '************0004' },
            { id: 'c4', cardType: 'AMEX' },
            { id: 'c5' },
          ],
        },
      ),
    ).toEqual(['4 cards added (MC ending 5454, card ending 0004, AMEX, card).', '1 card removed (VISA ending 1111).'])
  })
  it('reads a bare list as well as a page, and matches cards by id, else whole', () => {
    expect(say('cards', [{ id: 'c1', cardType: 'VISA' }], [])).toEqual(['1 card removed (VISA).'])
    expect(say('cards', [], [{ id: 'c1', cardType: 'VISA' }, 'x'])).toEqual(['2 cards added (VISA, a card).'])
    expect(say('cards', [{ id: 'c1', cardType: 'VISA' }], [{ id: 'c1', cardType: 'MC' }])).toEqual([])
    expect(say('cards', [{ cardType: 'VISA' }], [{ cardType: 'MC' }])).toEqual(['1 card added (MC).', '1 card removed (VISA).'])
  })
})

describe('the credits', () => {
  const credits = (...list: unknown[]) => ({ items: list })
  it('names new, changed and vanished credits', () => {
    expect(
      say(
        'credits',
        credits({ code: 'G1', currentBalance: 50 }, { code: 'G2', currentBalance: 5 }, { code: 'G3', currentBalance: 1 }),
        credits({ code: 'G1', currentBalance: 20 }, { code: 'G3', currentBalance: 1 }, { code: 'G4', currentBalance: 10 }, { id: 9 }),
      ),
    ).toEqual(['Credit G1 balance 50 → 20.', 'New credit G4 (balance 10).', 'New credit 9 (balance ?).', 'Credit G2 is gone.'])
  })
  it('skips what is not a credit, and compares a credit with one that is not an object by nothing', () => {
    expect(say('credits', credits(), credits('x'))).toEqual([])
    expect(say('credits', credits({ code: '', id: 'k', currentBalance: 1 }), credits({ id: 'k', currentBalance: 2 }))).toEqual([
      'Credit k balance 1 → 2.',
    ])
  })
})

describe('the wishlists', () => {
  it('counts the items of every list', () => {
    expect(say('wishlists', { items: [{ items: [1] }, { items: [2] }] }, { items: [{ items: [1, 2, 3] }, { items: 'x' }, 'y'] })).toEqual([
      'Wishlists hold 3 items (was 2).',
    ])
    expect(say('wishlists', { items: [] }, { items: [{ items: [1] }] })).toEqual(['Wishlists hold 1 item (was 0).'])
    expect(say('wishlists', { items: [{ items: [1], name: 'a' }] }, { items: [{ items: [2], name: 'b' }] })).toEqual([])
  })
})

describe('the audit log', () => {
  it('counts new entries, by id or whole', () => {
    const page = (...entries: unknown[]) => ({ totalCount: entries.length, items: entries })
    expect(say('auditLog', page({ id: 1 }), page({ id: 1 }, { id: 2 }))).toEqual(['1 new audit entry.'])
    expect(say('auditLog', page({ id: 1 }), page({ id: 2 }, { note: 'x' }, { id: 1 }))).toEqual(['2 new audit entries.'])
    expect(say('auditLog', page({ id: 1 }, { id: 2 }), page({ id: 1 }))).toEqual([])
    expect(say('auditLog', page({ note: 'x' }), page({ note: 'x' }, { note: 'y' }))).toEqual(['1 new audit entry.'])
  })
})

describe('a section', () => {
  it('is the same, changed with counts, or without sentences when nobody reads it', () => {
    expect(section('visits', { items: [1] }, { items: [1] })).toMatchObject({ state: 'same', sentences: [], changes: [], added: 0 })
    const visits = section('visits', { a: 1, b: 2, c: 3 }, { a: 2, b: 2, d: 4, e: 5 })
    expect(visits).toMatchObject({
      section: 'visits',
      key: null,
      label: 'Visits',
      state: 'changed',
      added: 2,
      removed: 1,
      changed: 1,
      sentences: [],
    })
    expect(visits.changes).toHaveLength(4)
  })
  it('is only in one bundle, or could not be read by one', () => {
    const one = bundle({ visits: ok({ items: [] }) })
    const none = bundle({})
    expect(compareBundles(none, one).sections).toEqual([
      expect.objectContaining({ section: 'visits', state: 'added', added: 1, removed: 0, sentences: ['Only in the later bundle.'] }),
    ])
    expect(compareBundles(one, none).sections).toEqual([
      expect.objectContaining({ section: 'visits', state: 'removed', added: 0, removed: 1, sentences: ['Only in the earlier bundle.'] }),
    ])
    expect(compareBundles(bundle({ visits: failed('Kibo answered 403.') }), one).sections[0]).toMatchObject({
      state: 'unreadable',
      sentences: ['Not compared: the earlier bundle could not read it (Kibo answered 403.).'],
    })
    expect(compareBundles(none, bundle({ visits: failed('Timed out.') })).sections[0]).toMatchObject({
      state: 'unreadable',
      sentences: ['Not compared: the later bundle could not read it (Timed out.).'],
    })
    expect(compareBundles(bundle({ visits: failed('A.') }), bundle({ visits: failed('B.') })).sections[0].sentences).toEqual([
      'Not compared: the earlier bundle could not read it (A.).',
    ])
    expect(compareBundles(none, none).sections).toEqual([])
    // A section without sentences still names itself in the headline.
    expect(compareBundles(none, one).summary).toBe('Since Tue, 1 Dec 2026 09:30 UTC: only in the later bundle.')
    expect(compareBundles(one, none).summary).toBe('Since Tue, 1 Dec 2026 09:30 UTC: only in the earlier bundle.')
  })
})

describe('order details', () => {
  const keyed = (orders: Record<string, BundledSection>) => bundle({}, { keyed: { order: orders } })
  it('lists a changed or unreadable order, not one that is the same, new or gone', () => {
    const result = compareBundles(
      keyed({ o1: ok({ status: 'A' }), o2: ok({ status: 'A' }), o3: ok({}), o4: ok({}) }),
      keyed({ o1: ok({ status: 'B' }), o2: ok({ status: 'A' }), o4: failed('Kibo answered 503.'), o5: ok({}) }),
    )
    expect(result.sections.map((s) => [s.section, s.key, s.label, s.state])).toEqual([
      ['order', 'o1', 'Order o1', 'changed'],
      ['order', 'o4', 'Order o4', 'unreadable'],
    ])
    expect(result.summary).toBe('Since Tue, 1 Dec 2026 09:30 UTC: order o1 changed (1 fields).')
  })
  it('reads keys from either side', () => {
    expect(compareBundles(bundle({}), keyed({ o1: failed('X.') })).sections.map((s) => s.key)).toEqual(['o1'])
    expect(compareBundles(keyed({ o1: failed('X.') }), bundle({})).sections.map((s) => s.key)).toEqual(['o1'])
    // One side has keyed sections, but no order among them.
    expect(compareBundles(bundle({}, { keyed: {} }), keyed({ o1: failed('X.') })).sections.map((s) => s.key)).toEqual(['o1'])
    expect(compareBundles(keyed({ o1: failed('X.') }), bundle({}, { keyed: {} })).sections.map((s) => s.key)).toEqual(['o1'])
  })
})

describe('the headline', () => {
  it('leads with the account, then the cart, orders, wishlists, login, credits, cards, then the rest', () => {
    const before = bundle({
      auditLog: ok({ items: [] }),
      cards: ok([]),
      credits: ok({ items: [] }),
      loginState: ok({ isLocked: false }),
      wishlists: ok({ items: [] }),
      orders: ok({ items: [] }),
      cart: ok({ items: [] }),
      visits: ok({ n: 1 }),
      transactions: ok([]),
    })
    const after = bundle(
      {
        auditLog: ok({ items: [{ id: 1 }] }),
        cards: ok([{ id: 'c', cardType: 'VISA' }]),
        credits: ok({ items: [{ code: 'G', currentBalance: 1 }] }),
        loginState: ok({ isLocked: true }),
        wishlists: ok({ items: [{ items: [1] }] }),
        orders: ok({ items: [{ id: 'o', orderNumber: 5 }] }),
        cart: ok({ items: [{ id: 'i', product: { name: 'Mug' } }] }),
        visits: ok({ n: 2 }),
        transactions: ok([1]),
      },
      { account: { ...account, lastName: 'King', phone: '1' } },
      later,
    )
    expect(compareBundles(before, after).summary).toBe(
      'Since Tue, 1 Dec 2026 09:30 UTC: 2 account fields changed; the cart gained an item (Mug); 1 new order (order 5); ' +
        'wishlists hold 1 item (was 0); the login is now locked; new credit G (balance 1); 1 card added (VISA); ' +
        '1 new audit entry; account transactions changed (1 fields); visits changed (1 fields).',
    )
  })
  it('makes a clause of the first sentence or, without one, of the fields changed', () => {
    const headline = (id: SectionId, before: unknown, after: unknown) =>
      compareBundles(bundle({ [id]: ok(before) }), bundle({ [id]: ok(after) })).summary.replace('Since Tue, 1 Dec 2026 09:30 UTC: ', '')
    // Only the full stop at the end goes.
    expect(headline('cart', { total: 30 }, { total: 27.5 })).toBe('cart total 30 → 27.5.')
    // Only a leading "The" is lowered; a name keeps its words.
    const item = (quantity: number) => ({ id: 'i', product: { name: 'Big The Mug' }, quantity })
    expect(headline('cart', { items: [item(1)] }, { items: [item(2)] })).toBe('big The Mug: quantity 1 → 2.')
    // Every field counts: added, removed and changed.
    expect(headline('visits', { a: 1, b: 2, c: 3 }, { a: 2, b: 2, d: 4, e: 5 })).toBe('visits changed (4 fields).')
  })
  it('counts account changes, one or many, by kind', () => {
    const result = compareBundles(bundle({}), bundle({}, { account: { ...account, lastName: 'King' } }))
    expect(result.summary).toBe('Since Tue, 1 Dec 2026 09:30 UTC: 1 account field changed.')
    expect(result.account).toMatchObject({ added: 0, removed: 0, changed: 1 })
    const more = compareBundles(
      bundle({}),
      bundle({}, { account: { id: 1001, firstName: 'Ada', lastName: 'Lovelace', userName: 'ada', phone: '1', fax: '2' } }),
    )
    expect(more.account).toMatchObject({ added: 2, removed: 1, changed: 0 })
    expect(more.account.changes.map((c) => c.path)).toEqual(['emailAddress', 'phone', 'fax'])
  })
})

describe('who and where', () => {
  it('names each side by name, else email, else user name, else id', () => {
    const named = (a: Record<string, unknown>) => compareBundles(bundle({}, { account: a }), bundle({})).before.name
    expect(named(account)).toBe('Ada Lovelace')
    expect(named({ id: 5, firstName: 'Ada', lastName: '' })).toBe('Ada')
    expect(named({ id: 5, lastName: 'Lovelace', firstName: 7 })).toBe('Lovelace')
    expect(named({ id: 5, emailAddress: 'a@x', userName: 'u' })).toBe('a@x')
    expect(named({ id: 5, emailAddress: '', userName: 'u' })).toBe('u')
    expect(named({ id: 5 })).toBe('Account 5')
    const result = compareBundles(bundle({}, { redacted: true }), bundle({}, { tenant: 'other' }, later))
    expect(result.before).toEqual({ accountId: 1001, name: 'Ada Lovelace', exportedAt: at, tenant, redacted: true })
    expect(result.after).toEqual({ accountId: 1001, name: 'Ada Lovelace', exportedAt: later, tenant: 'other', redacted: false })
  })
  it('warns about two customers, two tenants, masks and time running backwards', () => {
    expect(compareBundles(bundle({}), bundle({}, {}, later)).warnings).toEqual([])
    const all = compareBundles(
      bundle({}, { account: { id: 7 } }, later),
      bundle({}, { account: { id: 8 }, tenant: 'other', redacted: true }, at),
    )
    expect(all.warnings).toEqual([
      'These are two customers (account 7 and 8), not one customer at two times.',
      `Read from two tenants: ${tenant} and other.`,
      'Personal data is masked in one bundle only: names, emails and addresses show as changed.',
      'The “later” bundle was exported first: read the changes backwards.',
    ])
    expect(compareBundles(bundle({}, { redacted: true }), bundle({}, { redacted: true })).warnings).toEqual([
      'Both bundles are masked, each with its own masks: masked names, emails and addresses show as changed.',
    ])
    expect(compareBundles(bundle({}, { redacted: true }), bundle({}, {})).warnings).toEqual([
      'Personal data is masked in one bundle only: names, emails and addresses show as changed.',
    ])
    expect(compareBundles(bundle({}), bundle({}, {}, at)).warnings).toEqual([])
  })
})
