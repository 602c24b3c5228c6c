import { describe, expect, it } from 'vitest'
import { describeEnvironment } from './describe'

describe('describeEnvironment', () => {
  it('names the tenant, the site when there is one, and where requests go', () => {
    expect(describeEnvironment({ kind: 'demo', tenant: 100001, site: 100002 })).toBe('tenant 100001, site 100002 (built-in demo)')
    expect(describeEnvironment({ kind: 'demo', tenant: 100001 })).toBe('tenant 100001 (built-in demo)')
    expect(describeEnvironment({ kind: 'custom', tenant: 5, baseUrl: 'https://kibo.example.test/api' })).toBe(
      'tenant 5 at https://kibo.example.test/api',
    )
    expect(describeEnvironment({ kind: 'kibo', tenant: 12345, site: 678, env: 'sandbox', region: 'us' })).toBe(
      'tenant 12345, site 678 (sandbox, US)',
    )
    expect(describeEnvironment({ kind: 'kibo', tenant: 12345, env: 'production', region: 'euw1' })).toBe('tenant 12345 (production, euw1)')
  })
})
