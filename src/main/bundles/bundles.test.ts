import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type CustomerBundle, type SectionView } from '../../shared/customer360'
import { AppFailure } from '../../shared/errors'
import { checkBundle } from './format'
import { collectBundle, type ReadSection } from './collect'
import { writeBundles } from './writer'
import { FileExists } from '../exports/atomicFile'
import { sectionFromBundle, BundleSections } from './reader'
import { compareBundles } from './compare'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.issued-access-token-7f3a'
const REFRESH = 'refresh-token-91bd2c'
const tenant = 't100001-s100002 demo'
const at = '2026-12-01T09:30:00.000Z'

function view(section: SectionView['section'], data: unknown, key: string | null = null): SectionView {
  return { section, key, data, readAt: at, tenant, from: 'live', correlationId: 'c-1', requestId: 'r-1' }
}

function failure(kind: 'forbidden' | 'server', status: number): AppFailure {
  return new AppFailure({ kind, message: `Kibo answered ${status}.`, status })
}

const account = { id: 1001, firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com', userName: 'ada@example.com' }

/** A live reader like the inspector's: audit log paged, cards refused, orders with details, tokens in places. */
function fakeReader(calls: string[] = []): ReadSection {
  const audit = Array.from({ length: 450 }, (_, i) => ({ id: `a${i}`, createBy: 'admin@example.com', accessToken: TOKEN }))
  return async (query) => {
    calls.push(`${query.section}${query.key ? `:${query.key}` : ''}@${query.startIndex ?? '-'}`)
    switch (query.section) {
      case 'auditLog': {
        const start = query.startIndex ?? 0
        const size = query.pageSize ?? 50
        return view('auditLog', { startIndex: start, pageSize: size, totalCount: audit.length, items: audit.slice(start, start + size) })
      }
      case 'cards':
        throw failure('forbidden', 403)
      case 'loginState':
        return view('loginState', { isLocked: false, failedLoginAttemptCount: 0, emailAddress: 'ada@example.com' })
      case 'cart':
        return view('cart', {
          id: 'cart1',
          items: [{ id: 'i1', product: { productCode: 'P1', name: 'Kettle' }, quantity: 1 }],
          couponCodes: [],
          jwtAccessToken: TOKEN,
        })
      case 'orders':
        return view('orders', {
          startIndex: 0,
          pageSize: 200,
          totalCount: 2,
          items: [
            { id: 'o1', orderNumber: 1, status: 'Submitted' },
            { id: 'o2', orderNumber: 2, status: 'Completed' },
          ],
        })
      case 'order':
        if (query.key === 'o2') throw failure('server', 503)
        return view(
          'order',
          { id: query.key, orderNumber: 1, refreshToken: REFRESH, billingInfo: { billingContact: { email: 'ada@example.com' } } },
          query.key,
        )
      default:
        return view(query.section, { items: [] })
    }
  }
}

describe('collectBundle', () => {
  it('reads every section, every page up to the cap, each order detail; failures become error entries', async () => {
    const calls: string[] = []
    const bundle = await collectBundle({
      account,
      tenant,
      read: fakeReader(calls),
      shopper: true,
      signal: new AbortController().signal,
      pagedCap: 300,
    })
    expect(bundle.kind).toBe(BUNDLE_KIND)
    const audit = bundle.sections.auditLog as { data: { items: unknown[]; totalCount: number } }
    expect(audit.data.items).toHaveLength(300)
    expect(audit.data.totalCount).toBe(450)
    expect(calls.filter((c) => c.startsWith('auditLog'))).toEqual(['auditLog@0', 'auditLog@200'])
    expect(bundle.sections.cards).toEqual({
      readAt: expect.any(String),
      tenant,
      error: { kind: 'forbidden', message: 'Kibo answered 403.', status: 403 },
    })
    expect(Object.keys(bundle.keyed?.order ?? {})).toEqual(['o1', 'o2'])
    expect(bundle.keyed?.order?.o2).toMatchObject({ error: { kind: 'server', status: 503 } })
    expect(bundle.sections.cart).toMatchObject({ readAt: at, tenant, data: { id: 'cart1' } })
  })

  it('without a ticket for this customer, the shopper sections say why they were not read', async () => {
    const calls: string[] = []
    const bundle = await collectBundle({ account, tenant, read: fakeReader(calls), shopper: false, signal: new AbortController().signal })
    expect(calls.some((c) => /^(cart|orders|wishlists|order)/.test(c))).toBe(false)
    expect(bundle.sections.cart).toMatchObject({ error: { kind: 'auth-expired', message: expect.stringContaining('Impersonate') } })
    expect(bundle.keyed).toBeUndefined()
  })

  it('stops when cancelled instead of recording the cancellation as a section error', async () => {
    const controller = new AbortController()
    const read: ReadSection = async (query) => {
      if (query.section === 'cards') {
        controller.abort()
        throw new AppFailure({ kind: 'cancelled', message: 'The request was cancelled.' })
      }
      return view(query.section, {})
    }
    await expect(collectBundle({ account, tenant, read, shopper: false, signal: controller.signal })).rejects.toMatchObject({
      error: { kind: 'cancelled' },
    })
  })
})

describe('writeBundles', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundles-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function bundles(n: number): Promise<CustomerBundle[]> {
    const out: CustomerBundle[] = []
    for (let i = 0; i < n; i++) {
      out.push(
        await collectBundle({
          account: { ...account, id: 1001 + i },
          tenant,
          read: fakeReader(),
          shopper: true,
          signal: new AbortController().signal,
        }),
      )
    }
    return out
  }
  const from = (list: CustomerBundle[]) =>
    (async function* () {
      yield* list
    })()

  it('never writes a token the reader was given, masked or not', async () => {
    for (const redact of [false, true]) {
      const path = join(dir, `b-${redact}.jsonl`)
      await writeBundles({ source: from(await bundles(3)), path, format: 'jsonl', redact })
      const bytes = await readFile(path, 'utf8')
      expect(bytes).not.toContain(TOKEN)
      expect(bytes).not.toContain(REFRESH)
      expect(bytes).toContain('Kettle')
    }
  })

  it('one customer is one JSON document; many are JSON Lines, each line a valid bundle', async () => {
    const one = join(dir, 'one.json')
    await writeBundles({ source: from(await bundles(1)), path: one, format: 'json', redact: false })
    expect(checkBundle(JSON.parse(await readFile(one, 'utf8'))).account.id).toBe(1001)
    const many = join(dir, 'many.jsonl')
    const written = await writeBundles({ source: from(await bundles(3)), path: many, format: 'jsonl', redact: false })
    const lines = (await readFile(many, 'utf8')).trim().split('\n')
    expect(written.count).toBe(3)
    expect(lines.map((line) => checkBundle(JSON.parse(line)).account.id)).toEqual([1001, 1002, 1003])
  })

  it('masks a person the same way in the account and in every section, and says so', async () => {
    const path = join(dir, 'masked.json')
    await writeBundles({ source: from(await bundles(1)), path, format: 'json', redact: true })
    const text = await readFile(path, 'utf8')
    expect(text).not.toContain('ada@example.com')
    const bundle = checkBundle(JSON.parse(text))
    expect(bundle.redacted).toBe(true)
    const masked = bundle.account.emailAddress
    expect(masked).toMatch(/@redacted\.invalid$/)
    expect((bundle.sections.loginState as { data: { emailAddress: string } }).data.emailAddress).toBe(masked)
    expect(JSON.stringify(bundle.keyed?.order?.o1)).toContain(String(masked))
  })

  it('leaves an existing file alone unless replacing, and writes nothing when cancelled', async () => {
    const path = join(dir, 'exists.json')
    await writeFile(path, 'keep')
    await expect(writeBundles({ source: from(await bundles(1)), path, format: 'json', redact: false })).rejects.toBeInstanceOf(FileExists)
    expect(await readFile(path, 'utf8')).toBe('keep')
    const controller = new AbortController()
    const list = await bundles(2)
    const source = (async function* () {
      yield list[0]
      controller.abort()
      yield list[1]
    })()
    const other = join(dir, 'cancelled.jsonl')
    await expect(writeBundles({ source, path: other, format: 'jsonl', redact: false, signal: controller.signal })).rejects.toMatchObject({
      error: { kind: 'cancelled' },
    })
    await expect(readFile(other)).rejects.toThrow()
  })
})

describe('checkBundle: a bad file says what is wrong and where', () => {
  const good = (): Record<string, unknown> => ({
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt: at,
    tenant,
    account,
    sections: {},
    redacted: false,
  })
  const message = (value: unknown) => {
    try {
      checkBundle(value, 'line 3')
    } catch (error) {
      return (error as AppFailure).error
    }
    return null
  }

  it('accepts a good bundle', () => {
    expect(message(good())).toBeNull()
  })
  it('names a newer version and what to do', () => {
    expect(message({ ...good(), version: 2 })).toMatchObject({
      kind: 'bad-file',
      message: 'line 3 is a customer bundle of version 2; this app reads version 1.',
      hint: expect.stringContaining('newer'),
    })
  })
  it('names a missing account', () => {
    expect(message({ ...good(), account: undefined })).toMatchObject({
      message: 'line 3 has no customer account.',
      where: 'line 3.account',
    })
  })
  it('names a section of the wrong shape', () => {
    expect(message({ ...good(), sections: { cart: { readAt: at, tenant } } })?.message).toBe(
      "line 3's cart section must hold either data or an error.",
    )
    expect(message({ ...good(), sections: { cart: [] } })?.message).toBe("line 3's cart section is not an object.")
    expect(message({ ...good(), sections: { cart: { readAt: 'yesterday', tenant, data: {} } } })?.message).toBe(
      "line 3's cart section has no readAt time.",
    )
    expect(message({ ...good(), sections: { basket: { readAt: at, tenant, data: {} } } })?.message).toBe(
      'line 3 holds a section "basket" this app does not know.',
    )
    expect(message({ ...good(), keyed: { order: { o1: { readAt: at, tenant, error: 'boom' } } } })?.message).toBe(
      "line 3's order o1 has an error without a kind and message.",
    )
  })
  it('tells a plain account from a bundle', () => {
    expect(message(account)?.message).toBe('line 3 is not a customer bundle: its kind is null, not "kibo-customer-bundle".')
  })
})

describe('reading a section from a bundle', () => {
  const bundle: CustomerBundle = {
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt: at,
    tenant,
    account,
    redacted: false,
    sections: {
      auditLog: {
        readAt: at,
        tenant,
        data: { startIndex: 0, pageSize: 5, totalCount: 5, items: [1, 2, 3, 4, 5].map((id) => ({ id, note: 'x' })) },
      },
      cards: { readAt: at, tenant, error: { kind: 'forbidden', message: 'Kibo answered 403.', status: 403 } },
      loginState: { readAt: at, tenant, data: { isLocked: true, failedLoginAttemptCount: 3 } },
    },
    keyed: { order: { o1: { readAt: at, tenant, data: { id: 'o1', status: 'Submitted' } } } },
  }
  const source = { kind: 'bundle' as const, datasetId: 'd1', index: 0 }

  it('answers like live: from, time and tenant of the bundle, pages and responseFields applied', () => {
    const page = sectionFromBundle(bundle, {
      source,
      section: 'auditLog',
      startIndex: 2,
      pageSize: 2,
      responseFields: 'id',
    })
    expect(page).toMatchObject({ from: 'bundle', readAt: at, tenant, key: null, requestId: null })
    // Written against one entry, as live: the page envelope stays around the narrowed items.
    expect(page.data).toEqual({ startIndex: 2, pageSize: 2, pageCount: 3, totalCount: 5, items: [{ id: 3 }, { id: 4 }] })
    expect(sectionFromBundle(bundle, { source, section: 'order', key: 'o1' }).data).toEqual({ id: 'o1', status: 'Submitted' })
  })
  it('a section stored as an error fails with it; an absent one says it is not in this bundle', () => {
    expect(() => sectionFromBundle(bundle, { source, section: 'cards' })).toThrow(
      /Payment cards could not be read when the bundle was made .*Kibo answered 403/,
    )
    expect(() => sectionFromBundle(bundle, { source, section: 'cart' })).toThrow('Cart is not in this bundle.')
    expect(() => sectionFromBundle(bundle, { source, section: 'order', key: 'o9' })).toThrow('Order o9 is not in this bundle.')
    expect(() => sectionFromBundle(bundle, { source, section: 'loginState', filter: 'x eq 1' })).toThrow(/cannot be filtered/)
  })
  it('through Core: checks the record first, so a plain account file gets a clear message', async () => {
    const sections = new BundleSections(async (_id, index) => (index === 0 ? bundle : account))
    await expect(sections.readSection({ source, section: 'loginState' })).resolves.toMatchObject({ data: { isLocked: true } })
    await expect(sections.readSection({ source: { ...source, index: 1 }, section: 'loginState' })).rejects.toThrow(
      'Customer 2 of the file is not a customer bundle',
    )
  })
})

describe('compareBundles', () => {
  const base = (exportedAt: string, cart: unknown, orders: unknown[], extra: Partial<CustomerBundle['sections']> = {}): CustomerBundle => ({
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt,
    tenant,
    account,
    redacted: false,
    sections: {
      cart: { readAt: exportedAt, tenant, data: cart },
      orders: { readAt: exportedAt, tenant, data: { totalCount: orders.length, items: orders } },
      ...extra,
    },
  })
  const kettle = { id: 'i1', product: { productCode: 'P1', name: 'Kettle' }, quantity: 1 }
  const mug = { id: 'i2', product: { productCode: 'P2', name: 'Mug' }, quantity: 2 }

  it('says what changed in words, per section, since the earlier export', () => {
    const before = base(
      '2026-12-01T09:30:00Z',
      { items: [kettle, mug], couponCodes: [], total: 30 },
      [{ id: 'o1', orderNumber: 1001, status: 'Submitted' }],
      {
        credits: { readAt: at, tenant, data: { items: [{ code: 'GIFT1', currentBalance: 50 }] } },
        loginState: { readAt: at, tenant, data: { isLocked: false } },
      },
    )
    const after = base(
      '2026-12-03T12:00:00Z',
      {
        items: [{ ...kettle, quantity: 3 }],
        couponCodes: ['SAVE10'],
        invalidCoupons: [{ couponCode: 'OLD5', reason: 'Coupon expired' }],
        total: 27,
      },
      [
        { id: 'o1', orderNumber: 1001, status: 'Completed' },
        { id: 'o2', orderNumber: 1002, status: 'Submitted' },
      ],
      {
        credits: { readAt: at, tenant, data: { items: [{ code: 'GIFT1', currentBalance: 20 }] } },
        loginState: { readAt: at, tenant, data: { isLocked: true } },
      },
    )
    const result = compareBundles(before, after)
    expect(result.summary).toMatch(/^Since Tue, 1 Dec 2026 09:30 UTC: the cart lost an item \(Mug\) and gained a coupon \(SAVE10\);/)
    const cart = result.sections.find((s) => s.section === 'cart')
    expect(cart?.sentences).toEqual([
      'The cart lost an item (Mug) and gained a coupon (SAVE10).',
      'Kettle: quantity 1 → 3.',
      'Coupon OLD5 was refused: Coupon expired.',
      'Cart total 30 → 27.',
    ])
    expect(cart?.state).toBe('changed')
    expect(cart && cart.added + cart.removed + cart.changed).toBe(cart?.changes.length)
    expect(result.sections.find((s) => s.section === 'orders')?.sentences).toEqual([
      '1 new order (order 1002).',
      'Order 1001: Submitted → Completed.',
    ])
    expect(result.sections.find((s) => s.section === 'credits')?.sentences).toEqual(['Credit GIFT1 balance 50 → 20.'])
    expect(result.sections.find((s) => s.section === 'loginState')?.sentences).toEqual(['The login is now locked.'])
    expect(result.warnings).toEqual([])
  })

  it('says nothing changed for the same bundle, and warns about two customers or a section one side could not read', () => {
    const one = base(at, { items: [kettle] }, [])
    expect(compareBundles(one, one).summary).toBe('Since Tue, 1 Dec 2026 09:30 UTC: nothing changed.')
    expect(compareBundles(one, one).sections.every((s) => s.state === 'same')).toBe(true)
    const other = { ...base(at, { items: [kettle] }, []), account: { ...account, id: 2002 } }
    other.sections.cards = { readAt: at, tenant, error: { kind: 'forbidden', message: 'Kibo answered 403.' } }
    const result = compareBundles({ ...one, sections: { ...one.sections, cards: { readAt: at, tenant, data: [] } } }, other)
    expect(result.warnings[0]).toMatch(/two customers/)
    expect(result.sections.find((s) => s.section === 'cards')).toMatchObject({
      state: 'unreadable',
      sentences: [expect.stringContaining('the later bundle could not read it')],
    })
  })
})
