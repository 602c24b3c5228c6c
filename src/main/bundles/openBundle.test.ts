// Opening a bundle file and reading its sections back, through the real dataset worker: the path
// a customer view takes offline (customer.section with a bundle source → core.bundles).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type BundledSection, type CustomerBundle } from '../../shared/customer360'
import { appErrorOf } from '../../../test/failures'
import { DatasetRegistry } from '../datasets'
import { parseAccountFile } from '../datasets/parseFile'
import { compareBundles } from './compare'
import { createBundleSections, recordOf } from './index'
import { writeBundles } from './writer'

const dir = mkdtempSync(join(tmpdir(), 'open-bundle-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bundle-access-token-5e1c'
const tenant = 't100001-s100002 demo'
const readAt = '2026-12-01T09:30:00.000Z'
const ok = (data: unknown): BundledSection => ({ readAt, tenant, data })

/** A customer whose every section names them, so a section from the wrong customer shows. */
function customer(id: number, first: string): CustomerBundle {
  const email = `${first.toLowerCase()}@example.com`
  return {
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt: readAt,
    tenant,
    account: { id, firstName: first, lastName: 'Tester', emailAddress: email, userName: email },
    sections: {
      auditLog: ok({ startIndex: 0, pageSize: 3, totalCount: 3, items: [1, 2, 3].map((n) => ({ id: `${id}-a${n}`, createBy: email })) }),
      loginState: ok({ isLocked: false, failedLoginAttemptCount: id % 7, emailAddress: email }),
      cards: { readAt, tenant, error: { kind: 'forbidden', message: `Kibo refused the cards of ${first} (403).`, status: 403 } },
      transactions: ok([{ transactionId: `t-${id}`, amount: id }]),
      credits: ok({ items: [{ code: `GC-${id}`, currentBalance: 5 }] }),
      visits: ok({ startIndex: 0, pageSize: 50, totalCount: 1, items: [{ id: `v-${id}` }] }),
      b2b: ok(null),
      cart: ok({ id: `cart-${id}`, items: [{ id: `i-${id}`, product: { productCode: `P${id}`, name: `Kettle ${first}` }, quantity: 1 }] }),
      orders: ok({ startIndex: 0, pageSize: 200, totalCount: 1, items: [{ id: `o-${id}`, orderNumber: id, status: 'Submitted' }] }),
      wishlists: ok({ items: [{ id: `w-${id}`, name: `${first}'s list` }] }),
    },
    keyed: {
      order: {
        [`o-${id}`]: ok({ id: `o-${id}`, orderNumber: id, billingInfo: { billingContact: { email } } }),
      },
    },
    redacted: false,
  }
}

const names = ['Ada', 'Grace', 'Edsger', 'Barbara']
const everyone = names.map((name, k) => customer(1001 + k, name))
const lines = (bundles: unknown[]) => bundles.map((b) => JSON.stringify(b)).join('\n') + '\n'

let registry = new DatasetRegistry()
afterEach(async () => {
  await registry.closeAll()
  registry = new DatasetRegistry()
})

async function open(name: string, text: string) {
  const path = join(dir, name)
  writeFileSync(path, text)
  const handle = await registry.open(path)
  return { path, handle, sections: createBundleSections(registry) }
}

describe('opening a customer bundle file', () => {
  it('JSON Lines: lists every customer and reads every section from that customer', async () => {
    const { handle, sections } = await open('many.jsonl', lines(everyone))
    expect(handle.summary).toMatchObject({ shape: 'jsonl', count: 4, bundles: 4, warnings: [] })
    for (const [index, expected] of everyone.entries()) {
      const source = { kind: 'bundle' as const, datasetId: handle.summary.id, index }
      expect(await handle.account(index)).toEqual(expected.account)
      for (const section of [
        'auditLog',
        'loginState',
        'transactions',
        'credits',
        'visits',
        'b2b',
        'cart',
        'orders',
        'wishlists',
      ] as const) {
        const view = await sections.readSection({ source, section })
        const stored = expected.sections[section] as { data: unknown }
        expect(view).toMatchObject({ section, key: null, from: 'bundle', readAt, tenant, requestId: null })
        expect(view.data).toEqual(stored.data)
      }
      const order = await sections.readSection({ source, section: 'order', key: `o-${expected.account.id}` })
      expect(order.data).toMatchObject({ orderNumber: expected.account.id })
    }
  })

  it('a section that failed when exported comes back as that failure, in its own kind and words', async () => {
    const { handle, sections } = await open('failed.jsonl', lines(everyone))
    const error = await appErrorOf(
      sections.readSection({ source: { kind: 'bundle', datasetId: handle.summary.id, index: 1 }, section: 'cards' }),
    )
    expect(error.kind).toBe('forbidden')
    expect(error.status).toBe(403)
    expect(error.message).toContain('Kibo refused the cards of Grace (403).')
    expect(error.message).toContain(readAt)
  })

  it('a single-document bundle opens as one customer with all its sections', async () => {
    const { handle, sections } = await open('one.json', JSON.stringify(everyone[2], null, 2))
    expect(handle.summary).toMatchObject({ shape: 'account', count: 1, bundles: 1 })
    const cart = await sections.readSection({ source: { kind: 'bundle', datasetId: handle.summary.id, index: 0 }, section: 'cart' })
    expect(cart.data).toEqual((everyone[2].sections.cart as { data: unknown }).data)
  })

  it('tokens in a hand-edited bundle never come back, at the top or deep in a section', async () => {
    const withTokens = everyone.map((bundle) => ({
      ...bundle,
      accessToken: TOKEN,
      sections: { ...bundle.sections, cart: ok({ id: 'cart', items: [], jwtAccessToken: TOKEN, nested: [{ refreshToken: TOKEN }] }) },
    }))
    const { handle, sections } = await open('tokens.jsonl', lines(withTokens))
    for (const index of [0, 3]) {
      const source = { kind: 'bundle' as const, datasetId: handle.summary.id, index }
      const cart = await sections.readSection({ source, section: 'cart' })
      expect(JSON.stringify(cart)).not.toContain(TOKEN)
      expect(cart.data).toMatchObject({ id: 'cart', items: [] })
      expect(JSON.stringify(await recordOf(registry, handle.summary.id, index))).not.toContain(TOKEN)
    }
  })

  it('a masked export reads back masked, in the account and in every section', async () => {
    const path = join(dir, 'masked.jsonl')
    await writeBundles({
      source: (async function* () {
        yield* everyone
      })(),
      path,
      format: 'jsonl',
      redact: true,
    })
    const text = readFileSync(path, 'utf8')
    for (const name of names) expect(text).not.toContain(`${name.toLowerCase()}@example.com`)
    const handle = await registry.open(path)
    const sections = createBundleSections(registry)
    const source = { kind: 'bundle' as const, datasetId: handle.summary.id, index: 0 }
    const account = await handle.account(0)
    expect(account.emailAddress).toMatch(/@redacted\.invalid$/)
    const login = (await sections.readSection({ source, section: 'loginState' })).data as { emailAddress: string }
    // One mask per export: the same person masks the same way in the account and in each section.
    expect(login.emailAddress).toBe(account.emailAddress)
    const order = (await sections.readSection({ source, section: 'order', key: 'o-1001' })).data as {
      billingInfo: { billingContact: { email: string } }
    }
    expect(order.billingInfo.billingContact.email).toBe(account.emailAddress)
    expect(((await recordOf(registry, handle.summary.id, 0)) as CustomerBundle).redacted).toBe(true)
  })

  it('a malformed line is left out with a message naming it; the other customers open and keep their own sections', async () => {
    const noReadAt = { ...everyone[1], sections: { ...everyone[1].sections, cart: { tenant, data: {} } } }
    const text = [everyone[0], '{"kind": "kibo-customer-bundle", "version": 1, tru}', noReadAt, everyone[3]]
      .map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))
      .join('\n')
    const { handle, sections } = await open('broken.jsonl', text + '\n')
    expect(handle.summary.count).toBe(2)
    expect(handle.summary.bundles).toBe(2)
    expect(handle.summary.warnings).toHaveLength(1)
    const warning = handle.summary.warnings[0]
    expect(warning).toMatch(/^2 lines are not usable customer bundles and were left out; the other 2 customers are open\./)
    expect(warning).toContain('Line 2 is not valid JSON')
    expect(warning).toContain("Line 3's cart section has no readAt time.")
    expect(warning).toContain('Export those customers again.')
    // Position 1 is now line 4's customer: its sections, not line 3's.
    expect((await handle.account(1)).firstName).toBe('Barbara')
    const cart = await sections.readSection({ source: { kind: 'bundle', datasetId: handle.summary.id, index: 1 }, section: 'cart' })
    expect(cart.data).toMatchObject({ id: 'cart-1004' })
  })

  it('a malformed single bundle refuses the file, saying what is wrong', async () => {
    const bad = { ...everyone[0], sections: { ...everyone[0].sections, loginState: { readAt, tenant } } }
    const error = await appErrorOf(open('bad-one.json', JSON.stringify(bad)))
    expect(error.kind).toBe('bad-file')
    expect(error.message).toBe("bad-one.json's loginState section must hold either data or an error.")
  })

  it('sections are read from the file as opened: a file changed since is refused, not misread', async () => {
    const { path, handle, sections } = await open('changed.jsonl', lines(everyone))
    const source = { kind: 'bundle' as const, datasetId: handle.summary.id, index: 2 }
    expect((await sections.readSection({ source, section: 'cart' })).data).toMatchObject({ id: 'cart-1003' })
    appendFileSync(path, JSON.stringify(customer(2000, 'Late')) + '\n')
    const other = { ...source, index: 3 }
    const error = await appErrorOf(sections.readSection({ source: other, section: 'cart' }))
    expect(error).toMatchObject({ kind: 'bad-file', hint: 'Open the file again.' })
    expect(error.message).toContain('changed on disk')
  })

  it('a plain account file has no sections to read, and says so', async () => {
    const { handle, sections } = await open('plain.jsonl', lines(everyone.map((b) => b.account)))
    expect(handle.summary.bundles).toBeUndefined()
    const error = await appErrorOf(
      sections.readSection({ source: { kind: 'bundle', datasetId: handle.summary.id, index: 0 }, section: 'cart' }),
    )
    expect(error.kind).toBe('not-found')
    expect(error.message).toContain('plain account, not a customer bundle')
    const past = await appErrorOf(
      sections.readSection({ source: { kind: 'bundle', datasetId: handle.summary.id, index: 9 }, section: 'cart' }),
    )
    expect(past).toMatchObject({ kind: 'not-found' })
  })

  it('two customers of one file compare section by section', async () => {
    const later = customer(1001, 'Ada')
    later.exportedAt = '2026-12-03T10:00:00.000Z'
    later.sections.cart = ok({ id: 'cart-1001', items: [], couponCodes: ['TENOFF'] })
    const { handle } = await open('two.jsonl', lines([everyone[0], later]))
    const [before, after] = await Promise.all([0, 1].map((index) => recordOf(registry, handle.summary.id, index)))
    const comparison = compareBundles(before as CustomerBundle, after as CustomerBundle)
    const cart = comparison.sections.find((s) => s.section === 'cart')
    expect(cart?.sentences.join(' ')).toMatch(/lost .*Kettle Ada/)
    expect(cart?.sentences.join(' ')).toMatch(/TENOFF/)
  })
})

describe('parseAccountFile with bundles', () => {
  it('keeps only where each bundle lies, not the bundles: what it hands back is read from disk', () => {
    const path = join(dir, 'spans.jsonl')
    writeFileSync(path, lines(everyone))
    const parsed = parseAccountFile(path)
    expect(parsed.accounts.map((a) => a.id)).toEqual([1001, 1002, 1003, 1004])
    expect(parsed.bundles.size).toBe(4)
    const first = parsed.bundles.record(3) as CustomerBundle
    const again = parsed.bundles.record(3)
    expect(again).toBe(first)
    const fresh = parsed.bundles.record(2) as CustomerBundle
    expect(fresh.account).toEqual(everyone[2].account)
    // Read back, not kept: its account is a copy of the listed one, equal but not the same object.
    expect(fresh.account).not.toBe(parsed.accounts[2])
  })
})

describe('createBundleSections', () => {
  it('fetches the customer on screen once for all its views, and a file opened again afresh', async () => {
    const asked: string[] = []
    const handle = (name: string) => ({
      record: async (index: number) => {
        asked.push(`${name}:${index}`)
        return everyone[index]
      },
    })
    let current = handle('first')
    const sections = createBundleSections({
      get: () => current as never,
      record: async () => {
        throw new Error('not asked when the file is open')
      },
    })
    const source = (index: number) => ({ kind: 'bundle' as const, datasetId: 'd1', index })
    for (const section of ['cart', 'orders', 'wishlists', 'loginState'] as const) await sections.readSection({ source: source(1), section })
    expect(asked).toEqual(['first:1'])
    expect((await sections.readSection({ source: source(2), section: 'cart' })).data).toMatchObject({ id: 'cart-1003' })
    await sections.readSection({ source: source(1), section: 'cart' })
    expect(asked).toEqual(['first:1', 'first:2', 'first:1'])
    current = handle('reopened')
    await sections.readSection({ source: source(1), section: 'cart' })
    expect(asked).toEqual(['first:1', 'first:2', 'first:1', 'reopened:1'])
  })
})
