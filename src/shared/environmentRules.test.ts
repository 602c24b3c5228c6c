// Where a profile points, as the profile editor and a profiles file are checked: a Kibo host needs
// an environment of its region, a custom one a base URL, and each problem names its field.
import { describe, expect, it } from 'vitest'
import { environmentSchema, profileSchema } from './profile'

function problems(environment: unknown) {
  const result = environmentSchema.safeParse(environment)
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
}

describe('environmentSchema', () => {
  it('accepts a Kibo host named by an environment of its region, a custom base URL, and the demo', () => {
    expect(problems({ kind: 'kibo', tenant: 100, env: 'sandbox', region: 'us' })).toEqual([])
    expect(problems({ kind: 'kibo', tenant: 100, env: 'sb', region: 'euw1' })).toEqual([])
    expect(problems({ kind: 'custom', tenant: 100, baseUrl: 'http://127.0.0.1:5000/api' })).toEqual([])
    expect(problems({ kind: 'demo', tenant: 100 })).toEqual([])
  })

  it('asks for the environment and the region of a Kibo host, each on its own field', () => {
    expect(problems({ kind: 'kibo', tenant: 100 })).toEqual([
      { path: 'env', message: 'Choose an environment (sandbox, tp1, …).' },
      { path: 'region', message: 'Choose a region.' },
    ])
    expect(problems({ kind: 'kibo', tenant: 100, region: 'us' })).toEqual([
      { path: 'env', message: 'Choose an environment (sandbox, tp1, …).' },
    ])
    expect(problems({ kind: 'kibo', tenant: 100, env: 'tp1' })).toEqual([{ path: 'region', message: 'Choose a region.' }])
  })

  it('refuses an environment that its region does not have, naming both', () => {
    expect(problems({ kind: 'kibo', tenant: 100, env: 'sandbox', region: 'euw1' })).toEqual([
      { path: 'env', message: 'sandbox is not an environment of region euw1.' },
    ])
    expect(problems({ kind: 'kibo', tenant: 100, env: 'stg1', region: 'usc1' })).toEqual([
      { path: 'env', message: 'stg1 is not an environment of region usc1.' },
    ])
  })

  it('asks a custom environment for its base URL, and only a custom one', () => {
    expect(problems({ kind: 'custom', tenant: 100 })).toEqual([{ path: 'baseUrl', message: 'A custom environment needs a base URL.' }])
    expect(problems({ kind: 'demo', tenant: 100 })).toEqual([])
  })

  it('checks the environment inside a whole profile', () => {
    const profile = {
      id: 'p',
      name: 'Acme',
      color: '#2f7d6d',
      environment: { kind: 'kibo', tenant: 100, env: 'sandbox', region: 'euw1' },
      clientId: 'Acme.App.1.0.0.Release',
      target: {},
      responseFields: '',
      production: false,
    }
    const result = profileSchema.safeParse(profile)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['environment', 'env'])
  })
})
