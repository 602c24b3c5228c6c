import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import {
  MAX_LISTED_PROBLEMS,
  SecretHints,
  accountProblems,
  describeValue,
  isPlainObject,
  isTicket,
  kindOf,
  looksLikeAccount,
} from './accountShape'

describe('isPlainObject', () => {
  it('is true only for objects that are not lists or null', () => {
    expect(isPlainObject({})).toBe(true)
    expect(isPlainObject({ a: 1 })).toBe(true)
    expect(isPlainObject(null)).toBe(false)
    expect(isPlainObject([])).toBe(false)
    expect(isPlainObject('x')).toBe(false)
    expect(isPlainObject(1)).toBe(false)
    expect(isPlainObject(undefined)).toBe(false)
  })
})

describe('looksLikeAccount', () => {
  it.each([
    'emailAddress',
    'userName',
    'commerceSummary',
    'customerSet',
    'accountType',
    'customerSinceDate',
    'isAnonymous',
    'acceptsMarketing',
    'hasExternalPassword',
    'contacts',
  ])('takes an object with %s, a key only accounts have, as an account', (key) => {
    expect(looksLikeAccount({ [key]: null, sku: 'x' })).toBe(true)
  })

  it('takes an object with a numeric id and only account keys as an account', () => {
    expect(looksLikeAccount({ id: 1 })).toBe(true)
    expect(looksLikeAccount({ id: 1, firstName: 'A', lastName: 'B', isActive: true, taxId: null })).toBe(true)
  })

  it('refuses what is not an account', () => {
    expect(looksLikeAccount({})).toBe(false)
    expect(looksLikeAccount({ id: '1' })).toBe(false)
    expect(looksLikeAccount({ firstName: 'A' })).toBe(false)
    expect(looksLikeAccount({ id: 1, sku: 'x' })).toBe(false)
    expect(looksLikeAccount({ id: 1, firstName: 'A', price: 3 })).toBe(false)
    expect(looksLikeAccount([{ id: 1 }])).toBe(false)
    expect(looksLikeAccount(null)).toBe(false)
    expect(looksLikeAccount(1)).toBe(false)
  })

  it('looks only at the object own keys', () => {
    expect(looksLikeAccount(Object.create({ emailAddress: 'a@b.c' }))).toBe(false)
    expect(looksLikeAccount(Object.create({ id: 1 }))).toBe(false)
  })
})

describe('isTicket', () => {
  it('is an object whose customerAccount is an object', () => {
    expect(isTicket({ customerAccount: { id: 1 } })).toBe(true)
    expect(isTicket({ customerAccount: {} })).toBe(true)
    expect(isTicket({ customerAccount: null })).toBe(false)
    expect(isTicket({ customerAccount: [] })).toBe(false)
    expect(isTicket({ account: {} })).toBe(false)
    expect(isTicket([{ customerAccount: {} }])).toBe(false)
    expect(isTicket(null)).toBe(false)
  })
})

describe('describeValue and kindOf', () => {
  it('says what a value is without its text', () => {
    expect(describeValue({})).toBe('an empty object')
    expect(describeValue({ secret: 'hunter2' })).toBe(
      "an object with 1 key, none of them an account's (such as id, emailAddress or userName)",
    )
    expect(describeValue({ a: 1, b: 2 })).toBe("an object with 2 keys, none of them an account's (such as id, emailAddress or userName)")
    expect(describeValue([])).toBe('a list, not an object')
    expect(describeValue('hunter2')).toBe('text, not an object')
    expect(describeValue(null)).toBe('null, not an object')
    expect(describeValue(3)).toBe('a number, not an object')
  })

  it('names every kind', () => {
    expect(kindOf(null)).toBe('null')
    expect(kindOf([])).toBe('a list')
    expect(kindOf('')).toBe('text')
    expect(kindOf(0)).toBe('a number')
    expect(kindOf(false)).toBe('true/false')
    expect(kindOf({})).toBe('an object')
    expect(kindOf(undefined)).toBe('undefined')
    expect(kindOf(() => 1)).toBe('function')
    expect(kindOf(1n)).toBe('bigint')
  })
})

describe('accountProblems', () => {
  const accounts = (...list: Record<string, unknown>[]) => list as unknown as CustomerAccount[]

  it('finds nothing wrong in accounts whose fields have their types, null or missing', () => {
    const good = accounts(
      {
        id: 1,
        customerSet: 'default',
        emailAddress: 'a@b.c',
        taxExempt: false,
        isActive: true,
        contacts: [],
        notes: [],
        commerceSummary: {},
        auditInfo: { updateDate: 'x' },
        other: 5,
      },
      { id: 2, emailAddress: null, contacts: null, commerceSummary: undefined, isLocked: null },
      {},
    )
    expect(accountProblems(good)).toEqual({ list: [], total: 0 })
    expect(accountProblems([])).toEqual({ list: [], total: 0 })
  })

  it('names each wrong field, what it should be and what it is, never the value', () => {
    const result = accountProblems(
      accounts(
        { id: 1 },
        {
          id: 7,
          emailAddress: 5,
          isActive: 'yes',
          contacts: {},
          commerceSummary: [],
          auditInfo: 'x',
          taxExempt: 0,
          unknownField: 3,
        },
        { id: 1.5 },
        { id: '9', userName: true },
      ),
    )
    expect(result).toEqual({
      total: 3,
      list: [
        {
          index: 1,
          id: 7,
          fields: [
            { field: 'emailAddress', expected: 'text', found: 'a number' },
            { field: 'isActive', expected: 'true/false', found: 'text' },
            { field: 'contacts', expected: 'a list', found: 'an object' },
            { field: 'commerceSummary', expected: 'an object', found: 'a list' },
            { field: 'auditInfo', expected: 'an object', found: 'text' },
            { field: 'taxExempt', expected: 'true/false', found: 'a number' },
          ],
        },
        { index: 2, id: null, fields: [{ field: 'id', expected: 'a whole number', found: 'a number' }] },
        {
          index: 3,
          id: null,
          fields: [
            { field: 'id', expected: 'a whole number', found: 'text' },
            { field: 'userName', expected: 'text', found: 'true/false' },
          ],
        },
      ],
    })
  })

  it(`lists at most ${MAX_LISTED_PROBLEMS} accounts and counts them all`, () => {
    const bad = (n: number) => accounts(...Array.from({ length: n }, (_, i) => ({ id: i, isActive: 'no' })))
    const exact = accountProblems(bad(MAX_LISTED_PROBLEMS))
    expect(exact.total).toBe(MAX_LISTED_PROBLEMS)
    expect(exact.list.length).toBe(MAX_LISTED_PROBLEMS)
    const over = accountProblems(bad(MAX_LISTED_PROBLEMS + 5))
    expect(over.total).toBe(MAX_LISTED_PROBLEMS + 5)
    expect(over.list.length).toBe(MAX_LISTED_PROBLEMS)
    expect(over.list.at(-1)).toEqual({
      index: MAX_LISTED_PROBLEMS - 1,
      id: MAX_LISTED_PROBLEMS - 1,
      fields: [{ field: 'isActive', expected: 'true/false', found: 'text' }],
    })
  })
})

describe('SecretHints', () => {
  const scanned = (...chunks: string[]) => {
    const hints = new SecretHints()
    let position = 0
    for (const chunk of chunks) {
      hints.scan(Buffer.from(chunk), position)
      position += Buffer.byteLength(chunk)
    }
    return hints
  }

  it.each([
    '{"accessToken":"x"}',
    '{"ACCESS_TOKEN":"x"}',
    '{"client_secret":"x"}',
    '{"CLIENT_SECRET":"x"}',
    '{"password":"x"}',
    '{"PASSWORD":"x"}',
    '{"PassWord":"x"}',
    '{"apikey":"x"}',
    '{"apiKey":"x"}',
    '{"API_KEY":"x"}',
    '{"Authorization":"x"}',
    '{"AUTHORIZATION":"x"}',
    '{"set-cookie":"x"}',
    '{"SET-COOKIE":"x"}',
    '{"credentials":"x"}',
    '{"CREDENTIALS":"x"}',
    '{"accessTok\\u0065n":"x"}',
  ])('finds a hint in %s', (text) => {
    expect(scanned(text).within(0, text.length)).toBe(true)
  })

  it('finds none in an account without secret keys', () => {
    const text = '{"id":1,"emailAddress":"a@b.c","firstName":"Kay","notes":["tokens"]}'
    expect(scanned(text).within(0, text.length)).toBe(false)
  })

  it('skips hasExternalPassword when it holds true or false', () => {
    for (const text of [
      '{"hasExternalPassword":true}',
      '{"hasExternalPassword": false}',
      '{"hasExternalPassword" \t\r\n: \t\r\ntrue}',
      'hasExternalPassword": true',
    ]) {
      expect(scanned(text).within(0, text.length)).toBe(false)
    }
  })

  it('keeps a hint for anything else spelled like a password', () => {
    for (const text of [
      '{"hasExternalPassword":"x"}',
      '{"hasExternalPassword":null}',
      '{"hasExternalPassword":1}',
      '{"hasExternalPassword" x true}',
      '{"hasExternalPasswordX":true}',
      '{"xasExternalPassword":true}',
      '{"myExternalPassword":true}',
      'asExternalPassword": true',
      'assword": true',
      // Only the password hint can be the flag: a token hint after the same letters is kept.
      '{"hasExternalPoken"ab":true}',
    ]) {
      expect({ text, hint: scanned(text).within(0, text.length) }).toEqual({ text, hint: true })
    }
  })

  it('finds a hint split across two reads, after the hints of the first', () => {
    const first = '{"id": 1, "accessTo'
    const hints = scanned(first, 'ken": "x"}')
    expect(hints.within(0, first.length - 1)).toBe(false)
    expect(hints.within(first.length - 1, first.length)).toBe(true)
    expect(scanned(first, 'ken": "x"}').within(first.length, first.length + 20)).toBe(false)
  })

  it('finds a hint in reads shorter than the hint', () => {
    const text = '{"client_secret": "x"}'
    expect(scanned(...text.split('')).within(0, text.length)).toBe(true)
    expect(scanned(...'{"id": 1, "name": "x"}'.split('')).within(0, 100)).toBe(false)
  })

  it('has no hint before the first read', () => {
    const hints = scanned('{"apiKey": 1}')
    expect(hints.within(-20, 0)).toBe(false)
    expect(hints.within(0, 20)).toBe(true)
  })

  it('answers for [start, end): a hint at start counts, one at end does not', () => {
    // 'Key"' of apiKey is at offset 5.
    expect(scanned('{"apiKey": 1}').within(5, 6)).toBe(true)
    expect(scanned('{"apiKey": 1}').within(0, 5)).toBe(false)
    expect(scanned('{"apiKey": 1}').within(6, 20)).toBe(false)
    const hints = scanned('{"apiKey": 1}')
    expect(hints.within(0, 5)).toBe(false)
    expect(hints.within(5, 6)).toBe(true)
    expect(hints.within(6, 20)).toBe(false)
  })

  it('keeps hits sorted when several hints are found in one read', () => {
    const text = '{"a": {"apiKey": 1}, "b": {"accessToken": 2}, "c": {"password": 3}, "d": {"apiKey": 4}}'
    const hints = scanned(text)
    const element = (key: string) => {
      const start = text.indexOf(`"${key}"`)
      return [start, text.indexOf('}', start)] as const
    }
    for (const key of ['a', 'b', 'c', 'd']) {
      const [start, end] = element(key)
      expect({ key, hint: hints.within(start, end) }).toEqual({ key, hint: true })
    }
  })

  it('answers increasing ranges over thousands of hits', () => {
    const entry = '{"apiKey": 1}, {"id": 2}, '
    const text = entry.repeat(5000)
    const hints = scanned(text)
    for (let i = 0; i < 5000; i++) {
      const at = i * entry.length
      expect(hints.within(at, at + 13)).toBe(true)
      expect(hints.within(at + 13, at + entry.length)).toBe(false)
    }
  })
})
