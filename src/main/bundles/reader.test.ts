// A section read from an opened bundle: paged and narrowed as live, its stored failure given back
// in its own kind, and what cannot be answered from a file refused with a reason.
import { describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type CustomerBundle, type SectionQuery } from '../../shared/customer360'
import { AppFailure, type AppError } from '../../shared/errors'
import { BundleSections, sectionFromBundle } from './reader'

const tenant = 't100001-s100002 demo'
const at = '2026-12-01T09:30:00.000Z'
const entries = [1, 2, 3, 4, 5].map((id) => ({ id, note: 'x' }))

const bundle: CustomerBundle = {
  kind: BUNDLE_KIND,
  version: 1,
  exportedAt: '2026-12-02T00:00:00.000Z',
  tenant: 'bundle tenant',
  account: { id: 1001 },
  redacted: false,
  sections: {
    auditLog: { readAt: at, tenant, data: { startIndex: 0, pageSize: 5, totalCount: 12, items: entries } },
    visits: { readAt: at, tenant, data: { items: entries } },
    wishlists: { readAt: at, tenant, data: { items: 'none' } },
    orders: { readAt: at, tenant, data: [1, 2] },
    transactions: { readAt: at, tenant, data: { items: entries } },
    cards: { readAt: at, tenant, error: { kind: 'forbidden', message: 'Kibo answered 403.', status: 403 } },
    credits: { readAt: at, tenant, error: { kind: 'martian', message: 'Odd.' } },
    loginState: { readAt: at, tenant, data: { isLocked: true, failedLoginAttemptCount: 3 } },
    cart: { readAt: at, tenant, data: { cart: { id: 'k', total: 3 }, summary: { total: 3 } } },
  },
  keyed: { order: { o1: { readAt: at, tenant, data: { id: 'o1', status: 'Submitted' } } } },
}
const source = { kind: 'bundle' as const, datasetId: 'd1', index: 0 }
type Query = Omit<SectionQuery, 'source'>
const read = (query: Query) => sectionFromBundle(bundle, { source, ...query })

function failure(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('did not fail')
}

describe('sectionFromBundle', () => {
  it('answers as a live read would, from the bundle', () => {
    expect(read({ section: 'loginState' })).toEqual({
      section: 'loginState',
      key: null,
      data: { isLocked: true, failedLoginAttemptCount: 3 },
      readAt: at,
      tenant,
      from: 'bundle',
      correlationId: null,
      requestId: null,
    })
    // A key means nothing to a section without keys.
    expect(read({ section: 'loginState', key: 'o1' })).toMatchObject({ key: null, data: { isLocked: true } })
    expect(read({ section: 'order', key: 'o1' })).toMatchObject({ key: 'o1', data: { id: 'o1', status: 'Submitted' } })
  })

  it('gives a paged section whole when no page is asked for', () => {
    expect(read({ section: 'auditLog' }).data).toBe((bundle.sections.auditLog as { data: unknown }).data)
  })

  it('pages a paged section: from where asked, as many as asked, counted against the total', () => {
    expect(read({ section: 'auditLog', startIndex: 3 }).data).toEqual({
      startIndex: 3,
      pageSize: 5,
      pageCount: 3,
      totalCount: 12,
      items: entries.slice(3),
    })
    expect(read({ section: 'auditLog', pageSize: 2 }).data).toEqual({
      startIndex: 0,
      pageSize: 2,
      pageCount: 6,
      totalCount: 12,
      items: entries.slice(0, 2),
    })
    expect(read({ section: 'auditLog', startIndex: 1, pageSize: 0 }).data).toEqual({
      startIndex: 1,
      pageSize: 0,
      pageCount: 0,
      totalCount: 12,
      items: [],
    })
    // Without a totalCount, the items it holds are the total.
    expect(read({ section: 'visits', startIndex: 4, pageSize: 2 }).data).toEqual({
      startIndex: 4,
      pageSize: 2,
      pageCount: 3,
      totalCount: 5,
      items: [entries[4]],
    })
    // Not a page: given as it is.
    expect(read({ section: 'wishlists', startIndex: 1, pageSize: 1 }).data).toEqual({ items: 'none' })
    expect(read({ section: 'orders', startIndex: 1, pageSize: 1 }).data).toEqual([1, 2])
    for (const data of [null, 'text', Object.assign(() => undefined, { items: [1, 2] })]) {
      const odd = { ...bundle, sections: { visits: { readAt: at, tenant, data } } }
      expect(sectionFromBundle(odd, { source, section: 'visits', startIndex: 1, pageSize: 1 }).data).toBe(data)
    }
  })

  it('does not page a section Kibo does not page', () => {
    expect(read({ section: 'transactions', startIndex: 1, pageSize: 1 }).data).toEqual({ items: entries })
  })

  it('narrows to responseFields as live, and refuses ones that do not parse', () => {
    expect(read({ section: 'cart', responseFields: 'total' }).data).toEqual({ cart: { total: 3 }, summary: { total: 3 } })
    expect(read({ section: 'visits', responseFields: 'id' }).data).toEqual({ items: entries.map(({ id }) => ({ id })) })
    expect(failure(() => read({ section: 'cart', responseFields: 'total(' }))).toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/^responseFields: ./),
    })
    // Anything else that goes wrong while narrowing is not the expression's fault.
    const trap = {
      ...bundle,
      sections: {
        loginState: {
          readAt: at,
          tenant,
          data: {
            get isLocked(): boolean {
              throw new RangeError('broken')
            },
          },
        },
      },
    }
    expect(() => sectionFromBundle(trap, { source, section: 'loginState', responseFields: 'isLocked' })).toThrow(RangeError)
  })

  it('needs a key for a keyed section, and refuses a filter', () => {
    expect(failure(() => read({ section: 'order' }))).toMatchObject({
      kind: 'invalid-input',
      message: 'Say which order to read: it needs a key.',
    })
    expect(failure(() => read({ section: 'loginState', filter: 'isLocked eq true' }))).toEqual({
      kind: 'invalid-input',
      message: "Login state from a file cannot be filtered: Kibo's filter runs on Kibo's side.",
      hint: 'Clear the filter to see what the bundle holds, or read the customer live.',
    })
  })

  it('says a section or an order is not in the bundle, and why that may be', () => {
    expect(failure(() => read({ section: 'b2b' }))).toEqual({
      kind: 'not-found',
      message: 'B2B account is not in this bundle.',
      hint: 'The bundle was exported without it (the profile could not read it, or it did not exist then). Read the customer live to see it.',
    })
    expect(failure(() => read({ section: 'order', key: 'o2' }))).toMatchObject({
      kind: 'not-found',
      message: 'Order o2 is not in this bundle.',
    })
  })

  it('gives back a stored failure in its own kind and status; an unknown kind as internal', () => {
    expect(failure(() => read({ section: 'cards' }))).toEqual({
      kind: 'forbidden',
      status: 403,
      message: `Payment cards could not be read when the bundle was made (${at}, ${tenant}): Kibo answered 403.`,
      hint: 'The bundle holds the failure, not the data. Read the customer live to try again.',
    })
    const odd = failure(() => read({ section: 'credits' }))
    expect(odd).toMatchObject({ kind: 'internal', message: expect.stringContaining(': Odd.') })
    expect(Object.hasOwn(odd, 'status')).toBe(false)
  })
})

describe('BundleSections', () => {
  it('reads the record of the file and customer asked for', async () => {
    const asked: [string, number][] = []
    const sections = new BundleSections(async (datasetId, index) => {
      asked.push([datasetId, index])
      return bundle
    })
    await expect(
      sections.readSection({ source: { kind: 'bundle', datasetId: 'd7', index: 4 }, section: 'loginState' }),
    ).resolves.toMatchObject({
      from: 'bundle',
      data: { isLocked: true },
    })
    expect(asked).toEqual([['d7', 4]])
  })

  it('names the customer of a record that is not a bundle', async () => {
    const sections = new BundleSections(async () => ({ id: 5 }))
    await expect(sections.readSection({ source: { kind: 'bundle', datasetId: 'd1', index: 0 }, section: 'cart' })).rejects.toMatchObject({
      error: { kind: 'bad-file', where: 'Customer 1 of the file' },
    })
  })

  it('refuses a live source, and a read cancelled while the record was fetched', async () => {
    let fetched = 0
    const sections = new BundleSections(async () => {
      fetched++
      return bundle
    })
    await expect(sections.readSection({ source: { kind: 'live', profileId: 'p', accountId: 1 }, section: 'cart' })).rejects.toMatchObject({
      error: { kind: 'invalid-input' },
    })
    expect(fetched).toBe(0)
    const controller = new AbortController()
    controller.abort()
    await expect(sections.readSection({ source, section: 'cart' }, controller.signal)).rejects.toMatchObject({
      error: { kind: 'cancelled' },
    })
    await expect(sections.readSection({ source, section: 'cart' }, new AbortController().signal)).resolves.toMatchObject({
      section: 'cart',
    })
  })
})
