// Faults the emulator injects on one section's own call: that section fails with the kind a
// person can act on (the refusal naming the section and the behaviour, or the ticket), and the
// account's other sections still load from the same emulator right after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUNDLE_KIND, sectionIds, type CustomerBundle, type SectionId } from '../../shared/customer360'
import { sectionFromBundle } from '../bundles/reader'
import { appErrorOf } from '../../../test/failures'
import { startEmulator, type Emulator, type FaultKind } from '../emulator'
import { emulatorClient } from '../../../test/emulatorKit'
import type { KiboClient } from '../kibo/client'
import * as shopper from '../kibo/shopper'
import { readLiveSection, type SectionContext } from './sections'

let emu: Emulator
let client: KiboClient
let ctx: SectionContext
let accountId: number
let orderId: string
const signal = new AbortController().signal

beforeAll(async () => {
  emu = await startEmulator({ seed: 7, accounts: 30 })
  client = emulatorClient(emu, {
    timeoutMs: 5000,
  })
  // A B2B account has every section, the B2B one included.
  accountId = emu.data.accounts.find((a) => a.accountType === 'B2B')?.id as number
  const ticket = await client.impersonateCart({ accountId }, { signal })
  const claims = { accessToken: ticket.data.accessToken as string }
  orderId = (await shopper.orders(client, claims, accountId, { pageSize: 1 }, signal)).data.items?.[0]?.id ?? ''
  if (!orderId) throw new Error(`The emulator's B2B account ${accountId} has no order to read.`)
  ctx = { client, accountId, tenant: 'emulator', shopperTicket: async () => ({ claims, cartId: null }) }
})
afterAll(() => emu.close())

/**
 * A substring of the path of each section's own first call, and of no other call. The credits
 * list, the B2B account and the order list have none (their paths begin every call of theirs):
 * sections.test.ts covers them against the scripted stub.
 */
const unmatched = new Set<SectionId>(['credits', 'b2b', 'orders'])
const firstCall = (section: SectionId): string =>
  ({
    auditLog: '/AuditLog/Entries',
    loginState: '/loginstate',
    cards: `/accounts/${accountId}/cards`,
    transactions: `/accounts/${accountId}/transactions`,
    purchaseOrder: '/purchaseOrderAccount',
    credits: '',
    visits: '/customer/visits',
    b2b: '',
    cart: '/carts/current',
    orders: '',
    order: `/orders/${orderId}`,
    wishlists: '/commerce/wishlists',
  })[section]

const query = (section: SectionId) => ({
  source: { kind: 'live' as const, profileId: 'p', accountId },
  section,
  ...(section === 'order' ? { key: orderId } : {}),
})

const injected: { fault: FaultKind; times: number }[] = [
  { fault: 'http401', times: 2 }, // the first refusal fetches a new application token; the second stands
  { fault: 'http429', times: 1 },
  { fault: 'http500', times: 1 },
  { fault: 'http503', times: 1 },
  { fault: 'reset', times: 1 },
  { fault: 'malformed', times: 1 },
  { fault: 'truncated', times: 1 },
]
const shopperSide = new Set<SectionId>(['cart', 'orders', 'order', 'wishlists'])

describe('a fault the emulator injects on one section', () => {
  const cases = sectionIds.filter((s) => !unmatched.has(s)).flatMap((section) => injected.map((f) => ({ section, ...f })))
  it.each(cases)('$section with $fault: that section fails, then every other loads', async ({ section, fault, times }) => {
    const match = firstCall(section)
    emu.setFaults({ rules: [{ fault, times, match, retryAfterSeconds: 1 }] })
    const error = await appErrorOf(readLiveSection(ctx, query(section), signal))
    const expected = {
      http401: shopperSide.has(section) ? 'auth-expired' : 'auth-failed',
      http429: 'rate-limited',
      http500: 'server',
      http503: 'server',
      reset: 'network',
      malformed: 'bad-response',
      truncated: 'bad-response',
    }[fault]
    expect(error.kind).toBe(expected)
    if (fault === 'http401' && shopperSide.has(section)) expect(error.where).toBe('ticket')
    if (fault === 'http401' && !shopperSide.has(section)) {
      expect(error.message).toContain('the application lacks the behaviour to read this section')
      expect(error.hint).toContain('Dev Center')
    }
    const others = await Promise.allSettled(sectionIds.filter((s) => s !== section).map((s) => readLiveSection(ctx, query(s), signal)))
    expect(others.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([])
  })
})

describe('narrowed live and from a bundle alike', () => {
  /** An item-level expression per section, on fields the emulator fills. */
  const expressions: Record<SectionId, string> = {
    auditLog: 'entryDate,fieldPath',
    loginState: 'isLocked',
    cards: 'cardType',
    transactions: 'transactionId',
    purchaseOrder: 'creditLimit',
    credits: 'currentBalance',
    visits: 'date',
    b2b: 'companyOrOrganization',
    cart: 'total',
    orders: 'orderNumber',
    order: 'orderNumber',
    wishlists: 'name',
  }

  it('each section narrowed by Kibo and the app shows what the same expression shows from a bundle of its full answer', async () => {
    emu.setFaults({})
    const bundle: CustomerBundle = {
      kind: BUNDLE_KIND,
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      tenant: 'emulator',
      account: { id: accountId },
      sections: {},
      keyed: { order: {} },
      redacted: false,
    }
    const fullData = new Map<SectionId, unknown>()
    for (const section of sectionIds) {
      const full = await readLiveSection(ctx, query(section), signal)
      fullData.set(section, full.data)
      const stored = { readAt: full.readAt, tenant: full.tenant, data: full.data }
      if (section === 'order') (bundle.keyed as { order: Record<string, typeof stored> }).order[orderId] = stored
      else bundle.sections[section] = stored
    }
    for (const section of sectionIds) {
      const responseFields = expressions[section]
      const live = await readLiveSection(ctx, { ...query(section), responseFields }, signal)
      const fromFile = sectionFromBundle(bundle, {
        ...query(section),
        source: { kind: 'bundle', datasetId: 'd', index: 0 },
        responseFields,
      })
      expect(fromFile.data, section).toEqual(live.data)
      // And the expression did narrow: the full answer differs.
      expect(JSON.stringify(live.data).length, section).toBeLessThan(JSON.stringify(fullData.get(section)).length)
    }
  })
})
