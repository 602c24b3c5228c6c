import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { kiboEnvs, kiboRegions, type Environment } from '../../shared/profile'
import { resolveEndpoint } from './hosts'
import { authHostOptions } from '../../shared/kiboHosts'

function failureOf(fn: () => unknown): AppFailure {
  try {
    fn()
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure')
}

const suffix = { us: 'mozu.com', usc1: 'usc1.kibocommerce.com', euw1: 'euw1.kibocommerce.com' } as const
const home = { us: 'https://home.mozu.com/api', usc1: 'https://home.mozu.com/api', euw1: 'https://home.euw1.kibocommerce.com/api' } as const
const regionLabel = { us: 'US', usc1: 'US-C1', euw1: 'EU' } as const

describe('resolveEndpoint for Kibo hosts', () => {
  for (const region of kiboRegions) {
    for (const env of kiboEnvs[region]) {
      for (const site of [undefined, 678]) {
        it(`${region} ${env} ${site ? 'site' : 'tenant'} level`, () => {
          const e = resolveEndpoint({ kind: 'kibo', tenant: 12345, site, env, region })
          const who = site ? 't12345-s678' : 't12345'
          expect(e.baseUrl).toBe(`https://${who}.${env}.${suffix[region]}/api`)
          expect(e.authUrl).toBe(home[region])
          expect(e.headers).toEqual(site ? { 'x-vol-tenant': '12345', 'x-vol-site': '678' } : { 'x-vol-tenant': '12345' })
          expect(e.label).toBe(`${who} · ${env} · ${regionLabel[region]}`)
        })
      }
    }
  }

  it('adds catalog headers where set', () => {
    const e = resolveEndpoint({ kind: 'kibo', tenant: 1, site: 2, env: 'tp1', region: 'euw1', masterCatalog: 3, catalog: 4 })
    expect(e.headers).toEqual({ 'x-vol-tenant': '1', 'x-vol-site': '2', 'x-vol-master-catalog': '3', 'x-vol-catalog': '4' })
  })

  it('rejects an env that is not of the region, or a missing region', () => {
    const f = failureOf(() => resolveEndpoint({ kind: 'kibo', tenant: 1, env: 'sandbox', region: 'euw1' }))
    expect(f.error.kind).toBe('config')
    expect(f.error.where).toBe('env')
    expect(f.error.hint).toContain('sb, tp1')
    expect(failureOf(() => resolveEndpoint({ kind: 'kibo', tenant: 1, env: 'sb' } as Environment)).error.where).toBe('region')
  })

  it('rejects a bad tenant or site id', () => {
    expect(failureOf(() => resolveEndpoint({ kind: 'kibo', tenant: 0, env: 'sb', region: 'usc1' })).error.where).toBe('tenant')
    expect(failureOf(() => resolveEndpoint({ kind: 'kibo', tenant: 1, site: 1.5, env: 'sb', region: 'usc1' })).error.where).toBe('site')
  })
})

describe('auth hosts for Kibo profiles', () => {
  it('offers the home host and the tenant host of every region and environment; home is the default', () => {
    for (const region of kiboRegions)
      for (const env of kiboEnvs[region]) {
        const tenant = resolveEndpoint({ kind: 'kibo', tenant: 12345, site: 678, env, region, authHost: 'tenant' })
        // Tenant-host auth follows the environment: the sandbox's host for a sandbox, the pod's for production.
        expect(tenant.authUrl).toBe(`https://t12345.${env}.${suffix[region]}/api`)
        expect(resolveEndpoint({ kind: 'kibo', tenant: 12345, env, region, authHost: 'home' }).authUrl).toBe(home[region])
        expect(resolveEndpoint({ kind: 'kibo', tenant: 12345, env, region }).authUrl).toBe(home[region])
      }
  })

  it('names each choice for a person, sandbox or production by the environment', () => {
    expect(authHostOptions('us', 'sandbox', 12345)).toEqual([
      { value: 'home', url: 'https://home.mozu.com/api', label: 'US home host, sandbox and production (home.mozu.com)' },
      { value: 'tenant', url: 'https://t12345.sandbox.mozu.com/api', label: 'Tenant host, sandbox (t12345.sandbox.mozu.com)' },
    ])
    expect(authHostOptions('euw1', 'tp1', 7).map((o) => o.url)).toEqual([
      'https://home.euw1.kibocommerce.com/api',
      'https://t7.tp1.euw1.kibocommerce.com/api',
    ])
    expect(authHostOptions('usc1', 'sb', 7)[1].label).toBe('Tenant host, sandbox (t7.sb.usc1.kibocommerce.com)')
    expect(authHostOptions('usc1', 'tp2', 7)[1].label).toContain('production')
  })

  it('a typed auth URL overrides the choice, and is checked like any URL', () => {
    const e = resolveEndpoint({
      kind: 'kibo',
      tenant: 1,
      env: 'sb',
      region: 'euw1',
      authHost: 'tenant',
      authUrl: 'https://auth.example.com/',
    })
    expect(e.authUrl).toBe('https://auth.example.com/api')
    expect(
      failureOf(() => resolveEndpoint({ kind: 'kibo', tenant: 1, env: 'sb', region: 'euw1', authUrl: 'ftp://x/api' })).error.where,
    ).toBe('authUrl')
  })
})

describe('resolveEndpoint for custom and demo', () => {
  it('uses baseUrl for both when there is no authUrl, trailing slashes dropped', () => {
    const e = resolveEndpoint({ kind: 'custom', tenant: 7, baseUrl: 'https://kibo.example.com/api//' })
    expect(e).toEqual({
      baseUrl: 'https://kibo.example.com/api',
      authUrl: 'https://kibo.example.com/api',
      headers: { 'x-vol-tenant': '7' },
      label: 't7 · kibo.example.com',
    })
  })

  it('uses authUrl when given and appends /api to a bare host', () => {
    const e = resolveEndpoint({
      kind: 'custom',
      tenant: 7,
      site: 8,
      baseUrl: 'http://proxy.local:8080/kibo/api/',
      authUrl: 'https://home.mozu.com/',
    })
    expect(e.baseUrl).toBe('http://proxy.local:8080/kibo/api')
    expect(e.authUrl).toBe('https://home.mozu.com/api')
    expect(e.label).toBe('t7-s8 · proxy.local:8080')
  })

  it('rejects URLs that are not an API base', () => {
    const cases: [string, string][] = [
      ['https://kibo.example.com/v1', 'does not end in /api'],
      ['ftp://kibo.example.com/api', 'not supported'],
      ['https://user:pw@kibo.example.com/api', 'user name or password'],
      ['https://kibo.example.com/api?x=1', 'query or fragment'],
      ['not a url', 'not a valid URL'],
    ]
    for (const [baseUrl, message] of cases) {
      const f = failureOf(() => resolveEndpoint({ kind: 'custom', tenant: 7, baseUrl }))
      expect(f.error.kind).toBe('config')
      expect(f.error.message).toContain(message)
      expect(f.error.where).toBe('baseUrl')
    }
    // The password must not be echoed back.
    expect(
      JSON.stringify(failureOf(() => resolveEndpoint({ kind: 'custom', tenant: 7, baseUrl: 'https://u:hunter22@x.com/api' }))),
    ).not.toContain('hunter22')
  })

  it('demo uses the emulator URL and needs one', () => {
    const e = resolveEndpoint({ kind: 'demo', tenant: 100001, site: 100002 }, { demoUrl: 'http://127.0.0.1:4567/api/' })
    expect(e).toEqual({
      baseUrl: 'http://127.0.0.1:4567/api',
      authUrl: 'http://127.0.0.1:4567/api',
      headers: { 'x-vol-tenant': '100001', 'x-vol-site': '100002' },
      label: 't100001-s100002 · demo',
    })
    expect(failureOf(() => resolveEndpoint({ kind: 'demo', tenant: 100001 })).error.kind).toBe('config')
  })
})

describe('normaliseApiUrl and the other edges of resolveEndpoint', () => {
  const custom = (baseUrl: string) => resolveEndpoint({ kind: 'custom', tenant: 7, baseUrl })
  const errorOf = (fn: () => unknown) => failureOf(fn).error

  it('trims, keeps http, and names the URL it refuses', () => {
    expect(custom('  http://kibo.local:81  ').baseUrl).toBe('http://kibo.local:81/api')
    expect(custom('https://kibo.example.com/').baseUrl).toBe('https://kibo.example.com/api')
    expect(custom('https://kibo.example.com/API/api').baseUrl).toBe('https://kibo.example.com/API/api')
    expect(errorOf(() => custom('https://kibo.example.com/v1/'))).toEqual({
      kind: 'config',
      message: 'The URL https://kibo.example.com/v1 does not end in /api.',
      hint: 'Kibo API URLs end in /api, e.g. https://t12345.sandbox.mozu.com/api.',
      where: 'baseUrl',
    })
    expect(errorOf(() => custom('https://kibo.example.com/apix')).where).toBe('baseUrl')
    expect(errorOf(() => custom('https://kibo.example.com/x-api')).message).toContain('does not end in /api')
    expect(errorOf(() => custom('file:///api'))).toEqual({
      kind: 'config',
      message: 'file: URLs are not supported.',
      hint: 'Use an https:// URL.',
      where: 'baseUrl',
    })
  })

  it('a user name alone, a password alone, a fragment alone are each refused', () => {
    expect(errorOf(() => custom('https://user@kibo.example.com/api')).message).toBe('The URL must not carry a user name or password.')
    expect(errorOf(() => custom('https://:pw@kibo.example.com/api')).message).toBe('The URL must not carry a user name or password.')
    expect(errorOf(() => custom('https://kibo.example.com/api#x'))).toEqual({
      kind: 'config',
      message: 'The URL must not have a query or fragment.',
      hint: 'Remove everything from ? or # on.',
      where: 'baseUrl',
    })
    expect(errorOf(() => custom(' ')).message).toBe('The baseUrl is not a valid URL.')
  })

  it('a custom environment needs a base URL; an unknown kind is refused', () => {
    expect(errorOf(() => resolveEndpoint({ kind: 'custom', tenant: 7 }))).toEqual({
      kind: 'config',
      message: 'A custom environment needs a base URL.',
      hint: 'Enter the API base URL, ending in /api.',
      where: 'baseUrl',
    })
    expect(errorOf(() => resolveEndpoint({ kind: 'other', tenant: 7 } as unknown as Environment)).where).toBe('kind')
    expect(errorOf(() => resolveEndpoint({ kind: 'demo', tenant: 7 }, { demoUrl: 'nope' })).where).toBe('demoUrl')
    expect(errorOf(() => resolveEndpoint({ kind: 'custom', tenant: 7, baseUrl: 'https://a/api', authUrl: 'https://b/v2' })).where).toBe(
      'authUrl',
    )
  })

  it('a Kibo profile: region known, environment of that region', () => {
    expect(errorOf(() => resolveEndpoint({ kind: 'kibo', tenant: 1, env: 'sb', region: 'mars' } as unknown as Environment))).toEqual({
      kind: 'config',
      message: 'The profile has no Kibo region.',
      hint: 'Choose a region (US, US-C1 or EU).',
      where: 'region',
    })
    expect(errorOf(() => resolveEndpoint({ kind: 'kibo', tenant: 1, region: 'euw1' }))).toEqual({
      kind: 'config',
      message: 'No environment is not an environment of region euw1.',
      hint: 'Choose one of: sb, tp1.',
      where: 'env',
    })
  })

  it('tenant and site: positive 32-bit whole numbers; site 0 is refused, not dropped', () => {
    expect(errorOf(() => resolveEndpoint({ kind: 'custom', tenant: 2_147_483_648, baseUrl: 'https://a/api' }))).toEqual({
      kind: 'config',
      message: 'The tenant id must be a positive whole number.',
      hint: 'Enter the tenant id, e.g. 12345.',
      where: 'tenant',
    })
    expect(errorOf(() => resolveEndpoint({ kind: 'custom', tenant: 1, site: 0, baseUrl: 'https://a/api' }))).toEqual({
      kind: 'config',
      message: 'The site id must be a positive whole number.',
      hint: 'Enter the site id, e.g. 678, or leave it empty.',
      where: 'site',
    })
    expect(resolveEndpoint({ kind: 'custom', tenant: 1, site: 2_147_483_647, baseUrl: 'https://a/api' }).label).toBe('t1-s2147483647 · a')
  })

  it('catalog headers one at a time', () => {
    expect(resolveEndpoint({ kind: 'custom', tenant: 1, baseUrl: 'https://a/api', catalog: 4 }).headers).toEqual({
      'x-vol-tenant': '1',
      'x-vol-catalog': '4',
    })
    expect(resolveEndpoint({ kind: 'custom', tenant: 1, baseUrl: 'https://a/api', masterCatalog: 3 }).headers).toEqual({
      'x-vol-tenant': '1',
      'x-vol-master-catalog': '3',
    })
  })
})

describe('the demo environment', () => {
  it('without the emulator running says so, not that a URL is invalid', () => {
    expect(failureOf(() => resolveEndpoint({ kind: 'demo', tenant: 1 })).error).toEqual({
      kind: 'config',
      message: 'The demo server is not running.',
      hint: 'Restart the app, or choose a Kibo environment for this profile.',
    })
  })
})
