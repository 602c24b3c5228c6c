// A 360 section read through the Inspector: from its own profile only, named after the tenant it
// came from, and, for what the shopper sees, only with the ticket held for that very account,
// refreshed first when it is about to expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { DEMO_CLIENT, startEmulator, type Emulator } from '../emulator'
import { Inspector } from './inspector'
import { appErrorOf } from '../../../test/failures'

let emulator: Emulator
const signal = new AbortController().signal
const profiles = new Map<string, Profile>()
const ACCOUNT = 1003
const OTHER = 1004

function profile(id: string, extra: Partial<Profile> = {}): Profile {
  const p: Profile = {
    id,
    name: `Profile ${id}`,
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
    clientId: `Sections.Test.${id}`,
    target: {},
    responseFields: '',
    production: false,
    ...extra,
  }
  profiles.set(id, p)
  return p
}

function inspector(now?: () => number) {
  return new Inspector({
    getProfile: (id) => profiles.get(id),
    getSecret: async (p) => (p.clientId === DEMO_CLIENT.clientId ? DEMO_CLIENT.clientSecret : `secret-of-${p.id}`),
    demoUrl: async () => emulator.url,
    now,
  })
}

const live = (profileId: string, accountId = ACCOUNT) => ({ kind: 'live' as const, profileId, accountId })
const refreshes = () => emulator.requests.filter((r) => r.path.endsWith('/authtickets/refresh')).length
const lastShopperCall = () => emulator.requests.filter((r) => r.path.startsWith('/api/commerce/orders')).at(-1)

beforeAll(async () => {
  emulator = await startEmulator({ seed: 5, accounts: 20 })
})
afterAll(() => emulator.close())

describe('Inspector.readSection', () => {
  it('reads a section only from the profile it names', async () => {
    profile('own')
    const subject = inspector()
    for (const source of [live('someone-else'), { kind: 'bundle' as const, datasetId: 'd', index: 0 }]) {
      expect((await appErrorOf(subject.readSection('own', { source, section: 'cards' }, signal))).kind).toBe('invalid-input')
    }
    expect((await appErrorOf(subject.readSection('gone', { source: live('gone'), section: 'cards' }, signal))).kind).toBe('not-found')
  })

  it('names the tenant by the endpoint of a custom profile and by its ids for the demo', async () => {
    profile('custom')
    const subject = inspector()
    const view = await subject.readSection('custom', { source: live('custom'), section: 'cards' }, signal)
    expect(view).toMatchObject({ section: 'cards', from: 'live', tenant: expect.stringContaining('127.0.0.1') })
    // The endpoint's label, not the description a demo profile gets.
    expect(view.tenant).not.toContain(' at http')
    profile('demo', { environment: { kind: 'demo', tenant: emulator.tenant, site: emulator.site }, clientId: DEMO_CLIENT.clientId })
    const demo = await subject.readSection('demo', { source: live('demo'), section: 'cards' }, signal)
    expect(demo.tenant).toBe(`tenant ${emulator.tenant}, site ${emulator.site} (built-in demo)`)
  })

  it('reads as the shopper only with the ticket held for that account', async () => {
    profile('shopper')
    const subject = inspector()
    const none = await appErrorOf(subject.readSection('shopper', { source: live('shopper'), section: 'orders' }, signal))
    expect(none).toMatchObject({ kind: 'invalid-input', where: 'ticket' })
    expect(none.hint).toContain(String(ACCOUNT))
    await subject.impersonate('shopper', { target: { accountId: OTHER } }, signal)
    const other = await appErrorOf(subject.readSection('shopper', { source: live('shopper'), section: 'orders' }, signal))
    expect(other).toMatchObject({ kind: 'invalid-input', where: 'ticket' })
    await subject.impersonate('shopper', { target: { accountId: ACCOUNT } }, signal)
    const before = refreshes()
    const view = await subject.readSection('shopper', { source: live('shopper'), section: 'orders' }, signal)
    expect(view.section).toBe('orders')
    expect(lastShopperCall()?.headers['x-vol-user-claims']).toEqual(expect.any(String))
    // A fresh ticket is used as it is.
    expect(refreshes()).toBe(before)
  })

  it('refreshes a ticket about to expire before reading as the shopper, and not one with time left', async () => {
    profile('expiring')
    let clock = Date.now()
    const subject = inspector(() => clock)
    await subject.impersonate('expiring', { target: { accountId: ACCOUNT } }, signal)
    const expires = Date.parse(subject.ticketView('expiring')!.accessTokenExpiration!)
    clock = expires - 5 * 60_000
    const before = refreshes()
    await subject.readSection('expiring', { source: live('expiring'), section: 'orders' }, signal)
    expect(refreshes()).toBe(before)
    clock = expires - 30_000
    await subject.readSection('expiring', { source: live('expiring'), section: 'orders' }, signal)
    expect(refreshes()).toBe(before + 1)
    expect(subject.ticketView('expiring')?.accountId).toBe(ACCOUNT)
  })

  it('shows the cart an impersonation named, and the current cart otherwise', async () => {
    profile('cart')
    const subject = inspector()
    const cart = emulator.data.carts[0]
    const cartCalls = () => emulator.requests.filter((r) => r.path.includes('/commerce/carts'))
    const before = cartCalls().length
    await subject.impersonate('cart', { target: { cartId: `  ${cart.cartId}  ` } }, signal)
    await subject.readSection('cart', { source: live('cart', cart.accountId), section: 'cart' }, signal)
    const named = cartCalls().slice(before)
    expect(named.some((r) => r.path.endsWith(`/commerce/carts/${cart.cartId}`))).toBe(true)
    expect(named.some((r) => r.path.endsWith('/commerce/carts/current'))).toBe(false)
    const middle = cartCalls().length
    // A blank cart id names no cart: the current one is shown.
    await subject.impersonate('cart', { target: { accountId: cart.accountId, cartId: '   ' } }, signal)
    await subject.readSection('cart', { source: live('cart', cart.accountId), section: 'cart' }, signal)
    expect(
      cartCalls()
        .slice(middle)
        .some((r) => r.path.endsWith('/commerce/carts/current')),
    ).toBe(true)
  })

  it('drops a section read while its profile was edited', async () => {
    profile('edited')
    const subject = inspector()
    const pending = subject.readSection('edited', { source: live('edited'), section: 'cards' }, signal)
    subject.profileChanged('edited')
    expect(await appErrorOf(pending)).toMatchObject({ kind: 'cancelled' })
  })
})

describe('Inspector, what it keeps per profile', () => {
  it('keeps the ticket when the profile changes, and forgets it, with the log, when told to', async () => {
    profile('kept')
    const subject = inspector()
    const view = await subject.impersonate('kept', { target: { accountId: ACCOUNT }, responseFields: '   ' }, signal)
    expect(view.responseFields).toBeNull()
    expect(view.ticket.accountId).toBe(ACCOUNT)
    subject.profileChanged('kept')
    expect(subject.ticketView('kept')).toEqual(view.ticket)
    expect(subject.requestLog.list({ profileId: 'kept' }).total).toBeGreaterThan(0)
    subject.forget('kept')
    expect(subject.ticketView('kept')).toBeNull()
    expect(subject.requestLog.list({ profileId: 'kept' }).total).toBe(0)
  })

  it('reuses one client and app token while the settings stay, and builds a new one when the client id changes', async () => {
    const p = profile('reuse')
    const subject = inspector()
    const oauth = () => emulator.requests.filter((r) => r.path.endsWith('/authtickets/oauth')).length
    await subject.getAccount('reuse', ACCOUNT, undefined, signal)
    const first = oauth()
    await subject.getAccount('reuse', ACCOUNT, undefined, signal)
    expect(oauth()).toBe(first)
    profiles.set('reuse', { ...p, clientId: 'Sections.Test.reuse2' })
    await subject.getAccount('reuse', ACCOUNT, undefined, signal)
    expect(oauth()).toBe(first + 1)
  })

  it('can forget or renew a profile it never called, and serves it normally afterwards', async () => {
    profile('fresh')
    const subject = inspector()
    subject.forget('fresh')
    subject.profileChanged('fresh')
    subject.profileChanged('fresh')
    expect((await subject.getAccount('fresh', ACCOUNT, undefined, signal)).id).toBe(ACCOUNT)
    expect((await subject.impersonate('fresh', { target: { accountId: ACCOUNT } }, signal)).account?.id).toBe(ACCOUNT)
  })

  it('dates a section by its own clock, and calls the demo server only for a demo profile', async () => {
    profile('clock')
    let demoCalls = 0
    const subject = new Inspector({
      getProfile: (id) => profiles.get(id),
      getSecret: async (p) => `secret-of-${p.id}`,
      demoUrl: async () => {
        demoCalls++
        return emulator.url
      },
      now: () => Date.parse('2026-01-02T03:04:05.000Z'),
    })
    const view = await subject.readSection('clock', { source: live('clock'), section: 'cards' }, signal)
    expect(view.readAt).toBe('2026-01-02T03:04:05.000Z')
    expect(demoCalls).toBe(0)
  })

  it('keeps the account it asked for when Kibo leaves the account out of the ticket', async () => {
    profile('fields')
    const view = await inspector().impersonate('fields', { target: { accountId: ACCOUNT }, responseFields: 'userId' }, signal)
    expect(view.account).toBeNull()
    expect(view.ticket.accountId).toBe(ACCOUNT)
  })

  it('says what to do about a missing client id, secret or production confirmation', async () => {
    const subject = new Inspector({ getProfile: (id) => profiles.get(id), getSecret: async () => null, demoUrl: async () => emulator.url })
    profile('hints-client', { clientId: ' ' })
    profile('hints-secret')
    profile('hints-prod', { production: true })
    const target = { target: { accountId: ACCOUNT } }
    expect(await appErrorOf(subject.impersonate('hints-client', target, signal))).toMatchObject({
      kind: 'config',
      hint: expect.any(String),
    })
    expect(await appErrorOf(subject.impersonate('hints-secret', target, signal))).toMatchObject({
      kind: 'secret-missing',
      hint: expect.any(String),
    })
    expect(await appErrorOf(subject.impersonate('hints-prod', target, signal))).toMatchObject({
      kind: 'confirmation-required',
      hint: expect.any(String),
    })
  })

  it('stops a search or a listing the person cancelled', async () => {
    profile('stop')
    const subject = inspector()
    const cancelled = AbortSignal.abort()
    expect((await appErrorOf(subject.searchAccounts('stop', { startIndex: 0, pageSize: 5 }, cancelled))).kind).toBe('cancelled')
    const listing = async () => {
      for await (const page of await subject.allAccounts('stop', {}, cancelled)) expect(page).toBeDefined()
    }
    expect((await appErrorOf(listing())).kind).toBe('cancelled')
  })

  it('lists every account of the tenant, page by page', async () => {
    profile('all')
    const pages = await inspector().allAccounts('all', {}, signal)
    const ids: number[] = []
    for await (const page of pages) ids.push(...page.map((a) => a.id!))
    expect(ids).toHaveLength(20)
    expect(new Set(ids).size).toBe(20)
  })
})
