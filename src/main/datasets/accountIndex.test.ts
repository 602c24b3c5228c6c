import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { AccountIndex, SEPARATOR, foldForSearch, searchText } from './accountIndex'

const accounts = (...list: Record<string, unknown>[]) => list as unknown as CustomerAccount[]

describe('foldForSearch', () => {
  it('lowercases and drops accents', () => {
    expect(foldForSearch('ABC def')).toBe('abc def')
    expect(foldForSearch('Émile Zoë')).toBe('emile zoe')
    expect(foldForSearch('ÅNGSTRÖM')).toBe('angstrom')
    expect(foldForSearch('')).toBe('')
  })
})

describe('searchText', () => {
  it('joins ids, names, emails, company and contact details, one per line, folded', () => {
    const account = accounts({
      id: 42,
      emailAddress: 'Ann@Example.com',
      userName: 'ANN',
      companyOrOrganization: 'Acme',
      externalId: 'ext-1',
      taxId: 'T9',
      contacts: [
        null,
        'not a contact',
        {
          email: 'c@d.e',
          firstName: 'Cé',
          lastNameOrSurname: 'Dee',
          companyOrOrganization: 'Co',
          phoneNumbers: { home: '111', mobile: '222', work: '333' },
          address: { cityOrTown: 'Paris', postalOrZipCode: '75001', address1: 'not searched' },
        },
        { email: 'x@y.z', phoneNumbers: 'none', address: 7 },
      ],
    })[0]
    expect(searchText(account, 'Ann Smith')).toBe(
      [
        '42',
        'ann smith',
        'ann@example.com',
        'ann',
        'acme',
        'ext-1',
        't9',
        'c@d.e',
        'ce',
        'dee',
        'co',
        '111',
        '222',
        '333',
        'paris',
        '75001',
        'x@y.z',
      ].join('\n'),
    )
  })

  it('skips contact details that are null', () => {
    const account = accounts({ id: 1, contacts: [{ email: 'c@d', phoneNumbers: null, address: null }, { phoneNumbers: { home: '5' } }] })[0]
    expect(searchText(account, '')).toBe('1\nc@d\n5')
  })

  it('leaves out empty and non-text parts', () => {
    const account = accounts({ id: '7', emailAddress: '', userName: 3, companyOrOrganization: true, contacts: 'none' })[0]
    expect(searchText(account, '')).toBe('7\n3')
    expect(searchText(accounts({ id: 0 })[0], '')).toBe('0')
    expect(searchText(accounts({})[0], '')).toBe('')
    expect(searchText(accounts({ emailAddress: 'a' })[0], 'B')).toBe('b\na')
  })
})

describe('AccountIndex', () => {
  const list = accounts(
    {
      id: 1,
      firstName: 'Ann',
      lastName: 'Lee',
      emailAddress: 'ann@x.com',
      userName: 'ann',
      isActive: true,
      commerceSummary: { orderCount: 3, totalOrderAmount: { amount: 12.5 } },
      auditInfo: { updateDate: '2024-01-02' },
    },
    { id: 'two', isActive: false, emailAddress: 5, commerceSummary: { orderCount: Infinity, totalOrderAmount: { amount: '1' } } },
    {},
    { id: 4, companyOrOrganization: 'Bé', isActive: 'yes', auditInfo: { updateDate: 7 } },
  )
  // Built in each test, so coverage per test sees the building.
  const build = () => new AccountIndex(list)

  it('keeps each account row', () => {
    const index = build()
    expect(index.count).toBe(4)
    expect(index.row(0)).toEqual({
      index: 0,
      id: 1,
      name: 'Ann Lee',
      emailAddress: 'ann@x.com',
      userName: 'ann',
      orderCount: 3,
      totalOrderAmount: 12.5,
      isActive: true,
      updateDate: '2024-01-02',
    })
    expect(index.row(1)).toEqual({
      index: 1,
      id: null,
      name: '',
      emailAddress: null,
      userName: null,
      orderCount: null,
      totalOrderAmount: null,
      isActive: false,
      updateDate: null,
    })
    expect(index.row(2)).toEqual({
      index: 2,
      id: null,
      name: '',
      emailAddress: null,
      userName: null,
      orderCount: null,
      totalOrderAmount: null,
      isActive: null,
      updateDate: null,
    })
    expect(index.row(3)).toMatchObject({ id: 4, name: 'Bé', isActive: null, updateDate: null })
    expect(Array.from(index.active)).toEqual([1, 0, -1, -1])
  })

  it('puts every search text in one string, each followed by the separator', () => {
    const index = build()
    const texts = ['1\nann lee\nann@x.com\nann', 'two\n5', '', '4\nbe\nbe']
    expect(index.searchAll).toBe(texts.map((text) => text + SEPARATOR).join(''))
    expect(Array.from(index.searchStarts)).toEqual([0, 24, 30, 31, 39])
  })

  it('finds the account at every position of the search string', () => {
    const index = build()
    const owners: number[] = []
    for (let at = 0; at < index.searchAll.length; at++) owners.push(index.accountAt(at))
    const expected: number[] = []
    index.searchAll
      .split(SEPARATOR)
      .slice(0, -1)
      .forEach((text, i) => expected.push(...Array<number>(text.length + 1).fill(i)))
    expect(owners).toEqual(expected)
  })

  it('finds the account in larger and smaller indexes', () => {
    const many = new AccountIndex(accounts(...Array.from({ length: 37 }, (_, i) => ({ id: i, emailAddress: 'e'.repeat(i % 5) }))))
    for (let i = 0; i < many.count; i++) {
      expect(many.accountAt(many.searchStarts[i])).toBe(i)
      expect(many.accountAt(many.searchStarts[i + 1] - 1)).toBe(i)
    }
    const one = new AccountIndex(accounts({ id: 5 }))
    expect(one.searchAll).toBe('5' + SEPARATOR)
    expect(one.accountAt(0)).toBe(0)
    expect(one.accountAt(1)).toBe(0)
    expect(new AccountIndex([]).count).toBe(0)
  })

  it('gives each account its own search text', () => {
    const index = build()
    expect([0, 1, 2, 3].map((i) => index.search(i))).toEqual(['1\nann lee\nann@x.com\nann', 'two\n5', '', '4\nbe\nbe'])
  })

  it('keeps only whole finite numbers as numbers', () => {
    const index = new AccountIndex(
      accounts({ id: '5', commerceSummary: { orderCount: -Infinity, totalOrderAmount: { amount: NaN } } }, { id: 2.5 }),
    )
    expect(index.row(0)).toMatchObject({ id: null, orderCount: null, totalOrderAmount: null })
    expect(index.row(1)).toMatchObject({ id: 2.5 })
  })

  it('indexes exactly one batch of accounts', () => {
    const n = 4096
    const many = new AccountIndex(accounts(...Array.from({ length: n }, (_, i) => ({ id: i }))))
    expect(many.searchAll).toBe(Array.from({ length: n }, (_, i) => `${i}${SEPARATOR}`).join(''))
    expect(many.searchStarts[n]).toBe(many.searchAll.length)
  })

  it('indexes thousands of accounts', () => {
    const n = 9000
    const many = new AccountIndex(
      accounts(...Array.from({ length: n }, (_, i) => ({ id: i, emailAddress: i % 3 === 0 ? `e${i}@x` : null }))),
    )
    expect(many.count).toBe(n)
    expect(many.searchAll).toBe(Array.from({ length: n }, (_, i) => (i % 3 === 0 ? `${i}\ne${i}@x` : `${i}`) + SEPARATOR).join(''))
    for (const i of [0, 1, 4095, 4096, 4097, 8191, 8192, 8999]) {
      expect(many.accountAt(many.searchStarts[i])).toBe(i)
      expect(many.row(i)).toMatchObject({ index: i, id: i, emailAddress: i % 3 === 0 ? `e${i}@x` : null })
    }
    expect(many.searchStarts[n]).toBe(many.searchAll.length)
  })
})
