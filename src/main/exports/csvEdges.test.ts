// The edges of CSV cells, secret keys and progress reports: what each rule keeps and what it changes.
import { describe, expect, it } from 'vitest'
import { cellText, csvCell, csvHeader, csvRow, DEFAULT_CSV_COLUMNS, parseColumns } from './csv'
import { createProgressReporter, type Progress } from './progress'
import { isSecretEntry, isSecretKey, setOwn, withoutSecrets } from './secrets'

describe('csv cells', () => {
  it('defuses a carriage return at the start and quotes it', () => {
    expect(csvCell('\rX')).toBe(`"'\rX"`)
    expect(csvCell('a+b')).toBe('a+b')
    expect(csvCell('a@b')).toBe('a@b')
  })

  it('writes a lone number as is, and several numbers joined as text', () => {
    expect(cellText({ n: 0 }, ['n'])).toBe('0')
    expect(cellText({ l: [{ n: 1 }, { n: 2 }] }, ['l', 'n'])).toBe('1; 2')
    expect(cellText({ b: true, big: 10n }, ['b'])).toBe('true')
    expect(cellText({ big: 10n }, ['big'])).toBe('10')
    expect(cellText({ s: 'x' }, ['s', 'deeper'])).toBe('')
    expect(cellText([{ a: 'one' }, null, { a: 'two' }], ['a'])).toBe('one; two')
  })

  it('keeps numbers unquoted but treats number-like text that is not a plain number as text', () => {
    const columns = parseColumns(['a', 'b', 'c', 'd', 'e', 'f'])
    const row = csvRow({ a: -3, b: '007', c: '-1e3', d: '1.50', e: '12', f: '-' }, columns)
    expect(row).toBe(`-3,007,'-1e3,1.50,12,'-\r\n`)
    expect(csvRow({}, parseColumns(['a', 'b']))).toBe(',\r\n')
  })

  it('quotes a header cell that needs it and separates cells with commas', () => {
    expect(csvHeader([['a'], ['b', 'c']])).toBe('a,b.c\r\n')
    expect(csvHeader([['=x']])).toBe("'=x\r\n")
  })

  it('uses the default columns for an empty list, and a given list as given', () => {
    expect(parseColumns([]).map((p) => p.join('.'))).toEqual([...DEFAULT_CSV_COLUMNS])
    expect(parseColumns(['a.b', 'c'])).toEqual([['a', 'b'], ['c']])
    expect(() => parseColumns(['a..b'])).toThrow(/not a dotted field path/)
    expect(() => parseColumns(['a. b'])).toThrow(/not a dotted field path/)
    expect(() => parseColumns(['a '])).toThrow(/not a dotted field path/)
  })
})

describe('secret keys', () => {
  it('knows every spelling of a credential', () => {
    for (const key of ['my-token', 'SECRET_KEY', 'userPassword', 'credentials', 'api_key', 'API-KEY', 'cookie', 'Set-Cookie', 'x_token'])
      expect(isSecretKey(key)).toBe(true)
    for (const key of ['tokens', 'apikeys', 'cookies', 'authorizationCode', 'tokenize']) expect(isSecretKey(key)).toBe(false)
  })

  it('a boolean under a secret name holds nothing; any other value does', () => {
    expect(isSecretEntry('password', false)).toBe(false)
    expect(isSecretEntry('password', '')).toBe(true)
    expect(isSecretEntry('password', null)).toBe(true)
    expect(isSecretEntry('password', 0)).toBe(true)
  })

  it('strips from arrays copy-on-write, keeping untouched items by reference', () => {
    const kept = { id: 1 }
    const list = [kept, { token: 't' }, 'text', null]
    const out = withoutSecrets(list)
    expect(out).not.toBe(list)
    expect(out[0]).toBe(kept)
    expect(out).toEqual([{ id: 1 }, {}, 'text', null])
    expect(list[1]).toEqual({ token: 't' })
    expect(withoutSecrets('x')).toBe('x')
    expect(withoutSecrets(null)).toBe(null)
  })

  it('keeps "__proto__" as a plain own key when copying', () => {
    const parsed = JSON.parse('{"__proto__": {"accessToken": "t", "polluted": true}, "id": 1}') as Record<string, unknown>
    const out = withoutSecrets(parsed) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(out['__proto__']).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const target: Record<string, unknown> = {}
    setOwn(target, 'plain', 1)
    expect(Object.getOwnPropertyDescriptor(target, 'plain')).toMatchObject({ value: 1, enumerable: true, writable: true })
  })
})

describe('progress', () => {
  it('reports the first update at once, then waits a full 100 ms', () => {
    let clock = 1000
    const reports: Progress[] = []
    const progress = createProgressReporter(
      10,
      (p) => reports.push(p),
      () => clock,
      0,
    )
    progress.update(1)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toEqual({ done: 1, total: 10, ratePerSecond: 1, etaSeconds: 9 })
    clock += 99
    progress.update(2)
    expect(reports).toHaveLength(1)
    clock += 1
    progress.update(3)
    expect(reports).toHaveLength(2)
  })

  it('has no rate at time zero, no eta at rate zero, and never a negative eta', () => {
    const clock = 0
    const reports: Progress[] = []
    const progress = createProgressReporter(
      5,
      (p) => reports.push(p),
      () => clock,
    )
    progress.finish(3)
    expect(reports[0]).toEqual({ done: 3, total: 5, ratePerSecond: null, etaSeconds: null })
    const zero = createProgressReporter(
      5,
      (p) => reports.push(p),
      () => 1000,
      0,
    )
    zero.finish(0)
    expect(reports[1]).toEqual({ done: 0, total: 5, ratePerSecond: 0, etaSeconds: null })
    const over = createProgressReporter(
      5,
      (p) => reports.push(p),
      () => 1000,
      0,
    )
    over.finish(8)
    expect(reports[2].etaSeconds).toBe(0)
  })

  it('a failing listener does not break the work, and no listener means no reports', () => {
    const progress = createProgressReporter(1, () => {
      throw new Error('listener bug')
    })
    expect(() => progress.update(1)).not.toThrow()
    expect(() => progress.finish(1)).not.toThrow()
    const silent = createProgressReporter(1, undefined)
    expect(() => silent.update(1)).not.toThrow()
  })
})
