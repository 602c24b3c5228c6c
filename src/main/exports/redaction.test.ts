import { describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { generateAccounts } from '../emulator/generate'
import { createRedactor } from './redaction'

const key = new Uint8Array(32).fill(7)

function sample(): CustomerAccount {
  return {
    id: 1001,
    userId: '0123456789abcdef0123456789abcdef',
    externalId: 'ERP-1234567',
    emailAddress: 'Ada.Lovelace@example.com',
    userName: 'ada.lovelace@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    companyOrOrganization: 'Analytical Engines Ltd',
    taxId: 'GB123456789',
    isActive: true,
    customerSinceDate: '2020-01-02T03:04:05.000Z',
    commerceSummary: { orderCount: 4, totalOrderAmount: { currencyCode: 'GBP', amount: 99.5 } },
    auditInfo: {
      createBy: '0123456789abcdef0123456789abcdef',
      createDate: '2020-01-02T03:04:05.000Z',
      updateBy: 'csr.jane@merchant.example.com',
      updateDate: null,
    },
    contacts: [
      {
        id: 10010,
        email: 'ada.lovelace@example.com',
        firstName: 'Ada',
        middleNameOrInitial: 'K.',
        lastNameOrSurname: 'Lovelace',
        faxNumber: '+44 20 7946 0018',
        phoneNumbers: { home: '+44 20 7946 0958', mobile: null, work: '(020) 7946-0000' },
        address: {
          address1: '12 St James Square',
          address2: 'Flat 3',
          cityOrTown: 'London',
          postalOrZipCode: 'SW1Y 4JH',
          countryCode: 'GB',
          stateOrProvince: 'LDN',
        },
        auditInfo: { createBy: 'Jane Admin', updateBy: 'Jane Admin' },
      },
    ],
    notes: [{ id: 1, content: 'Called about her order, prefers email.' }],
    segments: [{ id: 3, code: 'VIP', name: 'Very important' }],
    attributes: [{ fullyQualifiedName: 'tenant~loyalty-tier', values: ['Gold'] }],
  }
}

describe('createRedactor', () => {
  it('masks every PII field, shape-preserving, and keeps ids, flags, dates, amounts and segments', () => {
    const masked = createRedactor(key).redact(sample())
    const contact = masked.contacts![0]
    expect(masked.emailAddress).toMatch(/^user-[0-9a-f]{10}@redacted\.invalid$/)
    expect(masked.userName).toBe(masked.emailAddress) // same email, any case
    expect(contact.email).toBe(masked.emailAddress)
    expect(masked.firstName).toMatch(/^First-[0-9a-f]{8}$/)
    expect(masked.lastName).toMatch(/^Last-[0-9a-f]{8}$/)
    expect(contact.middleNameOrInitial).toMatch(/^[A-Z]\.$/)
    expect(masked.companyOrOrganization).toMatch(/^Company-/)
    expect(masked.taxId).toMatch(/^[A-Z]{2}\d{9}$/)
    expect(masked.taxId).not.toBe('GB123456789')
    expect(contact.faxNumber).toMatch(/^\+44 \d{2} \d{4} \d{4}$/)
    expect(contact.phoneNumbers).toEqual({
      home: expect.stringMatching(/^\+44 \d{2} \d{4} \d{4}$/),
      mobile: null,
      work: expect.stringMatching(/^\(\d{3}\) \d{4}-\d{4}$/),
    })
    expect(contact.address?.address1).toMatch(/^Address-/)
    expect(contact.address?.cityOrTown).toMatch(/^City-/)
    expect(contact.address?.postalOrZipCode).toMatch(/^[A-Z]{2}\d[A-Z] \d[A-Z]{2}$/)
    expect(contact.address?.countryCode).toBe('GB')
    expect(masked.notes![0].content).toMatch(/^Redacted note [0-9a-f]{10}$/)
    // Audit people: an admin's email or name is masked, a shopper's userId (an id) is kept.
    expect(masked.auditInfo?.createBy).toBe('0123456789abcdef0123456789abcdef')
    expect(masked.auditInfo?.updateBy).toMatch(/@redacted\.invalid$/)
    expect(contact.auditInfo?.createBy).toMatch(/^admin-[0-9a-f]{10}$/)
    expect(contact.auditInfo?.updateBy).toBe(contact.auditInfo?.createBy)
    // Kept.
    expect(masked.id).toBe(1001)
    expect(masked.userId).toBe('0123456789abcdef0123456789abcdef')
    expect(masked.externalId).toBe('ERP-1234567')
    expect(masked.isActive).toBe(true)
    expect(masked.customerSinceDate).toBe('2020-01-02T03:04:05.000Z')
    expect(masked.commerceSummary).toEqual(sample().commerceSummary)
    expect(masked.segments).toEqual(sample().segments)
    expect(masked.attributes).toEqual(sample().attributes)
  })

  it('does not change its input', () => {
    const input = sample()
    createRedactor(key).redact(input)
    expect(input).toEqual(sample())
  })

  it('is consistent within one redactor and unlinkable across two', () => {
    const one = createRedactor()
    const two = createRedactor()
    expect(one.mask('email', 'a@b.example')).toBe(one.mask('email', 'A@B.example'))
    expect(one.mask('first', 'Ada')).toBe(one.mask('first', 'Ada'))
    expect(one.mask('first', 'Ada')).not.toBe(one.mask('first', 'Bob'))
    expect(one.mask('email', 'a@b.example')).not.toBe(two.mask('email', 'a@b.example'))
  })

  it('keeps empty strings and nulls as they are, and drops secrets', () => {
    const masked = createRedactor(key).redact({ firstName: '', lastName: null, accessToken: 'x', nested: [{ refreshToken: 'y' }] })
    expect(masked).toEqual({ firstName: '', lastName: null, nested: [{}] })
  })

  // Postal codes are left out: a masked 5-digit code can equal some other real one by chance.
  it('leaves no original email, name, phone or street in 500 generated accounts', () => {
    const { accounts } = generateAccounts({ seed: 42, count: 500 })
    const written = new Set<string>()
    JSON.stringify(createRedactor().redact(accounts), (_key, value: unknown) => {
      if (typeof value === 'string') written.add(value)
      return value
    })
    const originals = new Set<string>()
    for (const a of accounts) {
      for (const value of [a.emailAddress, a.firstName, a.lastName, a.userName]) if (value) originals.add(value)
      for (const c of a.contacts ?? []) {
        for (const value of [
          c.email,
          c.firstName,
          c.lastNameOrSurname,
          c.phoneNumbers?.home,
          c.phoneNumbers?.mobile,
          c.phoneNumbers?.work,
          c.address?.address1,
        ])
          if (value) originals.add(value)
      }
    }
    expect(originals.size).toBeGreaterThan(500)
    const leaked = [...originals].filter((value) => written.has(value))
    expect(leaked).toEqual([])
  })
})
