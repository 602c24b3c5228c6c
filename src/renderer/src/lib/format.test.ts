import { describe, expect, it } from 'vitest'
import {
  addressLines,
  claimDate,
  fieldState,
  formatCountdown,
  formatDateTime,
  formatMoney,
  formatSpan,
  isRequested,
  localDay,
  parseDate,
  personName,
  toIso,
  twoFactorEntries,
  type SelectionNode,
} from './format'

const leaf = (name: string): SelectionNode => ({ name, children: null })
const node = (name: string, children: SelectionNode[]): SelectionNode => ({ name, children })

describe('isRequested', () => {
  // id,emailAddress,contacts(id,address(cityOrTown)),commerceSummary
  const sel = [
    leaf('id'),
    leaf('emailAddress'),
    node('contacts', [leaf('id'), node('address', [leaf('cityOrTown')])]),
    leaf('commerceSummary'),
  ]

  it('treats a null selection as everything requested', () => {
    expect(isRequested(null, ['contacts', 'phoneNumbers', 'home'])).toBe(true)
  })

  it('finds top-level names and rejects missing ones', () => {
    expect(isRequested(sel, ['id'])).toBe(true)
    expect(isRequested(sel, ['userName'])).toBe(false)
  })

  it('selects a whole subtree with a bare name', () => {
    expect(isRequested(sel, ['commerceSummary', 'totalOrderAmount', 'amount'])).toBe(true)
  })

  it('follows nested selections and only the listed children', () => {
    expect(isRequested(sel, ['contacts'])).toBe(true)
    expect(isRequested(sel, ['contacts', 'id'])).toBe(true)
    expect(isRequested(sel, ['contacts', 'email'])).toBe(false)
    expect(isRequested(sel, ['contacts', 'address', 'cityOrTown'])).toBe(true)
    expect(isRequested(sel, ['contacts', 'address', 'address1'])).toBe(false)
  })

  it('treats array indices as transparent', () => {
    expect(isRequested(sel, ['contacts', 3, 'id'])).toBe(true)
    expect(isRequested(sel, ['contacts', '0', 'email'])).toBe(false)
  })

  it('merges repeated names and matches names exactly', () => {
    const twice = [node('contacts', [leaf('id')]), node('contacts', [leaf('email')])]
    expect(isRequested(twice, ['contacts', 'email'])).toBe(true)
    expect(isRequested(twice, ['contacts', 'label'])).toBe(false)
    expect(isRequested(twice, ['Contacts'])).toBe(false)
  })

  it('requests nothing inside empty parentheses', () => {
    expect(isRequested([node('notes', [])], ['notes'])).toBe(true)
    expect(isRequested([node('notes', [])], ['notes', 'content'])).toBe(false)
    // An empty top-level selection is an empty responseFields: Kibo sends everything.
    expect(isRequested([], ['id'])).toBe(true)
  })
})

describe('fieldState', () => {
  const sel = [leaf('id'), leaf('userName')]
  it('shows a present value even if the selection does not cover it', () => {
    expect(fieldState(sel, ['emailAddress'], 'a@b.c')).toBe('value')
  })
  it('distinguishes requested-but-empty from not requested', () => {
    expect(fieldState(sel, ['userName'], null)).toBe('empty')
    expect(fieldState(sel, ['userName'], '  ')).toBe('empty')
    expect(fieldState(sel, ['emailAddress'], undefined)).toBe('not-requested')
    expect(fieldState(null, ['emailAddress'], undefined)).toBe('empty')
  })
  it('counts false and 0 as values', () => {
    expect(fieldState(sel, ['isActive'], false)).toBe('value')
    expect(fieldState(sel, ['orderCount'], 0)).toBe('value')
  })
})

describe('dates', () => {
  it('parses ISO with and without offset, reading the latter as UTC', () => {
    expect(parseDate('2024-03-04T15:05:00Z')).toBe(Date.UTC(2024, 2, 4, 15, 5))
    expect(parseDate('2024-03-04T15:05:00.250')).toBe(Date.UTC(2024, 2, 4, 15, 5, 0, 250))
    expect(parseDate('2024-03-04T17:05:00+02:00')).toBe(Date.UTC(2024, 2, 4, 15, 5))
  })
  it('rejects missing and invalid dates', () => {
    expect(parseDate(null)).toBeNull()
    expect(parseDate('')).toBeNull()
    expect(parseDate('not a date')).toBeNull()
    expect(toIso('2024-13-45T00:00:00Z')).toBeNull()
    expect(formatDateTime('garbage')).toBeNull()
  })
  it('formats in the given locale and zone', () => {
    expect(formatDateTime('2024-03-04T15:05:00Z', { locale: 'en-US', timeZone: 'UTC' })).toBe('Mar 4, 2024, 3:05 PM')
    expect(toIso('2024-03-04T15:05:00')).toBe('2024-03-04T15:05:00.000Z')
  })
  it('gives the calendar day in a time zone', () => {
    const ms = Date.UTC(2024, 0, 1, 2, 0)
    expect(localDay(ms, 'UTC')).toBe('2024-01-01')
    expect(localDay(ms, 'America/New_York')).toBe('2023-12-31')
  })
  it('turns NumericDate claims into ISO dates and leaves others alone', () => {
    expect(claimDate('exp', 1700000000)).toBe('2023-11-14T22:13:20.000Z')
    expect(claimDate('iat', '1700000000')).toBeNull()
    expect(claimDate('sub', 1700000000)).toBeNull()
    expect(claimDate('nbf', Number.NaN)).toBeNull()
  })
})

describe('formatCountdown', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0)
  const at = (ms: number) => new Date(now + ms).toISOString()

  it('counts down in minutes and seconds', () => {
    expect(formatCountdown(at((24 * 60 + 10) * 1000), now)).toEqual({
      text: 'expires in 24 min 10 s',
      state: 'ok',
      msLeft: (24 * 60 + 10) * 1000,
    })
  })
  it('uses hours and days for long spans', () => {
    expect(formatCountdown(at((3600 + 5 * 60) * 1000), now).text).toBe('expires in 1 h 5 min')
    expect(formatCountdown(at((2 * 86400 + 3 * 3600 + 59) * 1000), now).text).toBe('expires in 2 d 3 h')
    expect(formatCountdown(at(3600 * 1000), now).text).toBe('expires in 1 h')
  })
  it('flags the last two minutes as soon, rounding seconds up', () => {
    const c = formatCountdown(at(119_500), now)
    expect(c.state).toBe('soon')
    expect(c.text).toBe('expires in 2 min')
    expect(formatCountdown(at(120_000), now).state).toBe('ok')
    expect(formatCountdown(at(400), now).text).toBe('expires in 1 s')
  })
  it('reports expiry in the past', () => {
    expect(formatCountdown(at(0), now)).toEqual({ text: 'expired just now', state: 'expired', msLeft: 0 })
    expect(formatCountdown(at(-(3 * 60 + 20) * 1000), now).text).toBe('expired 3 min ago')
    expect(formatCountdown(at(-45_000), now).text).toBe('expired 45 s ago')
    expect(formatCountdown(at(-26 * 3600 * 1000), now).text).toBe('expired 1 d ago')
  })
  it('says so when the expiry is unknown', () => {
    expect(formatCountdown(null, now)).toEqual({ text: 'unknown expiry', state: 'invalid', msLeft: null })
    expect(formatCountdown('soon-ish', now).state).toBe('invalid')
  })
  it('formats spans with a bounded number of units', () => {
    expect(formatSpan(0, 2)).toBe('0 s')
    expect(formatSpan(61, 1)).toBe('1 min')
    expect(formatSpan(3601, 2)).toBe('1 h')
  })
})

describe('money, names, addresses', () => {
  it('formats money with its currency', () => {
    expect(formatMoney(1234.5, 'USD', 'en-US')).toBe('$1,234.50')
    // ICU puts a no-break space before the euro sign.
    expect(formatMoney(1234.5, 'EUR', 'de-DE')?.replace(/\s/g, ' ')).toBe('1.234,50 €')
  })
  it('keeps the number when the currency code is unknown or absent', () => {
    expect(formatMoney(10, 'NOT-A-CODE', 'en-US')).toBe('10.00 NOT-A-CODE')
    expect(formatMoney(10, null, 'en-US')).toBe('10.00')
    expect(formatMoney(undefined, 'USD')).toBeNull()
  })
  it('joins present name parts', () => {
    expect(personName('Ada', null, ' Lovelace ')).toBe('Ada Lovelace')
    expect(personName(null, undefined)).toBe('')
  })
  it('lays an address out on postal lines', () => {
    expect(
      addressLines({
        address1: '1 Main St',
        address2: '',
        cityOrTown: 'Austin',
        stateOrProvince: 'TX',
        postalOrZipCode: '78701',
        countryCode: 'US',
      }),
    ).toEqual(['1 Main St', 'Austin, TX 78701', 'US'])
    expect(addressLines({ postalOrZipCode: 'SW1A 1AA' })).toEqual(['SW1A 1AA'])
    expect(addressLines(undefined)).toEqual([])
  })
  it('finds two-factor keys whatever their spelling', () => {
    expect(twoFactorEntries({ id: 1, isTwoFactorEnabled: true, mfaMethod: 'totp', two_factor: null })).toEqual([
      ['isTwoFactorEnabled', true],
      ['mfaMethod', 'totp'],
      ['two_factor', null],
    ])
    expect(twoFactorEntries({ id: 1 })).toEqual([])
  })
})
