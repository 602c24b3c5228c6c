// What the shopper sees, against the scripted stub: each call carries the customer's claims in
// x-vol-user-claims beside the application token, the claims never reach the request log or an
// error, another customer's order is refused, and no card number gets through.
import { afterEach, describe, expect, it } from 'vitest'
import { appErrorOf } from '../../../test/failures'
import { stubClient, type StubClient } from '../../../test/kiboStubClient'
import { json, type StubHandler } from '../../../test/stubKibo'
import type { KiboClient, KiboResult } from './client'
import * as shopper from './shopper'

let current: StubClient | undefined
afterEach(async () => {
  await current?.stub.close()
  current = undefined
})

async function setup(handler: StubHandler) {
  current = await stubClient(handler)
  return current
}

const CLAIMS = 'eyJhbGciOiJIUzI1NiJ9.customer-claims-5f4e3d2c1b0a99887766.sig'
const claims = { accessToken: CLAIMS }
const page = (items: unknown[]) => ({ startIndex: 0, pageSize: 20, pageCount: 1, totalCount: items.length, items })

interface Case {
  name: string
  call: (client: KiboClient) => Promise<KiboResult<unknown>>
  path: string
  query: Record<string, string>
  good: unknown
  bad: unknown
  badSays: RegExp
}

const cases: Case[] = [
  {
    name: 'currentCart',
    call: (c) => shopper.currentCart(c, claims, { responseFields: 'id,total' }),
    path: '/commerce/carts/current',
    query: { responseFields: 'id,total' },
    good: { id: 'cart1', total: 10 },
    bad: [],
    badSays: /not a cart/,
  },
  {
    name: 'currentCartMessages',
    call: (c) => shopper.currentCartMessages(c, claims),
    path: '/commerce/carts/current/messages',
    query: {},
    good: { totalCount: 1, items: [{ message: 'Price changed' }] },
    bad: { items: ['Price changed'] },
    badSays: /not a cart message/,
  },
  {
    name: 'cartById',
    call: (c) => shopper.cartById(c, claims, ' ab/c ', {}),
    path: '/commerce/carts/ab%2Fc',
    query: {},
    good: { id: 'ab/c' },
    bad: 'cart',
    badSays: /not a cart/,
  },
  {
    name: 'cartSummary',
    call: (c) => shopper.cartSummary(c, claims, 'cart1'),
    path: '/commerce/carts/cart1/summary',
    query: {},
    good: { itemCount: 2, total: 10 },
    bad: null,
    badSays: /not a cart summary/,
  },
  {
    name: 'orders',
    call: (c) =>
      shopper.orders(c, claims, 1001, { startIndex: 10, pageSize: 5, filter: 'status eq Submitted', responseFields: 'items(id)' }),
    path: '/commerce/orders',
    query: {
      startIndex: '10',
      pageSize: '5',
      sortBy: 'submittedDate desc',
      filter: 'customerAccountId eq 1001 and (status eq Submitted)',
      responseFields: 'items(id)',
    },
    good: page([{ id: 'o1', customerAccountId: 1001 }]),
    bad: page(['o1']),
    badSays: /not an order at items\[0\]/,
  },
  {
    name: 'order',
    call: (c) => shopper.order(c, claims, ' o/1 ', 1001, { responseFields: 'id,customerAccountId' }),
    path: '/commerce/orders/o%2F1',
    query: { responseFields: 'id,customerAccountId' },
    good: { id: 'o/1', customerAccountId: 1001 },
    bad: [{ id: 'o1' }],
    badSays: /not an order/,
  },
  {
    name: 'wishlists',
    call: (c) => shopper.wishlists(c, claims, 1001, { sortBy: 'name asc' }),
    path: '/commerce/wishlists',
    query: { sortBy: 'name asc', filter: 'customerAccountId eq 1001' },
    good: page([{ id: 'w1', customerAccountId: 1001 }]),
    bad: page([3]),
    badSays: /not a wishlist/,
  },
]

describe('each call as the shopper', () => {
  it.each(cases)('$name: a GET of its path and query, the application token and the customer’s claims', async (c) => {
    const { client, calls, issued, events } = await setup((_req, res) => json(res, 200, c.good))
    const result = await c.call(client)
    expect(result.data).toEqual(c.good)
    const [sent, ...more] = calls()
    expect(more).toEqual([])
    expect(sent.method).toBe('GET')
    expect(sent.path).toBe(c.path)
    expect(sent.query).toEqual(c.query)
    expect(sent.headers.authorization).toBe(`Bearer ${issued[0]}`)
    expect(sent.headers['x-vol-user-claims']).toBe(CLAIMS)
    expect(sent.headers['x-vol-tenant']).toBe('100001')
    // The request log shows that claims were sent, never what they were.
    const logged = events.filter((e) => e.type === 'exchange').map((e) => e.exchange)
    expect(logged.at(-1)?.requestHeaders['x-vol-user-claims']).toBe('$KIBO_USER_CLAIMS')
    expect(JSON.stringify(events)).not.toContain(CLAIMS)
  })

  it.each(cases)('$name: a body of the wrong shape is a clear failure', async (c) => {
    const { client } = await setup((_req, res) => json(res, 200, c.bad))
    const error = await appErrorOf(c.call(client))
    expect(['bad-response', 'unexpected-answer']).toContain(error.kind)
    expect(error.message).toMatch(c.badSays)
  })

  it.each(cases)('$name: the claims Kibo echoes back in an error are scrubbed from it and from the log', async (c) => {
    const { client, events } = await setup((_req, res) =>
      json(res, 400, { errorCode: 'VALIDATION', message: `Bad claims ${CLAIMS}`, items: [{ name: 'x-vol-user-claims', value: CLAIMS }] }),
    )
    const error = await appErrorOf(c.call(client))
    expect(error.kind).toBe('invalid-input')
    expect(JSON.stringify(error)).not.toContain(CLAIMS)
    expect(JSON.stringify(events)).not.toContain(CLAIMS)
  })

  it('does not call Kibo without claims, nor with an empty cart or order id', async () => {
    const { client, calls } = await setup((_req, res) => json(res, 200, {}))
    expect(await appErrorOf(() => shopper.currentCart(client, { accessToken: '' }, {}))).toMatchObject({
      kind: 'invalid-input',
      where: 'ticket',
    })
    expect(await appErrorOf(() => shopper.cartById(client, claims, '  ', {}))).toMatchObject({ where: 'cartId' })
    expect(await appErrorOf(() => shopper.order(client, claims, ' ', 1001, {}))).toMatchObject({ where: 'key' })
    expect(await appErrorOf(() => shopper.orders(client, claims, -1, {}))).toMatchObject({ where: 'accountId' })
    expect(calls()).toEqual([])
  })

  it('orders sort as the person asks, newest first otherwise', async () => {
    const { client, calls } = await setup((_req, res) => json(res, 200, page([])))
    await shopper.orders(client, claims, 1001, { sortBy: 'total asc' })
    await shopper.orders(client, claims, 1001, { sortBy: '   ' })
    expect(calls().map((r) => r.query.sortBy)).toEqual(['total asc', 'submittedDate desc'])
  })
})

describe('another customer’s order', () => {
  it('is refused, in a page or alone, naming both accounts', async () => {
    const { client } = await setup((req, res) =>
      req.path === '/commerce/orders'
        ? json(
            res,
            200,
            page([
              { id: 'o1', customerAccountId: 1001 },
              { id: 'o2', customerAccountId: 2002 },
            ]),
          )
        : json(res, 200, { id: 'o2', customerAccountId: 2002 }),
    )
    const inPage = await appErrorOf(shopper.orders(client, claims, 1001, {}))
    expect(inPage.message).toContain('an order of account 2002 among those of account 1001')
    const alone = await appErrorOf(shopper.order(client, claims, 'o2', 1001, {}))
    expect(alone.message).toContain('an order of account 2002 among those of account 1001')
  })
  it('and another customer’s wishlist too', async () => {
    const { client } = await setup((_req, res) =>
      json(
        res,
        200,
        page([
          { id: 'w1', customerAccountId: 1001 },
          { id: 'w2', customerAccountId: 2002 },
        ]),
      ),
    )
    const error = await appErrorOf(shopper.wishlists(client, claims, 1001, {}))
    expect(error).toMatchObject({ where: 'items[1].customerAccountId' })
    expect(error.message).toContain('a wishlist of account 2002 among those of account 1001')
  })
})

describe('card numbers in what the shopper sees', () => {
  const visa = '4111111111111111'
  const master = '5555-5555-5555-4444'
  const order = {
    id: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    customerAccountId: 1001,
    // A run of digits inside a hex id is part of the id: it stays as it is.
    originalCartId: 'ab378282246310005cd',
    notes: [{ text: `called about card ${master}` }],
    payments: [
      {
        billingInfo: { card: { paymentOrCardType: 'VISA', cardNumberPartOrMask: visa, ccLastFour: '1111', bin: '411111' } },
        gatewayGiftCard: { cardNumber: '6006491111111111', cardPin: '8421' },
      },
    ],
    credits: [{ giftCard: { cardNumber: 'GC-6006491111112222' } }],
    digitalPackages: [{ items: [{ giftCardCode: '6006493333333333' }] }],
    shipments: [{ items: [{ giftCards: [{ cardNumber: '6006494444444444' }] }] }],
  }

  it('every place in an order (and a page of them) keeps at most the last four; a PIN not at all', async () => {
    const { client } = await setup((req, res) => (req.path === '/commerce/orders' ? json(res, 200, page([order])) : json(res, 200, order)))
    for (const data of [
      (await shopper.order(client, claims, order.id, 1001, {})).data,
      (await shopper.orders(client, claims, 1001, {})).data.items?.[0],
    ]) {
      const text = JSON.stringify(data)
      for (const whole of [visa, '5555', '6006491111111111', '6006491111112222', '6006493333333333', '6006494444444444', '8421'])
        expect(text).not.toContain(whole)
      const o = data as typeof order
      expect(o.id).toBe(order.id)
      expect(o.originalCartId).toBe(order.originalCartId)
      expect(o.payments[0].billingInfo.card.cardNumberPartOrMask).toBe('••••••••••••1111')
      expect(o.payments[0].billingInfo.card.ccLastFour).toBe('1111')
      expect(o.payments[0].gatewayGiftCard).toEqual({ cardNumber: '••••••••••••1111', cardPin: '••••' })
      expect(o.credits[0].giftCard.cardNumber).toBe('••••••••••••2222')
      expect(o.digitalPackages[0].items[0].giftCardCode).toBe('••••••••••••3333')
      expect(o.shipments[0].items[0].giftCards[0].cardNumber).toBe('••••••••••••4444')
      expect(o.notes[0].text).toBe('called about card ••••••••••••4444')
    }
  })

  it('a cart’s free text is masked too', async () => {
    const { client } = await setup((_req, res) =>
      json(res, 200, { id: 'cart1', items: [{ id: 'i1', data: { note: `pay with ${visa}` } }] }),
    )
    const cart = (await shopper.currentCart(client, claims, {})).data
    expect(JSON.stringify(cart)).not.toContain(visa)
    expect(cart.id).toBe('cart1')
  })
})
