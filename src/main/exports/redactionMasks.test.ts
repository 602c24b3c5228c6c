// Each mask's exact shape under a fixed key: what stays (punctuation, case, a country code, ids)
// and what changes, value by value, so a masked file still reads like real data.
import { describe, expect, it } from 'vitest'
import { createRedactor } from './redaction'

const redactor = createRedactor(new Uint8Array(32).fill(3))
const { mask } = redactor

/** The pattern of a string: 9 for a digit, a / A for a lower / upper letter, anything else as is. */
const shapeOf = (value: string) => value.replace(/[0-9]/g, '9').replace(/[a-z]/g, 'a').replace(/[A-Z]/g, 'A')

describe('mask', () => {
  it('emails become a keyed id at redacted.invalid, ignoring case and spaces around', () => {
    const masked = mask('email', 'Ada@Example.com')
    expect(masked).toMatch(/^user-[0-9a-f]{10}@redacted\.invalid$/)
    expect(mask('email', ' ada@example.com ')).toBe(masked)
    expect(mask('email', 'bob@example.com')).not.toBe(masked)
  })

  it('a user name that is an email masks as that email; any other as user-<hex>', () => {
    expect(mask('user', 'ada@example.com')).toBe(mask('email', 'ada@example.com'))
    expect(mask('user', ' ada@example.com ')).toBe(mask('email', 'ada@example.com'))
    expect(mask('user', 'ada lovelace')).toMatch(/^user-[0-9a-f]{10}$/)
    expect(mask('user', 'ada@')).toMatch(/^user-[0-9a-f]{10}$/)
  })

  it('an auditor that is a user id stays; an email masks as the email; a name becomes admin-<hex>, ignoring case', () => {
    expect(mask('auditor', '0123456789abcdef0123456789ABCDEF')).toBe('0123456789abcdef0123456789ABCDEF')
    expect(mask('auditor', '01234567-89ab-cdef-0123-456789abcdef')).toBe('01234567-89ab-cdef-0123-456789abcdef')
    expect(mask('auditor', '0123456789abcdef0123456789abcde')).toMatch(/^admin-[0-9a-f]{10}$/)
    expect(mask('auditor', 'csr@merchant.example')).toBe(mask('email', 'csr@merchant.example'))
    const admin = mask('auditor', 'Jane Admin')
    expect(admin).toMatch(/^admin-[0-9a-f]{10}$/)
    expect(mask('auditor', ' jane admin ')).toBe(admin)
  })

  it('names, companies, streets, cities and notes get a labelled keyed mask of a fixed length', () => {
    expect(mask('first', 'Ada')).toMatch(/^First-[0-9a-f]{8}$/)
    expect(mask('last', 'Lovelace')).toMatch(/^Last-[0-9a-f]{8}$/)
    expect(mask('company', 'Analytical Engines')).toMatch(/^Company-[0-9a-f]{8}$/)
    expect(mask('address', '12 St James Square')).toMatch(/^Address-[0-9a-f]{10}$/)
    expect(mask('city', 'London')).toMatch(/^City-[0-9a-f]{8}$/)
    expect(mask('note', 'Prefers email')).toMatch(/^Redacted note [0-9a-f]{10}$/)
    expect(mask('middle', 'Augusta')).toMatch(/^Middle-[0-9a-f]{8}$/)
  })

  it('first, middle and last names share one space: the same name masks to the same hex', () => {
    const hexOf = (masked: string) => masked.slice(masked.indexOf('-') + 1)
    expect(hexOf(mask('first', 'Morgan'))).toBe(hexOf(mask('last', 'Morgan')))
    expect(hexOf(mask('middle', 'Morgan'))).toBe(hexOf(mask('last', 'Morgan')))
    expect(hexOf(mask('company', 'Morgan'))).not.toBe(hexOf(mask('last', 'Morgan')))
  })

  it('an initial stays an initial of the same shape', () => {
    for (const initial of ['K.', 'K', 'ab', '7']) {
      const masked = mask('middle', initial)
      expect(shapeOf(masked)).toBe(shapeOf(initial))
    }
  })

  it('phones keep their punctuation and a leading country code; every digit is masked', () => {
    const uk = mask('phone', '+44 20 7946 0958')
    expect(uk.startsWith('+44 ')).toBe(true)
    expect(shapeOf(uk)).toBe(shapeOf('+44 20 7946 0958'))
    expect(uk).not.toBe('+44 20 7946 0958')
    const us = mask('phone', '(555) 123-4567')
    expect(shapeOf(us)).toBe('(999) 999-9999')
    expect(us).not.toBe('(555) 123-4567')
    expect(mask('phone', '+1-555-123-4567').startsWith('+1-')).toBe(true)
    // No separator after the plus: not a country code, so it is masked like the rest.
    expect(shapeOf(mask('phone', '+15551234567'))).toBe('+99999999999')
  })

  it('postal codes and tax ids keep their shape; letters outside a–z become capitals', () => {
    expect(shapeOf(mask('postal', 'SW1Y 4JH'))).toBe('AA9A 9AA')
    expect(shapeOf(mask('postal', 'sw1y-4jh'))).toBe('aa9a-9aa')
    expect(shapeOf(mask('tax', 'Éé-12'))).toBe('AA-99')
    expect(mask('tax', 'GB123456789')).not.toBe('GB123456789')
  })

  it('masks values longer than one digest with every character still masked', () => {
    const long = '1234567890'.repeat(7)
    const masked = mask('tax', long)
    expect(masked).toHaveLength(70)
    expect(masked).toMatch(/^[0-9]{70}$/)
    // The bytes past the first 32 come from further digests, not repeats of the first.
    expect(masked.slice(32, 64)).not.toBe(masked.slice(0, 32))
  })

  it('spreads digits and letters over their whole range', () => {
    const digits = new Set<string>()
    const letters = new Set<string>()
    for (let i = 0; i < 200; i++) {
      digits.add(mask('tax', `0000${i}`).slice(0, 1))
      letters.add(mask('postal', `a${i}`).slice(0, 1))
    }
    expect(digits.size).toBe(10)
    expect(letters.size).toBe(26)
  })

  it('keeps an empty string empty and answers the same mask again', () => {
    expect(mask('email', '')).toBe('')
    expect(mask('first', 'Ada')).toBe(mask('first', 'Ada'))
  })
})

describe('redact', () => {
  it('masks by parent only where the parent says so', () => {
    const out = redactor.redact({
      phoneNumbers: { home: '555-0100' },
      home: 'kept',
      notes: [{ content: 'secret plan' }],
      content: 'kept too',
    })
    expect(out.home).toBe('kept')
    expect(out.content).toBe('kept too')
    expect(shapeOf(out.phoneNumbers.home)).toBe('999-9999')
    expect(out.notes[0].content).toMatch(/^Redacted note /)
  })

  it('walks arrays of arrays and leaves non-string values under PII keys alone', () => {
    const out = redactor.redact({ list: [[{ firstName: 'Ada' }]], lastName: 42, emailAddress: null, n: 1, b: false })
    expect(out.list[0][0].firstName).toMatch(/^First-/)
    expect(out).toMatchObject({ lastName: 42, emailAddress: null, n: 1, b: false })
  })

  it('does not treat inherited names as PII keys', () => {
    const out = redactor.redact({ toString: 'plain', constructor: 'also plain' })
    expect(out).toEqual({ toString: 'plain', constructor: 'also plain' })
  })
})
