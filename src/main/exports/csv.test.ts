import { describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { cellText, csvCell, csvHeader, csvRow, parseColumns } from './csv'
import { createProgressReporter, type Progress } from './progress'
import { isSecretKey, withoutSecrets } from './secrets'

describe('csvCell', () => {
  it('quotes per RFC 4180 only when needed', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"')
    expect(csvCell('')).toBe('')
    expect(csvCell('Zoë Ångström')).toBe('Zoë Ångström')
  })

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell('+1+1')).toBe("'+1+1")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tTAB')).toBe("'\tTAB")
    expect(csvCell('a=b')).toBe('a=b')
  })
})

describe('csvRow', () => {
  const account = {
    id: 7,
    emailAddress: '=cmd|"/c calc"!A1',
    commerceSummary: { orderCount: 3, totalOrderAmount: { amount: -12.5 } },
    segments: [{ code: 'VIP' }, { code: 'B2B' }],
    contacts: [{ address: { cityOrTown: 'Oslo' } }, { address: { cityOrTown: 'Bergen, Vestland' } }],
    isActive: false,
    auditInfo: null,
    nested: { a: 1 },
  }

  it('reads dotted paths through arrays and joins several values', () => {
    expect(cellText(account, ['segments', 'code'])).toBe('VIP; B2B')
    expect(cellText(account, ['contacts', 'address', 'cityOrTown'])).toBe('Oslo; Bergen, Vestland')
    expect(cellText(account, ['auditInfo', 'updateDate'])).toBe('')
    expect(cellText(account, ['missing'])).toBe('')
    expect(cellText(account, ['nested'])).toBe('{"a":1}')
    expect(cellText(account, ['constructor'])).toBe('')
  })

  it('writes a full row: numbers as numbers, strings quoted and defused', () => {
    const columns = parseColumns([
      'id',
      'emailAddress',
      'commerceSummary.totalOrderAmount.amount',
      'isActive',
      'contacts.address.cityOrTown',
    ])
    expect(csvHeader(columns)).toBe('id,emailAddress,commerceSummary.totalOrderAmount.amount,isActive,contacts.address.cityOrTown\r\n')
    expect(csvRow(account, columns)).toBe(`7,"'=cmd|""/c calc""!A1",-12.5,false,"Oslo; Bergen, Vestland"\r\n`)
  })

  it('uses the default columns when none are given and rejects empty path parts', () => {
    expect(parseColumns(undefined).map((p) => p.join('.'))).toContain('commerceSummary.orderCount')
    expect(() => parseColumns(['a.'])).toThrow(AppFailure)
    expect(() => parseColumns([' id'])).toThrow(AppFailure)
  })
})

describe('secrets', () => {
  it('recognises token and secret keys but not flags or expirations', () => {
    for (const key of ['accessToken', 'refreshToken', 'jwtAccessToken', 'access_token', 'client_secret', 'password', 'Authorization'])
      expect(isSecretKey(key)).toBe(true)
    for (const key of ['accessTokenExpiration', 'tokenType', 'emailAddress', 'id']) expect(isSecretKey(key)).toBe(false)
  })

  it('strips secrets at any depth, copy-on-write', () => {
    const clean = { id: 1, contacts: [{ id: 2 }] }
    expect(withoutSecrets(clean)).toBe(clean)
    const dirty = { id: 1, hasExternalPassword: true, password: 'p', list: [{ refreshToken: 'r', keep: 1 }] }
    expect(withoutSecrets(dirty)).toEqual({ id: 1, hasExternalPassword: true, list: [{ keep: 1 }] })
    expect(dirty.password).toBe('p')
  })
})

describe('createProgressReporter', () => {
  it('reports at most every 100 ms, with rate and eta, and always reports the end', () => {
    let clock = 0
    const reports: Progress[] = []
    const progress = createProgressReporter(
      1000,
      (p) => reports.push(p),
      () => clock,
    )
    for (let done = 1; done <= 500; done++) {
      clock += 1 // 1 ms per account
      progress.update(done)
    }
    expect(reports.length).toBe(5)
    expect(reports[1].done).toBe(101)
    expect(reports[1].total).toBe(1000)
    expect(reports[1].ratePerSecond).toBeCloseTo(1000, 6)
    expect(reports[1].etaSeconds).toBeCloseTo(0.899, 6)
    progress.finish(500)
    expect(reports[reports.length - 1].done).toBe(500)
  })

  it('has no eta without a total', () => {
    let clock = 0
    const reports: Progress[] = []
    const progress = createProgressReporter(
      null,
      (p) => reports.push(p),
      () => clock,
    )
    clock = 500
    progress.finish(10)
    expect(reports).toEqual([{ done: 10, total: null, ratePerSecond: 20, etaSeconds: null }])
  })
})
