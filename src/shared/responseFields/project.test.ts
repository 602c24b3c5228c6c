import { describe, expect, it } from 'vitest'
import { parseResponseFields } from './parse'
import { compileProjection, projectFields, ResponseFieldsSyntaxError } from './project'
import type { FieldNode } from './types'

const ticket = {
  accessToken: 'secret-a',
  refreshToken: 'secret-r',
  userId: 'u1',
  customerAccount: {
    id: 1001,
    emailAddress: 'ada@example.com',
    firstName: 'Ada',
    auditInfo: { createBy: 'x', createDate: '2024-01-01T00:00:00Z' },
    contacts: [
      { id: 1, email: 'a@x', address: { cityOrTown: 'Paris', countryCode: 'FR' }, types: [{ name: 'Billing', isPrimary: true }] },
      { id: 2, email: null, address: { cityOrTown: 'Lyon', countryCode: 'FR' } },
      { id: 3 },
    ],
    segments: [],
    notes: null,
  },
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

describe('projectFields', () => {
  it('applies the README example for impersonatecart', () => {
    const projected = projectFields(ticket, 'accessToken,customerAccount(id,emailAddress,contacts(id,address(cityOrTown)))')
    expect(projected).toStrictEqual({
      accessToken: 'secret-a',
      customerAccount: {
        id: 1001,
        emailAddress: 'ada@example.com',
        contacts: [{ id: 1, address: { cityOrTown: 'Paris' } }, { id: 2, address: { cityOrTown: 'Lyon' } }, { id: 3 }],
      },
    })
  })

  it('applies the README collection examples', () => {
    const collection = {
      totalCount: 2,
      items: [
        {
          id: 'p1',
          name: 'One',
          productCode: 'A',
          content: { productName: 'N1', productShortDescription: 'S1', extra: 1 },
          purchasableState: { ok: true },
          price: 3,
        },
        { id: 'p2', name: 'Two', productCode: 'B', content: { productName: 'N2' } },
      ],
    }
    expect(projectFields(collection, 'items(id,name)')).toStrictEqual({
      items: [
        { id: 'p1', name: 'One' },
        { id: 'p2', name: 'Two' },
      ],
    })
    expect(projectFields(collection, 'items(productCode,content(productName,productShortDescription),purchasableState)')).toStrictEqual({
      items: [
        { productCode: 'A', content: { productName: 'N1', productShortDescription: 'S1' }, purchasableState: { ok: true } },
        { productCode: 'B', content: { productName: 'N2' } },
      ],
    })
  })

  it('returns the value itself for an empty selection', () => {
    expect(projectFields(ticket, '')).toBe(ticket)
    expect(projectFields(ticket, [])).toBe(ticket)
    expect(projectFields(ticket, '   ')).toBe(ticket)
  })

  it('keeps absent keys absent, and null values null', () => {
    const projected = projectFields(ticket, 'customerAccount(notes,lastName,contacts(email))') as Record<string, any>
    expect(projected.customerAccount).toStrictEqual({ contacts: [{ email: 'a@x' }, { email: null }, {}], notes: null })
    expect('lastName' in projected.customerAccount).toBe(false)
    expect(projectFields({}, 'a(b)')).toStrictEqual({})
  })

  it('a bare name keeps the whole subtree', () => {
    const projected = projectFields(ticket, 'customerAccount(auditInfo,contacts)') as Record<string, any>
    expect(projected.customerAccount.auditInfo).toStrictEqual(ticket.customerAccount.auditInfo)
    expect(projected.customerAccount.contacts).toStrictEqual(ticket.customerAccount.contacts)
  })

  it('keeps the source key order', () => {
    const projected = projectFields(ticket, 'userId,accessToken') as object
    expect(Object.keys(projected)).toEqual(['accessToken', 'userId'])
  })

  it('arrays are transparent at every level, including nested arrays and a top-level array', () => {
    const value = [[{ a: 1, b: 2 }, { a: 3 }], { a: 4, c: [[{ d: 1, e: 2 }], []] }, 5, null]
    expect(projectFields(value, 'a,c(d)')).toStrictEqual([[{ a: 1 }, { a: 3 }], { a: 4, c: [[{ d: 1 }], []] }, 5, null])
    expect(projectFields(ticket, 'customerAccount(contacts(types(name)))')).toStrictEqual({
      customerAccount: { contacts: [{ types: [{ name: 'Billing' }] }, {}, {}] },
    })
  })

  it('returns primitives and null as they are, also where children were selected', () => {
    expect(projectFields(42, 'a')).toBe(42)
    expect(projectFields(null, 'a')).toBe(null)
    expect(projectFields('text', 'a(b)')).toBe('text')
    expect(projectFields({ a: 'scalar', b: null }, 'a(x),b(y)')).toStrictEqual({ a: 'scalar', b: null })
  })

  it('never modifies the input (works on frozen values)', () => {
    const frozen = deepFreeze(structuredClone(ticket))
    const before = JSON.stringify(frozen)
    projectFields(frozen, 'customerAccount(id,contacts(address(cityOrTown)))')
    projectFields(frozen, 'accessToken')
    expect(JSON.stringify(frozen)).toBe(before)
  })

  it('treats __proto__ as an ordinary key', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}')
    const projected = projectFields(value, '__proto__') as Record<string, unknown>
    expect(Object.getPrototypeOf(projected)).toBe(Object.prototype)
    expect(Object.keys(projected)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('unions unmerged duplicate nodes built by hand', () => {
    const node = (name: string, children: FieldNode[] | null): FieldNode => ({ name, children, start: 0, end: 0 })
    const selection = [node('a', [node('b', null)]), node('a', [node('c', null)])]
    expect(projectFields({ a: { b: 1, c: 2, d: 3 } }, selection)).toStrictEqual({ a: { b: 1, c: 2 } })
    expect(projectFields({ a: { b: 1, d: 3 } }, [node('a', [node('b', null)]), node('a', null)])).toStrictEqual({ a: { b: 1, d: 3 } })
  })

  it('throws a typed error for text that does not parse', () => {
    expect(() => projectFields(ticket, 'a,,b')).toThrow(ResponseFieldsSyntaxError)
    expect(() => compileProjection('a(')).toThrow(expect.objectContaining({ problem: expect.objectContaining({ position: 1 }) }))
  })

  it('sees changes to a node array between calls', () => {
    const node = (name: string): FieldNode => ({ name, children: null, start: 0, end: 0 })
    const selection = [node('a')]
    expect(projectFields({ a: 1, b: 2 }, selection)).toStrictEqual({ a: 1 })
    selection.push(node('b'))
    expect(projectFields({ a: 1, b: 2 }, selection)).toStrictEqual({ a: 1, b: 2 })
  })

  it('compileProjection applies one selection to many values', () => {
    const parsed = parseResponseFields('id,emailAddress')
    if (!parsed.ok) throw new Error('should parse')
    const project = compileProjection(parsed.fields)
    const accounts = Array.from({ length: 50 }, (_, i) => ({ id: i, emailAddress: `u${i}@x`, firstName: 'x' }))
    expect(accounts.map(project)).toStrictEqual(accounts.map(({ id, emailAddress }) => ({ id, emailAddress })))
    expect(compileProjection('')(ticket)).toBe(ticket)
  })
})
