// The request timeout is a setting: a profile's next request after it changes runs with the new
// one (its client is rebuilt), and the impersonation reports how long Kibo took.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { startEmulator, type Emulator } from '../emulator'
import { Inspector } from './inspector'
import { appErrorOf } from '../../../test/failures'

let emulator: Emulator
const signal = new AbortController().signal

beforeAll(async () => {
  emulator = await startEmulator({ seed: 5, accounts: 20 })
})
afterAll(() => emulator.close())

function setup(timeoutMs: () => number) {
  const profile: Profile = {
    id: 'p',
    name: 'Timeout test',
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
    clientId: 'Inspector.Test.timeout',
    target: {},
    responseFields: '',
    production: false,
  }
  return new Inspector({
    getProfile: (id) => (id === profile.id ? profile : undefined),
    getSecret: async () => 'secret-for-timeout-test',
    demoUrl: async () => emulator.url,
    timeoutMs,
  })
}

describe('the request timeout setting', () => {
  it('applies to the next request of a profile whose client was built with the old one', async () => {
    let timeout = 30_000
    const inspector = setup(() => timeout)
    expect((await inspector.impersonate('p', { target: { accountId: 1002 } }, signal)).account?.id).toBe(1002)
    // Kibo now answers after 400 ms; a 100 ms timeout must give up first (the old 30 s would not).
    emulator.setFaults({ latencyMs: 400 })
    timeout = 100
    try {
      const failure = await appErrorOf(inspector.impersonate('p', { target: { accountId: 1002 } }, signal))
      expect(failure.kind).toBe('timeout')
      expect(failure.message).toContain('within 0.1 s')
    } finally {
      emulator.setFaults({})
    }
  })
})

describe('ImpersonationView.elapsedMs', () => {
  it('is the time Kibo took to answer, waits included', async () => {
    const inspector = setup(() => 30_000)
    emulator.setFaults({ latencyMs: 150 })
    try {
      const view = await inspector.impersonate('p', { target: { accountId: 1003 } }, signal)
      // The emulator holds each response (app token and impersonation) 150 ms before answering.
      expect(view.elapsedMs).toBeGreaterThanOrEqual(140)
      expect(view.elapsedMs).toBeLessThan(30_000)
    } finally {
      emulator.setFaults({})
    }
  })
})
