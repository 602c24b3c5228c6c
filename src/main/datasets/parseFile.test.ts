import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors'
import type { CustomerAccount } from '../../shared/kibo'
import { isSecretKey } from '../exports/secrets'
import { parseAccountFile, type ParseOptions } from './parseFile'

const dir = mkdtempSync(join(tmpdir(), 'datasets-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let serial = 0
function file(contents: string | Buffer, name = `f${serial++}.json`): string {
  const path = join(dir, name)
  writeFileSync(path, contents)
  return path
}

function failure(contents: string | Buffer, options?: ParseOptions): AppError {
  try {
    parseAccountFile(file(contents), options)
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected the file to be refused')
}

const accounts: CustomerAccount[] = [
  { id: 1, emailAddress: 'a@example.com', firstName: 'Ann', contacts: [{ id: 10, email: 'a@example.com' }] },
  { id: 2, emailAddress: 'b@example.com', userName: 'bee', isActive: false },
  { id: 3, emailAddress: 'c@example.com', commerceSummary: { orderCount: 2 } },
]

describe('parseAccountFile: shapes', () => {
  it('reads a JSON array', () => {
    const parsed = parseAccountFile(file(JSON.stringify(accounts, null, 2)))
    expect(parsed).toMatchObject({ shape: 'array', accounts, warnings: [] })
  })

  it('reads JSON Lines, including .ndjson with CRLF', () => {
    const parsed = parseAccountFile(file(accounts.map((a) => JSON.stringify(a)).join('\r\n') + '\r\n', 'x.ndjson'))
    expect(parsed).toMatchObject({ shape: 'jsonl', accounts, warnings: [] })
  })

  it('reads a Kibo page of accounts and warns when it is one page of many', () => {
    const parsed = parseAccountFile(file(JSON.stringify({ startIndex: 0, pageSize: 3, pageCount: 4, totalCount: 12, items: accounts })))
    expect(parsed.shape).toBe('collection')
    expect(parsed.accounts).toEqual(accounts)
    expect(parsed.warnings).toEqual(['This is one page of a larger result: 3 of 12 accounts.'])
  })

  it('reads a single account', () => {
    expect(parseAccountFile(file(JSON.stringify(accounts[0], null, 2)))).toMatchObject({ shape: 'account', accounts: [accounts[0]] })
  })

  it('reads an account cut down by responseFields', () => {
    expect(parseAccountFile(file('{"id": 7, "firstName": "Zoë"}')).accounts).toEqual([{ id: 7, firstName: 'Zoë' }])
  })

  it('takes the account out of an auth ticket and drops its tokens', () => {
    const ticket = {
      accessToken: 'AT.secret',
      accessTokenExpiration: '2030-01-01T00:00:00Z',
      refreshToken: 'RT-secret',
      jwtAccessToken: 'eyJ.x.y',
      userId: 'u1',
      customerAccount: { ...accounts[0], accessToken: 'nested-secret' },
    }
    const parsed = parseAccountFile(file(JSON.stringify(ticket)))
    expect(parsed.shape).toBe('ticket')
    expect(parsed.accounts).toEqual([accounts[0]])
    expect(JSON.stringify(parsed)).not.toMatch(/AT\.secret|RT-secret|nested-secret|eyJ/)
    expect(parsed.warnings).toEqual(['The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.'])
  })

  it('strips tokens from accounts in arrays and lines, at any depth', () => {
    const withTokens = [
      { ...accounts[0], refresh_token: 'r-secret' },
      { ...accounts[1], attributes: [{ values: [{ clientSecret: 'c-secret' }] }] },
      { ...accounts[2], contacts: [{ id: 4, ACCESS_TOKEN: 'A-secret', Password: 'p-secret' }] },
    ]
    for (const text of [JSON.stringify(withTokens), withTokens.map((a) => JSON.stringify(a)).join('\n')]) {
      // Tiny reads, so key names are split across reads too.
      for (const chunkSize of [5, 7, 1 << 20]) {
        const parsed = parseAccountFile(file(text), { chunkSize })
        expect(JSON.stringify(parsed.accounts)).not.toContain('secret')
        expect(parsed.accounts[0]).toEqual(accounts[0])
        expect(parsed.accounts[2].contacts).toEqual([{ id: 4 }])
      }
    }
  })

  it('finds every spelling of a secret key, whatever its value says', () => {
    // Values with no hint of their own: only the key names can give these away.
    const keys = [
      'accessToken',
      'refresh_token',
      'ACCESS_TOKEN',
      'clientSecret',
      'client_secret',
      'password',
      'Password',
      'passWord',
      'PASSWORD',
      'apiKey',
      'apikey',
      'api_key',
      'API_KEY',
      'api-key',
      'Authorization',
      'authorization',
      'cookie',
      'Cookie',
      'set-cookie',
      'setCookie',
    ]
    for (const key of keys) expect(isSecretKey(key), key).toBe(true)
    const withKeys = keys.map((key, i) => ({ ...accounts[i % accounts.length], contacts: [{ id: 9, [key]: 'v1' }] }))
    for (const chunkSize of [5, 1 << 20]) {
      const parsed = parseAccountFile(file(withKeys.map((a) => JSON.stringify(a)).join('\n')), { chunkSize })
      parsed.accounts.forEach((account, i) => expect(account.contacts, keys[i]).toEqual([{ id: 9 }]))
    }
  })

  it('accepts a UTF-8 BOM silently', () => {
    const parsed = parseAccountFile(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(accounts))])))
    expect(parsed.accounts).toEqual(accounts)
    expect(parsed.warnings).toEqual([])
  })

  it('opens duplicate ids with a warning that counts them and names the first few', () => {
    const list = [...accounts, { id: 1 }, { id: 2, emailAddress: 'x' }, { id: 1 }]
    const parsed = parseAccountFile(file(JSON.stringify(list)))
    expect(parsed.accounts).toHaveLength(6)
    expect(parsed.warnings).toEqual(['3 accounts repeat an id already in the file (first: 1, 2).'])
  })

  it('opens an empty array with a warning', () => {
    expect(parseAccountFile(file('[]'))).toMatchObject({ accounts: [], warnings: ['The file holds no accounts.'] })
  })

  it('reports progress up to the full size', () => {
    const seen: number[] = []
    const path = file(JSON.stringify(accounts))
    parseAccountFile(path, { chunkSize: 16, onProgress: (done, total) => seen.push(done / total) })
    expect(seen[seen.length - 1]).toBe(1)
    expect(seen.length).toBeGreaterThan(3)
  })
})

describe('parseAccountFile: bad input', () => {
  it('an empty file', () => {
    expect(failure('')).toMatchObject({ kind: 'bad-file', message: expect.stringMatching(/is empty/) })
    expect(failure('  \n\t ')).toMatchObject({
      kind: 'bad-file',
      message: expect.stringMatching(/contains no JSON value: its 5 bytes are all white space/),
    })
  })

  it('truncated JSON: where the cut account starts and where the file ends', () => {
    const text = JSON.stringify(accounts, null, 2)
    const error = failure(text.slice(0, text.length - 20))
    expect(error.kind).toBe('bad-file')
    expect(error.message).toMatch(
      /the file is cut short\. The file ends in the middle of account #3, which starts at byte \d+ \(a missing closing quote or brace\?\)\. \(at line \d+, column \d+ \(byte \d+\)\)/,
    )
  })

  it('malformed JSON inside an account: line, column and byte offset, in our words', () => {
    const text = '[\n  {"id": 1},\n  {"id": 2, "emailAddress": x}\n]'
    const error = failure(text)
    expect(error.kind).toBe('bad-file')
    expect(error.message).toContain("not valid JSON: Unexpected 'x' where a value should be.")
    expect(error.where).toBe(`line 3, column 29 (byte ${text.indexOf('x}')})`)
  })

  it('malformed JSON between accounts', () => {
    const error = failure('[{"id": 1}\n {"id": 2}]')
    expect(error.message).toContain("Expected ',' or ']' after account #1, found '{'.")
    expect(error.where).toBe('line 2, column 2 (byte 12)')
  })

  it('a bad JSON line: its line number', () => {
    const error = failure('{"id":1,"emailAddress":"a"}\n{"id":2}\n{"id":3,,}\n')
    expect(error.message).toContain('not valid JSON')
    expect(error.message).toContain('(in the value that starts on line 3, at line 3, column 9 (byte 45))')
    expect(error.where).toBe('line 3')
  })

  it('a JSON line cut short', () => {
    const error = failure('{"id":1,"emailAddress":"a"}\n{"id":2,\n{"id":3}\n')
    expect(error.message).toContain('one whole object per line')
    expect(error.where).toBe('line 2')
  })

  it('never quotes the file in a message (a token could be there)', () => {
    const error = failure('[{"id":1,"accessToken":"SECRET-abc" x}]')
    expect(JSON.stringify(error)).not.toContain('SECRET')
  })

  it('UTF-16, with or without a BOM', () => {
    const utf16 = Buffer.from(JSON.stringify(accounts), 'utf16le')
    for (const bytes of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]),
      utf16,
      Buffer.from(JSON.stringify(accounts), 'utf16le').swap16(),
    ]) {
      const error = failure(bytes)
      expect(error.kind).toBe('bad-file')
      expect(error.message).toMatch(/UTF-16/)
      expect(error.hint).toMatch(/Re-save it as UTF-8/)
    }
  })

  it('files that are not JSON: PNG, CSV, plain text', () => {
    expect(failure(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])).message).toMatch(/is a PNG image, not JSON/)
    expect(failure('id,emailAddress\n1,a@example.com\n').message).toMatch(/looks like CSV/)
    expect(failure('hello world')).toMatchObject({ message: expect.stringMatching(/not JSON: it starts with 'h'/), where: 'byte 0' })
  })

  it('JSON that is not accounts', () => {
    expect(failure('{"productCode": "P1", "content": {"productName": "Shoe"}}').message).toMatch(
      /not a customer account.*\(it is an object with 2 keys, none of them an account's/,
    )
    expect(failure('[{"productCode": "P1"}]').message).toMatch(/elements of this array are not customer accounts/)
    expect(failure('{"items": [{"productCode": "P1"}], "totalCount": 1}').message).toMatch(/items of this page are not customer accounts/)
    expect(failure('{"productCode": "P1"}\n{"productCode": "P2"}\n').message).toMatch(/lines of this file are not customer accounts/)
    expect(failure('[1, 2, 3]').message).toContain('Expected account #1 (a JSON object)')
    expect(failure('"just a string"').message).toMatch(/not JSON/)
  })

  it('values nested thousands deep', () => {
    const error = failure('[{"id":1,"x":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}]')
    expect(error.kind).toBe('bad-file')
    expect(error.message).toContain('nested more than 512 levels deep')
    expect(error.where).toMatch(/^line 1, column \d+/)
  })

  it('a file over the size limit, refused before reading', () => {
    const error = failure(JSON.stringify(accounts), { maxBytes: 100 })
    expect(error.kind).toBe('file')
    expect(error.message).toMatch(/files over .* can't be opened/)
  })

  it('a missing file and a folder', () => {
    expect(() => parseAccountFile(join(dir, 'nope.json'))).toThrow('Could not open nope.json: there is no file at that path.')
    expect(() => parseAccountFile(dir)).toThrow(/is a folder, not a regular file/)
  })
})
