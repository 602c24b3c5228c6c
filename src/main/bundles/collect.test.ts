// Collecting one customer: which sections are asked for and how (pages, keys), what is kept of
// each answer, and what a failed section, a cancelled export or a missing ticket leave behind.
import { describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type SectionId, type SectionView } from '../../shared/customer360'
import { AppFailure } from '../../shared/errors'
import { collectBundle, customerSections, ORDER_DETAIL_CAP, PAGED_CAP, shopperSections, type ReadSection } from './collect'

const tenant = 't100001-s100002 demo'
const answeredAt = '2026-12-01T09:30:00.000Z'
const account = { id: 1001, firstName: 'Ada' }

function view(section: SectionId, data: unknown, key: string | null = null, readAt = answeredAt): SectionView {
  return { section, key, data, readAt, tenant: `${tenant} (live)`, from: 'live', correlationId: null, requestId: null }
}

/** A clock that ticks one second a call, from 10:00:00. */
function clock() {
  let n = 0
  return () => new Date(Date.UTC(2026, 11, 1, 10, 0, n++))
}

type Query = Parameters<ReadSection>[0]

/** Answers every section with `answer(query)`, or an empty object; records each query. */
function reader(answer: (query: Query) => unknown = () => ({})) {
  const queries: Query[] = []
  const read: ReadSection = async (query) => {
    queries.push(query)
    const data = answer(query)
    if (data instanceof Error || data instanceof AppFailure) throw data
    return view(query.section, data, query.key ?? null)
  }
  return { read, queries }
}

/** A paged list of `total` entries answered a page at a time, as Kibo does. */
function pages(total: number, reported: number | null = total) {
  const all = Array.from({ length: total }, (_, i) => ({ id: `e${i}` }))
  return (query: Query) => {
    const start = query.startIndex ?? 0
    const size = query.pageSize ?? 50
    return { startIndex: start, pageSize: size, pageCount: 9, extra: 'kept', totalCount: reported, items: all.slice(start, start + size) }
  }
}

const signal = () => new AbortController().signal

describe('collectBundle', () => {
  it('asks for every customer section, then the shopper ones, in order, each once', async () => {
    const { read, queries } = reader()
    const bundle = await collectBundle({ account, tenant, read, shopper: true, signal: signal() })
    expect(customerSections).toEqual(['auditLog', 'loginState', 'cards', 'transactions', 'purchaseOrder', 'credits', 'visits', 'b2b'])
    expect(shopperSections).toEqual(['cart', 'orders', 'wishlists'])
    expect(queries.map((q) => q.section)).toEqual([...customerSections, ...shopperSections])
    expect(queries.find((q) => q.section === 'loginState')).toEqual({ section: 'loginState' })
    expect(Object.keys(bundle.sections)).toEqual([...customerSections, ...shopperSections])
    // An answer that is not a page is kept as it is, with the time and tenant it was read at.
    expect(bundle.sections.auditLog).toEqual({ readAt: answeredAt, tenant: `${tenant} (live)`, data: {} })
    expect(bundle.sections.loginState).toEqual({ readAt: answeredAt, tenant: `${tenant} (live)`, data: {} })
    expect(bundle.keyed).toBeUndefined()
  })

  it('is a version 1 bundle of the account, exported now, not masked', async () => {
    const { read } = reader()
    const now = clock()
    const bundle = await collectBundle({ account, tenant, read, shopper: true, signal: signal(), now })
    expect(bundle).toMatchObject({ kind: BUNDLE_KIND, version: 1, tenant, account, redacted: false })
    // One tick a section read (11), then the export's own time.
    expect(bundle.exportedAt).toBe('2026-12-01T10:00:11.000Z')
    expect(Object.keys(bundle)).toEqual(['kind', 'version', 'exportedAt', 'tenant', 'account', 'sections', 'redacted'])
  })

  it('reads a paged section in pages of 200 up to 2000 entries, and says how many there were', async () => {
    expect(PAGED_CAP).toBe(2000)
    const { read, queries } = reader((q) => (q.section === 'visits' ? pages(2150)(q) : {}))
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal() })
    const visits = queries.filter((q) => q.section === 'visits')
    expect(visits.map((q) => [q.startIndex, q.pageSize])).toEqual(Array.from({ length: 10 }, (_, i) => [i * 200, 200]))
    const data = (bundle.sections.visits as { data: Record<string, unknown> & { items: { id: string }[] } }).data
    expect(data.items).toHaveLength(2000)
    expect(data.items[1999]).toEqual({ id: 'e1999' })
    expect({ ...data, items: undefined }).toEqual({
      startIndex: 0,
      pageSize: 2000,
      pageCount: 1,
      extra: 'kept',
      totalCount: 2150,
      items: undefined,
    })
  })

  it('asks for no more than the cap, a page at a time', async () => {
    const { read, queries } = reader((q) => (q.section === 'auditLog' ? pages(500)(q) : {}))
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal(), pagedCap: 250 })
    expect(queries.filter((q) => q.section === 'auditLog').map((q) => [q.startIndex, q.pageSize])).toEqual([
      [0, 200],
      [200, 50],
    ])
    const data = (bundle.sections.auditLog as { data: { items: unknown[]; pageSize: number; totalCount: number } }).data
    expect([data.items.length, data.pageSize, data.totalCount]).toEqual([250, 250, 500])

    const small = reader((q) => (q.section === 'auditLog' ? pages(500)(q) : {}))
    await collectBundle({ account, tenant, read: small.read, shopper: false, signal: signal(), pagedCap: 30 })
    expect(small.queries.filter((q) => q.section === 'auditLog').map((q) => [q.startIndex, q.pageSize])).toEqual([[0, 30]])
  })

  it('keeps only the cap when a page brings more than asked for', async () => {
    const all = Array.from({ length: 40 }, (_, i) => i)
    const { read, queries } = reader((q) =>
      q.section === 'auditLog' ? { totalCount: 40, items: q.startIndex === 0 ? all.slice(0, 20) : all.slice(20) } : {},
    )
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal(), pagedCap: 25 })
    expect(queries.filter((q) => q.section === 'auditLog').map((q) => [q.startIndex, q.pageSize])).toEqual([
      [0, 25],
      [20, 5],
    ])
    const data = (bundle.sections.auditLog as { data: { items: unknown[]; pageSize: number } }).data
    expect(data.items).toEqual(all.slice(0, 25))
    expect(data.pageSize).toBe(25)
  })

  it('without a totalCount, reads no further than the first page', async () => {
    const { read, queries } = reader((q) => (q.section === 'visits' ? pages(300, null)(q) : {}))
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal() })
    expect(queries.filter((q) => q.section === 'visits')).toHaveLength(1)
    expect((bundle.sections.visits as { data: { totalCount: number; pageSize: number } }).data).toMatchObject({
      totalCount: 200,
      pageSize: 200,
    })
  })

  it('stops at a page that is empty or not a page, keeping what it has', async () => {
    const short = reader((q) => (q.section === 'visits' ? { totalCount: 900, items: q.startIndex === 0 ? [1, 2] : [] } : {}))
    const one = await collectBundle({ account, tenant, read: short.read, shopper: false, signal: signal() })
    expect(short.queries.filter((q) => q.section === 'visits').map((q) => q.startIndex)).toEqual([0, 2])
    expect((one.sections.visits as { data: unknown }).data).toEqual({
      startIndex: 0,
      pageSize: 2,
      pageCount: 1,
      totalCount: 900,
      items: [1, 2],
    })

    const odd = reader((q) => (q.section === 'visits' ? (q.startIndex === 0 ? { totalCount: 900, items: [1] } : { oops: true }) : {}))
    const two = await collectBundle({ account, tenant, read: odd.read, shopper: false, signal: signal() })
    expect(odd.queries.filter((q) => q.section === 'visits').map((q) => q.startIndex)).toEqual([0, 1])
    expect((two.sections.visits as { data: { items: unknown[] } }).data.items).toEqual([1])

    const bare = reader((q) => (q.section === 'visits' ? (q.startIndex === 0 ? { totalCount: 900, items: [1] } : null) : {}))
    const three = await collectBundle({ account, tenant, read: bare.read, shopper: false, signal: signal() })
    expect((three.sections.visits as { data: { items: unknown[] } }).data.items).toEqual([1])
  })

  it('keeps a paged answer that is not a page as it came', async () => {
    const callable = Object.assign(() => undefined, { items: [1] })
    for (const data of [null, [1, 2], { items: 'x' }, 'text', callable]) {
      const { read } = reader((q) => (q.section === 'visits' ? data : {}))
      const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal() })
      expect(bundle.sections.visits).toEqual({ readAt: answeredAt, tenant: `${tenant} (live)`, data })
    }
  })

  it('keeps a failed section as its failure, when and where, and goes on', async () => {
    const now = clock()
    const { read, queries } = reader((q) =>
      q.section === 'cards'
        ? new AppFailure({ kind: 'forbidden', message: 'Kibo answered 403.', status: 403 })
        : q.section === 'credits'
          ? new AppFailure({ kind: 'timeout', message: 'Kibo did not answer.' })
          : q.section === 'visits'
            ? new TypeError('secret token abc in here')
            : {},
    )
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal(), now })
    expect(bundle.sections.cards).toEqual({
      readAt: '2026-12-01T10:00:02.000Z',
      tenant,
      error: { kind: 'forbidden', message: 'Kibo answered 403.', status: 403 },
    })
    expect(bundle.sections.credits).toEqual({
      readAt: '2026-12-01T10:00:05.000Z',
      tenant,
      error: { kind: 'timeout', message: 'Kibo did not answer.' },
    })
    // No status when Kibo gave none: not even an empty one.
    expect(Object.keys((bundle.sections.credits as { error: object }).error)).toEqual(['kind', 'message'])
    expect(bundle.sections.visits).toEqual({
      readAt: '2026-12-01T10:00:06.000Z',
      tenant,
      error: { kind: 'internal', message: 'Reading failed unexpectedly (TypeError).' },
    })
    expect(queries.map((q) => q.section)).toEqual(customerSections)
  })

  it('names only the kind of a thrown value that is not an error', async () => {
    const read: ReadSection = async (query) => {
      if (query.section === 'b2b') throw 'a token string'
      return view(query.section, {})
    }
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal() })
    expect(bundle.sections.b2b).toMatchObject({ error: { kind: 'internal', message: 'Reading failed unexpectedly (string).' } })
  })

  it('without a ticket, does not read the shopper sections and says why, at the time', async () => {
    const { read, queries } = reader()
    const now = clock()
    const bundle = await collectBundle({ account, tenant, read, shopper: false, signal: signal(), now })
    expect(queries.map((q) => q.section)).toEqual(customerSections)
    for (const [n, id] of shopperSections.entries()) {
      expect(bundle.sections[id]).toEqual({
        readAt: `2026-12-01T10:00:${String(8 + n).padStart(2, '0')}.000Z`,
        tenant,
        error: { kind: 'auth-expired', message: expect.stringContaining('no customer ticket') },
      })
    }
    expect(bundle.keyed).toBeUndefined()
  })

  it('reads each listed order, newest first, by id, up to 100', async () => {
    expect(ORDER_DETAIL_CAP).toBe(100)
    const orders = [
      { id: 'o1' },
      { id: '' },
      { id: 7 },
      'x',
      { orderNumber: 3 },
      ...Array.from({ length: 110 }, (_, i) => ({ id: `p${i}` })),
    ]
    const { read, queries } = reader((q) =>
      q.section === 'orders' ? { totalCount: orders.length, items: orders } : q.section === 'order' ? { id: q.key } : {},
    )
    const bundle = await collectBundle({ account, tenant, read, shopper: true, signal: signal() })
    const asked = queries.filter((q) => q.section === 'order')
    expect(asked[0]).toEqual({ section: 'order', key: 'o1' })
    // The first 100 listed, of which 4 have no usable id.
    expect(asked.map((q) => q.key)).toEqual(['o1', ...Array.from({ length: 95 }, (_, i) => `p${i}`)])
    expect(Object.keys(bundle.keyed?.order ?? {})).toHaveLength(96)
    expect(bundle.keyed?.order?.o1).toEqual({ readAt: answeredAt, tenant: `${tenant} (live)`, data: { id: 'o1' }, key: 'o1' })
  })

  it('keeps an empty list of order details when there are no orders, none when orders could not be read', async () => {
    const none = reader((q) => (q.section === 'orders' ? { totalCount: 0, items: [] } : {}))
    expect((await collectBundle({ account, tenant, read: none.read, shopper: true, signal: signal() })).keyed).toEqual({ order: {} })
    const failing = reader((q) => (q.section === 'orders' ? new AppFailure({ kind: 'server', message: 'x' }) : {}))
    expect((await collectBundle({ account, tenant, read: failing.read, shopper: true, signal: signal() })).keyed).toBeUndefined()
    const odd = reader((q) => (q.section === 'orders' ? { items: 'x' } : {}))
    expect((await collectBundle({ account, tenant, read: odd.read, shopper: true, signal: signal() })).keyed).toBeUndefined()
  })

  describe('cancelled', () => {
    const cancelled = { error: { kind: 'cancelled', message: 'The export was cancelled; no file was written.' } }

    it('before it starts: reads nothing', async () => {
      const controller = new AbortController()
      controller.abort()
      const { read, queries } = reader()
      await expect(collectBundle({ account, tenant, read, shopper: true, signal: controller.signal })).rejects.toMatchObject(cancelled)
      expect(queries).toEqual([])
    })

    it('between customer sections, between shopper sections, between orders, between pages', async () => {
      const stopAfter = async (section: SectionId, answer: (q: Query) => unknown, count = 1) => {
        const controller = new AbortController()
        const queries: Query[] = []
        let seen = 0
        const read: ReadSection = async (query) => {
          queries.push(query)
          if (query.section === section && ++seen === count) controller.abort()
          return view(query.section, answer(query), query.key ?? null)
        }
        await expect(collectBundle({ account, tenant, read, shopper: true, signal: controller.signal })).rejects.toMatchObject(cancelled)
        return queries.map((q) => `${q.section}${q.key ? `:${q.key}` : ''}${q.startIndex ? `@${q.startIndex}` : ''}`)
      }
      expect(await stopAfter('loginState', () => ({}))).toEqual(['auditLog', 'loginState'])
      expect(await stopAfter('cart', () => ({}))).toEqual([...customerSections, 'cart'])
      const orders = (q: Query) => (q.section === 'orders' ? { items: [{ id: 'a' }, { id: 'b' }] } : {})
      expect(await stopAfter('order', orders)).toEqual([...customerSections, ...shopperSections, 'order:a'])
      expect(await stopAfter('auditLog', (q) => (q.section === 'auditLog' ? pages(500)(q) : {}))).toEqual(['auditLog'])
      expect(await stopAfter('auditLog', (q) => (q.section === 'auditLog' ? pages(500)(q) : {}), 2)).toEqual(['auditLog', 'auditLog@200'])
    })

    it('while a section is read: the failure it causes is the cancellation, not a section error', async () => {
      const controller = new AbortController()
      const read: ReadSection = async (query) => {
        if (query.section === 'transactions') {
          controller.abort()
          throw new AppFailure({ kind: 'network', message: 'socket closed' })
        }
        return view(query.section, {})
      }
      await expect(collectBundle({ account, tenant, read, shopper: false, signal: controller.signal })).rejects.toMatchObject(cancelled)
    })

    it('during the very last read: no bundle comes back', async () => {
      const controller = new AbortController()
      const read: ReadSection = async (query) => {
        if (query.section === 'order') {
          controller.abort()
          throw new AppFailure({ kind: 'network', message: 'socket closed' })
        }
        return view(query.section, query.section === 'orders' ? { items: [{ id: 'a' }] } : {})
      }
      await expect(collectBundle({ account, tenant, read, shopper: true, signal: controller.signal })).rejects.toMatchObject(cancelled)
    })
  })
})
