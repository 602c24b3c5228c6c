// What a bundle must hold before any view trusts it: each problem, where it is, and what to do.
import { describe, expect, it } from 'vitest'
import { BUNDLE_KIND, type CustomerBundle } from '../../shared/customer360'
import type { AppError } from '../../shared/errors'
import { checkBundle, storedSection } from './format'

const tenant = 't100001-s100002 demo'
const at = '2026-12-01T09:30:00.000Z'
const again = 'Export the customer bundle again from Account Inspector.'

const good = (): Record<string, unknown> => ({
  kind: BUNDLE_KIND,
  version: 1,
  exportedAt: at,
  tenant,
  account: { id: 1001 },
  sections: {},
  redacted: false,
})

function problem(value: unknown, where?: string): AppError | null {
  try {
    checkBundle(value, where)
  } catch (error) {
    return (error as { error: AppError }).error
  }
  return null
}

describe('checkBundle', () => {
  it('hands back a good bundle as it is', () => {
    const value = { ...good(), sections: { cart: { readAt: at, tenant, data: null } }, keyed: { order: {} }, redacted: true }
    expect(checkBundle(value)).toBe(value)
  })

  it('refuses what is not an object, or not a bundle', () => {
    for (const value of [null, [], 'text', 3]) {
      expect(problem(value)).toEqual({
        kind: 'bad-file',
        message: 'the bundle is not a customer bundle: it is not a JSON object.',
        hint: again,
        where: 'the bundle',
      })
    }
    expect(problem({ ...good(), kind: 'kibo-account' }, 'line 2')).toMatchObject({
      message: 'line 2 is not a customer bundle: its kind is "kibo-account", not "kibo-customer-bundle".',
      where: 'line 2',
    })
  })

  it('names another version, and what to do about a newer one', () => {
    expect(problem({ ...good(), version: 2 })).toMatchObject({
      message: 'the bundle is a customer bundle of version 2; this app reads version 1.',
      hint: 'Open it with a newer Account Inspector, or export it again with this one.',
    })
    expect(problem({ ...good(), version: 0 })).toMatchObject({ message: expect.stringContaining('version 0;'), hint: again })
    expect(problem({ ...good(), version: '2' })).toMatchObject({ message: expect.stringContaining('version "2";'), hint: again })
    expect(problem({ ...good(), version: undefined })).toMatchObject({ message: expect.stringContaining('version null;'), hint: again })
  })

  it('needs a time of export, a tenant, an account with an id and a sections object', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ exportedAt: undefined }, 'the bundle.exportedAt'],
      [{ exportedAt: 'last week' }, 'the bundle.exportedAt'],
      // A number reads as a year, but is not a time of export.
      [{ exportedAt: 2026 }, 'the bundle.exportedAt'],
      [{ tenant: 7 }, 'the bundle.tenant'],
      [{ account: [] }, 'the bundle.account'],
      [{ account: { id: '1001' } }, 'the bundle.account.id'],
      [{ sections: [] }, 'the bundle.sections'],
      [{ sections: null }, 'the bundle.sections'],
      [{ redacted: 'no' }, 'the bundle.redacted'],
      [{ redacted: undefined }, 'the bundle.redacted'],
    ]
    for (const [change, where] of cases) expect(problem({ ...good(), ...change })).toMatchObject({ kind: 'bad-file', where, hint: again })
  })

  it('checks every section, and refuses one it does not know', () => {
    const section = (value: unknown) => problem({ ...good(), sections: { cart: { readAt: at, tenant, data: 1 }, wishlists: value } })
    expect(section({ readAt: at, tenant, data: 1 })).toBeNull()
    expect(section({ readAt: at, tenant, error: { kind: 'server', message: 'm' } })).toBeNull()
    const says = (value: unknown) => section(value)?.message
    expect(says('x')).toBe("the bundle's wishlists section is not an object.")
    expect(says(null)).toBe("the bundle's wishlists section is not an object.")
    expect(says({ tenant, data: 1 })).toBe("the bundle's wishlists section has no readAt time.")
    expect(says({ readAt: 5, tenant, data: 1 })).toBe("the bundle's wishlists section has no readAt time.")
    expect(says({ readAt: at, data: 1 })).toBe("the bundle's wishlists section does not say which tenant it was read from.")
    expect(says({ readAt: at, tenant })).toBe("the bundle's wishlists section must hold either data or an error.")
    expect(says({ readAt: at, tenant, data: 1, error: { kind: 'server', message: 'm' } })).toBe(
      "the bundle's wishlists section must hold either data or an error.",
    )
    const noKind = "the bundle's wishlists section has an error without a kind and message."
    expect(says({ readAt: at, tenant, error: [] })).toBe(noKind)
    expect(says({ readAt: at, tenant, error: { message: 'm' } })).toBe(noKind)
    expect(says({ readAt: at, tenant, error: { kind: 'server' } })).toBe(noKind)
    expect(says({ readAt: at, tenant, error: { kind: 'server', message: 3 } })).toBe(noKind)
    // Data held in the prototype is not data held.
    expect(says(Object.create({ data: 1 }, { readAt: { value: at, enumerable: true }, tenant: { value: tenant, enumerable: true } }))).toBe(
      "the bundle's wishlists section must hold either data or an error.",
    )
    expect(section({ readAt: at, tenant, data: 1 })).toBeNull()
    expect(problem({ ...good(), sections: { basket: { readAt: at, tenant, data: 1 } } })).toMatchObject({
      where: 'the bundle.sections.basket',
    })
    expect(section('x')?.where).toBe('the bundle.sections.wishlists')
  })

  it('checks the keyed sections: an object of known sections, each an object of good sections', () => {
    const keyed = (value: unknown) => problem({ ...good(), keyed: value })
    expect(keyed(undefined)).toBeNull()
    expect(
      keyed({ order: { o1: { readAt: at, tenant, data: 1 }, o2: { readAt: at, tenant, error: { kind: 'server', message: 'm' } } } }),
    ).toBeNull()
    expect(keyed(null)).toMatchObject({ where: 'the bundle.keyed', message: "the bundle's keyed sections are not an object." })
    expect(keyed([])).toMatchObject({ where: 'the bundle.keyed' })
    expect(keyed({ invoice: {} })).toMatchObject({ where: 'the bundle.keyed.invoice' })
    expect(keyed({ order: [] })).toMatchObject({
      where: 'the bundle.keyed.order',
      message: "the bundle's order entries are not an object keyed by id.",
    })
    expect(keyed({ order: { o1: { readAt: at, tenant, data: 1 }, o2: { readAt: at, tenant } } })).toMatchObject({
      where: 'the bundle.keyed.order.o2',
      message: "the bundle's order o2 must hold either data or an error.",
    })
  })
})

describe('storedSection', () => {
  const bundle = {
    ...good(),
    sections: { cart: { readAt: at, tenant, data: 'cart' } },
    keyed: { order: { o1: { readAt: at, tenant, data: 'o1' } } },
  } as unknown as CustomerBundle

  it('finds a section, or a keyed one by its own key only', () => {
    expect(storedSection(bundle, 'cart', null)).toEqual({ readAt: at, tenant, data: 'cart' })
    expect(storedSection(bundle, 'orders', null)).toBeUndefined()
    expect(storedSection(bundle, 'order', 'o1')).toEqual({ readAt: at, tenant, data: 'o1' })
    expect(storedSection(bundle, 'order', 'o2')).toBeUndefined()
    expect(storedSection(bundle, 'order', 'toString')).toBeUndefined()
    expect(storedSection(bundle, 'b2b', 'o1')).toBeUndefined()
    expect(storedSection({ ...bundle, keyed: undefined }, 'order', 'o1')).toBeUndefined()
  })
})
