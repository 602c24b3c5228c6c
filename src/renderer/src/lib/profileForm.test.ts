import { describe, expect, it } from 'vitest'
import type { Profile } from '../../../shared/profile'
import {
  authHostChoices,
  authUrlMeaning,
  emptyForm,
  productionByEnvironment,
  fieldForIssuePath,
  formFromProfile,
  formsDiffer,
  formToInput,
  validateForm,
  withKind,
  withRegion,
  type ProfileForm,
} from './profileForm'

const kiboProfile: Profile = {
  id: 'p1',
  name: 'Acme sandbox',
  color: '#3b6fb6',
  environment: { kind: 'kibo', tenant: 12345, site: 67890, env: 'sandbox', region: 'us', masterCatalog: 1, catalog: 2 },
  clientId: 'Acme.Inspector.1.0.0.Release',
  target: { accountId: 1001, cartId: 'cart-9' },
  responseFields: 'customerAccount(id,emailAddress)',
  production: true,
}

const customProfile: Profile = {
  id: 'p2',
  name: 'Staging proxy',
  color: '#b5563c',
  environment: { kind: 'custom', tenant: 5, baseUrl: 'https://proxy.example.test/api', authUrl: 'https://home.example.test/api' },
  clientId: 'x',
  target: { userId: 'u-1' },
  responseFields: '',
  production: false,
}

const demoProfile: Profile = {
  id: 'demo',
  name: 'Demo tenant',
  color: '#2f7d6d',
  environment: { kind: 'demo', tenant: 100001, site: 100002 },
  clientId: 'AccountInspector.Demo.1.0.0.Release',
  target: { accountId: 1001 },
  responseFields: '',
  production: false,
}

const filled = (patch: Partial<ProfileForm> = {}): ProfileForm => ({ ...emptyForm(), name: 'New', tenant: '42', clientId: 'c', ...patch })

describe('round trip', () => {
  it.each([kiboProfile, customProfile, demoProfile])('form ↔ input keeps $name exactly', (profile) => {
    const result = validateForm(formFromProfile(profile))
    expect(result).toEqual({ ok: true, input: profile })
  })

  it('a form from a profile is not dirty; a change makes it dirty', () => {
    const form = formFromProfile(kiboProfile)
    expect(formsDiffer(form, formFromProfile(kiboProfile))).toBe(false)
    expect(formsDiffer(form, { ...form, name: 'Other' })).toBe(true)
    // Whitespace alone changes nothing that would be saved.
    expect(formsDiffer(form, { ...form, name: ` ${form.name} ` })).toBe(false)
  })
})

describe('formToInput', () => {
  it('turns empty optional numbers and texts into absent fields', () => {
    const input = formToInput(filled({ site: '  ', masterCatalog: '', catalog: '', accountId: '', cartId: ' ', userId: '' }))
    expect(input.environment).toEqual({ kind: 'kibo', tenant: 42, region: 'us', env: 'sandbox' })
    expect(input.target).toEqual({})
    expect('id' in input).toBe(false)
  })

  it('trims what a person typed', () => {
    const input = formToInput(filled({ name: '  Acme  ', tenant: ' 42 ', clientId: ' client ', cartId: ' c1 ', responseFields: ' id \n' }))
    expect(input.name).toBe('Acme')
    expect(input.environment.tenant).toBe(42)
    expect(input.clientId).toBe('client')
    expect(input.target.cartId).toBe('c1')
    expect(input.responseFields).toBe('id')
  })

  it('drops the fields of the other environment kinds', () => {
    const base = filled({ baseUrl: 'https://x.test/api', authUrl: 'https://y.test/api', region: 'euw1', env: 'tp1', site: '7' })
    // The auth URL is an override for a Kibo environment too.
    expect(formToInput({ ...base, kind: 'kibo' }).environment).toEqual({
      kind: 'kibo',
      tenant: 42,
      site: 7,
      region: 'euw1',
      env: 'tp1',
      authUrl: 'https://y.test/api',
    })
    expect(formToInput({ ...base, kind: 'custom' }).environment).toEqual({
      kind: 'custom',
      tenant: 42,
      site: 7,
      baseUrl: 'https://x.test/api',
      authUrl: 'https://y.test/api',
    })
    expect(formToInput({ ...base, kind: 'demo' }).environment).toEqual({ kind: 'demo', tenant: 42, site: 7 })
  })
})

describe('auth host', () => {
  it('offers the region’s home host and the tenant host of the environment, and keeps the choice', () => {
    const form = filled({ kind: 'kibo', region: 'euw1', env: 'sb', tenant: '42', authUrl: '' })
    expect(authHostChoices(form).map((o) => o.url)).toEqual([
      'https://home.euw1.kibocommerce.com/api',
      'https://t42.sb.euw1.kibocommerce.com/api',
    ])
    expect(formToInput(form).environment.authHost).toBeUndefined()
    const tenant = { ...form, authHost: 'tenant' as const }
    expect(formToInput(tenant).environment.authHost).toBe('tenant')
    expect(
      formFromProfile({ ...kiboProfile, environment: { kind: 'kibo', tenant: 42, region: 'euw1', env: 'sb', authHost: 'tenant' } })
        .authHost,
    ).toBe('tenant')
  })

  it('production follows the environment: a Kibo pod is production, a sandbox, custom URL or the demo is not', () => {
    const kibo = filled({ kind: 'kibo', region: 'us', env: 'sandbox' })
    expect(productionByEnvironment(kibo)).toBe(false)
    expect(productionByEnvironment({ ...kibo, env: 'tp1' })).toBe(true)
    expect(productionByEnvironment({ ...kibo, region: 'euw1', env: 'sb' })).toBe(false)
    expect(productionByEnvironment({ ...kibo, kind: 'custom', env: 'tp1' })).toBe(false)
    expect(productionByEnvironment({ ...kibo, kind: 'demo', env: 'tp1' })).toBe(false)
  })

  it('says what an empty auth URL means', () => {
    const kibo = filled({ kind: 'kibo', region: 'us', env: 'sandbox', tenant: '42', authUrl: '' })
    expect(authUrlMeaning(kibo)).toBe('Empty: the auth host chosen above issues application tokens, https://home.mozu.com/api.')
    expect(authUrlMeaning({ ...kibo, authHost: 'tenant' })).toContain('https://t42.sandbox.mozu.com/api')
    expect(authUrlMeaning({ ...kibo, kind: 'custom', baseUrl: 'https://proxy.test/api' })).toBe(
      'Empty: the base URL issues application tokens (tenant-host auth), https://proxy.test/api.',
    )
  })
})

describe('switching', () => {
  it('a region keeps an environment it has and otherwise takes its first', () => {
    expect(withRegion(filled({ region: 'us', env: 'tp1' }), 'euw1').env).toBe('tp1')
    expect(withRegion(filled({ region: 'us', env: 'sandbox' }), 'euw1').env).toBe('sb')
    expect(withRegion(filled({ region: 'us', env: 'stg1' }), 'usc1').env).toBe('sb')
  })

  it('the demo fills its tenant and client only when empty', () => {
    const fresh = withKind(emptyForm(), 'demo')
    expect([fresh.tenant, fresh.site, fresh.clientId]).toEqual(['100001', '100002', 'AccountInspector.Demo.1.0.0.Release'])
    const kept = withKind(filled({ tenant: '7', clientId: 'mine' }), 'demo')
    expect([kept.tenant, kept.clientId]).toEqual(['7', 'mine'])
    expect(withKind(filled(), 'custom').kind).toBe('custom')
  })
})

describe('validateForm', () => {
  it('places each problem under its field', () => {
    const result = validateForm({ ...emptyForm(), name: '  ', tenant: '', color: 'red', kind: 'custom', baseUrl: 'not a url' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.name).toBe('Give the profile a name.')
    expect(result.errors.tenant).toBe('Enter the tenant number.')
    expect(result.errors.color).toBe('A color is #rrggbb.')
    expect(result.errors.baseUrl).toBeTruthy()
  })

  it('says plainly when a number is not a number', () => {
    const result = validateForm(filled({ tenant: '12a', catalog: '-1', accountId: '1.5' }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.tenant).toBe('The tenant is a number, such as 12345.')
    expect(result.errors.catalog).toBe('The catalog is a number, such as 1.')
    expect(result.errors.accountId).toBe('The account id is a number.')
  })

  it('asks for a base URL for a custom environment', () => {
    const result = validateForm(filled({ kind: 'custom' }))
    expect(result).toEqual({ ok: false, errors: { baseUrl: 'A custom environment needs a base URL.' } })
  })

  it('accepts a minimal Kibo profile', () => {
    const result = validateForm(filled())
    expect(result.ok).toBe(true)
  })
})

describe('fieldForIssuePath', () => {
  it('maps ProfileInput paths to form fields', () => {
    expect(fieldForIssuePath(['name'])).toBe('name')
    expect(fieldForIssuePath(['environment', 'tenant'])).toBe('tenant')
    expect(fieldForIssuePath(['environment', 'baseUrl'])).toBe('baseUrl')
    expect(fieldForIssuePath(['environment'])).toBe('kind')
    expect(fieldForIssuePath(['target', 'cartId'])).toBe('cartId')
    expect(fieldForIssuePath(['target'])).toBe('accountId')
    expect(fieldForIssuePath(['somethingElse'])).toBe('')
    expect(fieldForIssuePath([])).toBe('')
  })
})
