// The built-in demo tenant: one emulator, started on first use, and a secret only for the demo client.
import { describe, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { DEMO_CLIENT } from '../emulator'
import { DemoTenant } from './demo'

function profile(extra: Partial<Profile>): Profile {
  return {
    id: 'p',
    name: 'P',
    color: '#2f7d6d',
    environment: { kind: 'demo', tenant: 100001 },
    clientId: DEMO_CLIENT.clientId,
    target: {},
    responseFields: '',
    production: false,
    ...extra,
  }
}

describe('DemoTenant', () => {
  it('starts one emulator on first use, answers from it, and starts a new one after close', async () => {
    const demo = new DemoTenant()
    const [a, b] = await Promise.all([demo.url(), demo.url()])
    expect(a).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/)
    expect(b).toBe(a)
    expect(await demo.url()).toBe(a)
    const answer = await fetch(`${a}/platform/applications/authtickets/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret, grant_type: 'client_credentials' }),
    })
    expect(answer.status).toBe(200)
    await demo.close()
    await expect(fetch(`${a}/platform/applications/authtickets/oauth`, { method: 'POST' })).rejects.toThrow()
    await demo.close()
    // A closed emulator is not handed out again: the next use starts one that answers.
    const again = await demo.url()
    expect((await fetch(`${again}/platform/applications/authtickets/oauth`, { method: 'POST' })).status).toBeLessThan(500)
    await demo.close()
  })

  it('hands out the built-in secret only for a demo profile using the demo client', () => {
    const demo = new DemoTenant()
    expect(demo.builtInSecret(profile({}))).toBe(DEMO_CLIENT.clientSecret)
    expect(demo.builtInSecret(profile({ clientId: 'Other.App' }))).toBeNull()
    expect(demo.builtInSecret(profile({ environment: { kind: 'custom', tenant: 1, baseUrl: 'http://127.0.0.1:9/api' } }))).toBeNull()
  })
})
