// Customer bundles and the warnings of parseAccountFile, read in this process (the worker-driven
// tests of bundle opening are in ../bundles/openBundle.test.ts).
import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BUNDLE_KIND } from '../../shared/customer360'
import { AppFailure, type AppError } from '../../shared/errors'
import { parseAccountFile, type ParseOptions } from './parseFile'

const dir = mkdtempSync(join(tmpdir(), 'parse-bundles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let serial = 0
function file(contents: string | Buffer, name = `f${serial++}.json`): string {
  const path = join(dir, name)
  writeFileSync(path, contents)
  return path
}

function failure(path: string, options?: ParseOptions): AppError {
  try {
    parseAccountFile(path, options)
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected the file to be refused')
}

const readAt = '2026-12-01T09:30:00.000Z'
const tenant = 'tenant 100001'

function bundle(id: number, first: string, extra: Record<string, unknown> = {}) {
  return {
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt: readAt,
    tenant,
    account: { id, firstName: first, emailAddress: `${first.toLowerCase()}@example.com` },
    sections: { loginState: { readAt, tenant, data: { isLocked: false, who: first } } },
    redacted: false,
    ...extra,
  }
}

const lines = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n'

describe('parseAccountFile: customer bundles', () => {
  it('lists each bundle of JSON Lines by its account and reads the bundle back on demand', () => {
    const all = [bundle(1, 'Ada'), bundle(2, 'Bo'), bundle(3, 'Cy')]
    const parsed = parseAccountFile(file(lines(all), 'b.jsonl'))
    expect(parsed.shape).toBe('jsonl')
    expect(parsed.accounts).toEqual(all.map((b) => b.account))
    expect(parsed.warnings).toEqual([])
    expect(parsed.bundles.size).toBe(3)
    for (const index of [2, 0, 1, 1]) expect(parsed.bundles.record(index)).toEqual(all[index])
  })

  it('reads bundles in an array too', () => {
    const all = [bundle(1, 'Ada'), bundle(2, 'Bo')]
    const parsed = parseAccountFile(file(JSON.stringify(all)))
    expect(parsed.shape).toBe('array')
    expect(parsed.accounts).toEqual(all.map((b) => b.account))
    expect(parsed.bundles.record(1)).toEqual(all[1])
  })

  it('opens a single bundle as one account, kept whole', () => {
    const one = bundle(5, 'Eve')
    const parsed = parseAccountFile(file(JSON.stringify(one, null, 2)))
    expect(parsed.shape).toBe('account')
    expect(parsed.accounts).toEqual([one.account])
    expect(parsed.bundles.size).toBe(1)
    expect(parsed.bundles.record(0)).toEqual(one)
  })

  it('says a plain account has no bundle', () => {
    const parsed = parseAccountFile(file(lines([bundle(1, 'Ada'), { id: 2, emailAddress: 'b@x' }])))
    expect(parsed.accounts.map((a) => a.id)).toEqual([1, 2])
    expect(parsed.bundles.size).toBe(1)
    expect(() => parsed.bundles.record(1)).toThrow(
      'Customer 2 of this file is a plain account, not a customer bundle: the file holds no sections for it.',
    )
  })

  it('drops tokens from a bundle, in its account and in its sections', () => {
    const withTokens = bundle(1, 'Ada', {
      account: { id: 1, firstName: 'Ada', emailAddress: 'ada@example.com', accessToken: 'AT-secret' },
      sections: { loginState: { readAt, tenant, data: { refreshToken: 'RT-secret', isLocked: true } } },
    })
    const parsed = parseAccountFile(file(lines([withTokens, bundle(2, 'Bo')])))
    expect(parsed.accounts[0]).toEqual({ id: 1, firstName: 'Ada', emailAddress: 'ada@example.com' })
    expect(JSON.stringify(parsed.bundles.record(0))).not.toContain('secret')
    expect(parsed.warnings).toEqual(['The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.'])
  })

  it('says nothing of tokens when only a section holds secret-looking keys; they are dropped when it is read back', () => {
    const one = bundle(1, 'Ada', { sections: { loginState: { readAt, tenant, data: { password: 'p-secret', isLocked: true } } } })
    const parsed = parseAccountFile(file(lines([bundle(2, 'Bo'), one])))
    expect(parsed.warnings).toEqual([])
    expect(parsed.accounts[1]).toEqual(one.account)
    expect(parsed.bundles.record(1)).toEqual(bundle(1, 'Ada', { sections: { loginState: { readAt, tenant, data: { isLocked: true } } } }))
  })

  it('leaves out malformed bundle lines, naming the first three, and opens the others', () => {
    const noTenant = { ...bundle(3, 'Cy'), tenant: 7 }
    const text = lines([
      bundle(1, 'Ada'),
      '{"kind": "kibo-customer-bundle", "version": 1, tru}',
      noTenant,
      bundle(4, 'Di'),
      { ...bundle(5, 'Ed'), version: 2 },
      '{"kind": "kibo-customer-bundle" x}',
      bundle(7, 'Flo'),
    ])
    const parsed = parseAccountFile(file(text, 'broken.jsonl'))
    expect(parsed.accounts.map((a) => a.id)).toEqual([1, 4, 7])
    expect(parsed.bundles.size).toBe(3)
    expect(parsed.bundles.record(1)).toEqual(bundle(4, 'Di'))
    expect(parsed.bundles.record(2)).toEqual(bundle(7, 'Flo'))
    expect(parsed.warnings).toEqual([
      '4 lines are not usable customer bundles and were left out; the other 3 customers are open. ' +
        "Line 2 is not valid JSON: Expected a property name in double quotes, found 't'. " +
        'Line 3 does not say which tenant it was read from. ' +
        'Line 5 is a customer bundle of version 2; this app reads version 1. (and 1 more) Export those customers again.',
    ])
  })

  it('says one left-out line and one customer in the singular', () => {
    const parsed = parseAccountFile(file(lines([bundle(1, 'Ada'), { ...bundle(2, 'Bo'), redacted: 'no' }])))
    expect(parsed.accounts.map((a) => a.id)).toEqual([1])
    expect(parsed.warnings).toEqual([
      '1 line is not a usable customer bundle and was left out; the other 1 customer is open. ' +
        'Line 2 does not say whether personal data is masked. Export those customers again.',
    ])
  })

  it('does not name lines past the third, and never reads their line numbers', () => {
    const bad = '{"kind": "kibo-customer-bundle", "version": 1, x}'
    const parsed = parseAccountFile(file(lines([bundle(1, 'Ada'), bad, bad, bad, bad, bad, bundle(2, 'Bo')])))
    expect(parsed.accounts.map((a) => a.id)).toEqual([1, 2])
    expect(parsed.warnings[0]).toBe(
      '5 lines are not usable customer bundles and were left out; the other 2 customers are open. ' +
        "Line 2 is not valid JSON: Expected a property name in double quotes, found 'x'. " +
        "Line 3 is not valid JSON: Expected a property name in double quotes, found 'x'. " +
        "Line 4 is not valid JSON: Expected a property name in double quotes, found 'x'. (and 2 more) Export those customers again.",
    )
  })

  it('a malformed first line of bundles is left out too', () => {
    const parsed = parseAccountFile(file(lines([{ ...bundle(1, 'Ada'), tenant: null }, bundle(2, 'Bo'), bundle(3, 'Cy')])))
    expect(parsed.accounts.map((a) => a.id)).toEqual([2, 3])
    expect(parsed.bundles.record(0)).toEqual(bundle(2, 'Bo'))
    expect(parsed.warnings).toEqual([
      '1 line is not a usable customer bundle and was left out; the other 2 customers are open. ' +
        'Line 1 does not say which tenant it was read from. Export those customers again.',
    ])
  })

  it('a broken line before any bundle fails the file: it is not yet a file of bundles', () => {
    const error = failure(file(lines([{ id: 1, emailAddress: 'a@x' }, '{"id": 2, x}', bundle(3, 'Cy')])))
    expect(error.kind).toBe('bad-file')
    expect(error.message).toMatch(
      /^f\d+\.json: not valid JSON: Expected a property name in double quotes, found 'x'\. \(in the value that starts on line 2, at line 2, column 11 \(byte 40\)\)$/,
    )
    expect(error.where).toBe('line 2')
  })

  it('a malformed bundle in an array or alone fails the file', () => {
    const bad = { ...bundle(1, 'Ada'), tenant: 1 }
    expect(failure(file(JSON.stringify([bundle(2, 'Bo'), bad]), 'arr.json'))).toMatchObject({
      kind: 'bad-file',
      message: 'arr.json does not say which tenant it was read from.',
    })
    expect(failure(file(JSON.stringify(bad), 'one.json'))).toMatchObject({
      kind: 'bad-file',
      message: 'one.json does not say which tenant it was read from.',
    })
  })

  it('refuses to read a bundle back from a file changed since it was opened', () => {
    const path = file(lines([bundle(1, 'Ada'), bundle(2, 'Bo')]))
    const parsed = parseAccountFile(path)
    expect(parsed.bundles.record(0)).toEqual(bundle(1, 'Ada'))
    appendFileSync(path, JSON.stringify(bundle(3, 'Cy')) + '\n')
    let error: unknown
    try {
      parsed.bundles.record(1)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(AppFailure)
    expect((error as AppFailure).error).toMatchObject({ kind: 'bad-file', hint: 'Open the file again.' })
    expect((error as AppFailure).error.message).toContain('changed on disk')
  })
})

describe('parseAccountFile: warnings and limits', () => {
  it('names the size of a file over the limit, in MB or GB', () => {
    const path = join(dir, 'big.json')
    writeFileSync(path, '')
    truncateSync(path, 5 * 1024 ** 2)
    expect(failure(path, { maxBytes: 3 * 1024 ** 2 })).toEqual({
      kind: 'file',
      message: "big.json is 5 MB; files over 3 MB can't be opened.",
      hint: 'Export fewer accounts per file (a search instead of all), or split the file.',
      where: path,
    })
    truncateSync(path, 1.5 * 1024 ** 3)
    expect(failure(path, { maxBytes: 1024 ** 3 }).message).toBe("big.json is 1.5 GB; files over 1.0 GB can't be opened.")
    rmSync(path)
  })

  it('says how many bytes of white space a file without JSON holds', () => {
    expect(failure(file(' '), {}).message).toMatch(/^f\d+\.json contains no JSON value: its 1 byte is all white space\.$/)
    expect(failure(file(' \n'), {}).message).toMatch(/^f\d+\.json contains no JSON value: its 2 bytes are all white space\.$/)
  })

  it('opens a file exactly at the limit', () => {
    const text = JSON.stringify([{ id: 1, emailAddress: 'a@x' }])
    expect(parseAccountFile(file(text), { maxBytes: text.length }).accounts).toEqual([{ id: 1, emailAddress: 'a@x' }])
    expect(failure(file(text), { maxBytes: text.length - 1 }).kind).toBe('file')
  })

  it('counts one repeated id in the singular and names at most five', () => {
    const one = parseAccountFile(file(JSON.stringify([{ id: 1, emailAddress: 'a' }, { id: 1, emailAddress: 'b' }, { emailAddress: 'c' }])))
    expect(one.warnings).toEqual(['1 account repeats an id already in the file (first: 1).'])
    const ids = [1, 2, 3, 4, 5, 6, 7]
    const many = parseAccountFile(file(JSON.stringify([...ids, ...ids].map((id) => ({ id, emailAddress: 'e' })))))
    expect(many.warnings).toEqual(['7 accounts repeat an id already in the file (first: 1, 2, 3, 4, 5).'])
  })

  it('says how many accounts have fields of the wrong type and how many are listed', () => {
    const one = parseAccountFile(
      file(
        JSON.stringify([
          { id: 1, emailAddress: 5 },
          { id: 2, emailAddress: 'b' },
        ]),
      ),
    )
    expect(one.warnings).toEqual(['1 account has fields of the wrong type (see Problems).'])
    expect(one.problems).toEqual([{ index: 0, id: 1, fields: [{ field: 'emailAddress', expected: 'text', found: 'a number' }] }])
    const many = parseAccountFile(file(JSON.stringify(Array.from({ length: 203 }, (_, id) => ({ id, isActive: 'yes' })))))
    expect(many.warnings).toEqual(['203 accounts have fields of the wrong type (the first 200 are listed under Problems).'])
    expect(many.problems).toHaveLength(200)
  })

  it('warns of a larger result only when the page says so with a number', () => {
    const page = (totalCount: unknown) =>
      parseAccountFile(
        file(
          JSON.stringify({
            totalCount,
            items: [
              { id: 1, emailAddress: 'a' },
              { id: 2, emailAddress: 'b' },
            ],
          }),
        ),
      )
    expect(page(2).warnings).toEqual([])
    expect(page('9').warnings).toEqual([])
    expect(page(3).warnings).toEqual(['This is one page of a larger result: 2 of 3 accounts.'])
    expect(page(3).shape).toBe('collection')
    const empty = parseAccountFile(file('{"items": [], "totalCount": 0}'))
    expect(empty).toMatchObject({ shape: 'collection', accounts: [], warnings: ['The file holds no accounts.'] })
  })

  it('keeps hasExternalPassword when it is true or false, and drops any other secret field', () => {
    const kept = parseAccountFile(file('{"hasExternalPassword":true,"id":1,"emailAddress":"a"}'))
    expect(kept.accounts).toEqual([{ hasExternalPassword: true, id: 1, emailAddress: 'a' }])
    expect(kept.warnings).toEqual([])
    const no = parseAccountFile(file('{"id":1,"hasExternalPassword" : false}'))
    expect(no.accounts).toEqual([{ id: 1, hasExternalPassword: false }])
    for (const text of [
      '{"id":1,"emailAddress":"a","hasExternalPassword":"true"}',
      '{"id":1,"emailAddress":"a","password":"hunter2"}',
      '{"id":1,"emailAddress":"a","password":1}',
    ]) {
      const parsed = parseAccountFile(file(text))
      expect(parsed.accounts).toEqual([{ id: 1, emailAddress: 'a' }])
      expect(parsed.warnings).toEqual(['The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.'])
    }
    const nested = parseAccountFile(file('{"id":1,"contacts":[{"id":2,"accessToken":"x"}]}'))
    expect(nested.accounts).toEqual([{ id: 1, contacts: [{ id: 2 }] }])
    expect(nested.warnings).toEqual(['The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.'])
  })

  it('takes the account out of tickets in an array, dropping their tokens', () => {
    const parsed = parseAccountFile(
      file(
        JSON.stringify([
          { accessToken: 'AT-secret', customerAccount: { id: 1, emailAddress: 'a', apiKey: 'k' } },
          { id: 2, emailAddress: 'b' },
        ]),
      ),
    )
    expect(parsed.accounts).toEqual([
      { id: 1, emailAddress: 'a' },
      { id: 2, emailAddress: 'b' },
    ])
    expect(parsed.warnings).toEqual(['The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.'])
  })

  it('a ticket as the first of JSON Lines', () => {
    const parsed = parseAccountFile(
      file(
        lines([
          { accessToken: 'AT-secret', customerAccount: { id: 1, emailAddress: 'a' } },
          { id: 2, emailAddress: 'b' },
        ]),
      ),
    )
    expect(parsed.shape).toBe('jsonl')
    expect(parsed.accounts.map((a) => a.id)).toEqual([1, 2])
    expect(JSON.stringify(parsed)).not.toContain('AT-secret')
  })

  it('a file that became shorter while it was read', () => {
    const path = file(JSON.stringify(Array.from({ length: 50 }, (_, id) => ({ id, emailAddress: 'e' }))))
    let cut = false
    const error = failure(path, {
      chunkSize: 64,
      onProgress: () => {
        if (!cut) truncateSync(path, 100)
        cut = true
      },
    })
    expect(error.kind).toBe('bad-file')
    expect(error.message).toMatch(/^f\d+\.json became shorter while it was read \(100 of \d+ bytes were there\)\.$/)
  })

  it('a single value larger than the limit', () => {
    const text = JSON.stringify([
      { id: 1, emailAddress: 'a' },
      { id: 2, notes: ['x'.repeat(3 * 1024 ** 2)] },
    ])
    const error = failure(file(text), { maxValueBytes: 1024 ** 2 })
    expect(error.kind).toBe('bad-file')
    expect(error.message).toContain(': a single value of 3 MB is larger than this app can hold in one string (1 MB).')
  })
})
