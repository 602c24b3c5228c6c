// Impersonation per profile against the emulator: what leaves for the renderer holds no token,
// production asks first, missing settings are typed errors, and a deleted profile's answer never lands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { startEmulator, type Emulator } from '../emulator'
import { Inspector } from './inspector'
import { appErrorOf } from '../../../test/failures'

let emulator: Emulator
const signal = new AbortController().signal
const secrets = new Map<string, string>()
const profiles = new Map<string, Profile>()

function profile(id: string, extra: Partial<Profile> = {}): Profile {
  const p: Profile = {
    id,
    name: `Profile ${id}`,
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
    clientId: `Inspector.Test.${id}`,
    target: {},
    responseFields: '',
    production: false,
    ...extra,
  }
  profiles.set(id, p)
  secrets.set(id, `secret-of-${id}`)
  return p
}

const inspector = (timeoutMs?: () => number) =>
  new Inspector({
    getProfile: (id) => profiles.get(id),
    getSecret: async (p) => secrets.get(p.id) ?? null,
    demoUrl: async () => emulator.url,
    timeoutMs,
  })

beforeAll(async () => {
  emulator = await startEmulator({ seed: 4, accounts: 40 })
})
afterAll(() => emulator.close())

describe('Inspector', () => {
  it('impersonates and hands back the account and a ticket view without any token', async () => {
    profile('a')
    const view = await inspector().impersonate(
      'a',
      { target: { accountId: 1003 }, responseFields: 'customerAccount(id,emailAddress),userId' },
      signal,
    )
    expect(view.account?.id).toBe(1003)
    expect(view.account).toEqual({ id: 1003, emailAddress: expect.any(String) })
    expect(view.responseFields).toBe('customerAccount(id,emailAddress),userId')
    const text = JSON.stringify(view)
    for (const secret of emulator.issuedSecrets()) if (secret.length >= 8) expect(text).not.toContain(secret)
  })

  it('refreshes the ticket it holds, and says so when there is none', async () => {
    profile('b')
    const subject = inspector()
    expect(await appErrorOf(subject.refreshTicket('b', signal))).toMatchObject({
      kind: 'invalid-input',
      hint: 'Impersonate a customer first.',
    })
    const first = await subject.impersonate('b', { target: { accountId: 1004 } }, signal)
    const refreshed = await subject.refreshTicket('b', signal)
    expect(refreshed.userId).toBe(first.ticket.userId)
    expect(subject.ticketView('b')).toEqual(refreshed)
    subject.forget('b')
    expect(subject.ticketView('b')).toBeNull()
  })

  it('asks before acting on production, naming the tenant', async () => {
    profile('prod', { production: true, name: 'Acme live' })
    const subject = inspector()
    const asked = await appErrorOf(subject.impersonate('prod', { target: { accountId: 1005 } }, signal))
    expect(asked.kind).toBe('confirmation-required')
    expect(asked.message).toContain(`tenant ${emulator.tenant}`)
    expect((await subject.impersonate('prod', { target: { accountId: 1005 }, confirmProduction: true }, signal)).account?.id).toBe(1005)
  })

  it('turns missing settings into typed errors', async () => {
    const subject = inspector()
    profile('nosecret')
    secrets.delete('nosecret')
    expect((await appErrorOf(subject.impersonate('nosecret', { target: { accountId: 1006 } }, signal))).kind).toBe('secret-missing')
    profile('noclient', { clientId: ' ' })
    expect((await appErrorOf(subject.impersonate('noclient', { target: { accountId: 1006 } }, signal))).kind).toBe('config')
    profile('notarget')
    expect((await appErrorOf(subject.impersonate('notarget', { target: {} }, signal))).kind).toBe('invalid-input')
    expect((await appErrorOf(subject.impersonate('gone', { target: { accountId: 1006 } }, signal))).kind).toBe('not-found')
  })

  it('drops the answer of a profile deleted while its request ran', async () => {
    profile('deleted')
    const subject = inspector()
    const pending = subject.impersonate('deleted', { target: { accountId: 1007 } }, signal)
    profiles.delete('deleted') // before the answer can arrive
    expect((await appErrorOf(pending)).kind).toBe('cancelled')
    expect(subject.ticketView('deleted')).toBeNull()
  })

  it('drops the answer of a profile edited while its request ran', async () => {
    profile('edited')
    const subject = inspector()
    const pending = subject.impersonate('edited', { target: { accountId: 1010 } }, signal)
    subject.profileChanged('edited') // the person saved the profile meanwhile
    expect(await appErrorOf(pending)).toMatchObject({ kind: 'cancelled', hint: 'Run it again.' })
    expect(subject.ticketView('edited')).toBeNull()
  })

  it('picks up a new request timeout without fetching a new app token', async () => {
    profile('timeout')
    let timeout = 30_000
    const subject = inspector(() => timeout)
    const oauthCalls = () => emulator.requests.filter((r) => r.path.endsWith('/authtickets/oauth')).length
    await subject.impersonate('timeout', { target: { accountId: 1011 } }, signal)
    const before = oauthCalls()
    timeout = 5_000
    await subject.impersonate('timeout', { target: { accountId: 1011 } }, signal)
    expect(oauthCalls()).toBe(before)
  })

  it('keeps an app token per profile: a new secret for one profile leaves the other working', async () => {
    profile('x')
    profile('y')
    const subject = inspector()
    await subject.impersonate('x', { target: { accountId: 1008 } }, signal)
    await subject.impersonate('y', { target: { accountId: 1008 } }, signal)
    secrets.set('x', 'a-wrong-secret-for-x')
    subject.profileChanged('x')
    expect((await appErrorOf(subject.impersonate('x', { target: { accountId: 1008 } }, signal))).kind).toBe('auth-failed')
    expect((await subject.impersonate('y', { target: { accountId: 1009 } }, signal)).account?.id).toBe(1009)
  })
})
