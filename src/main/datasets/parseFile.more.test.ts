// More of parseAccountFile's rules, each pinned to its exact outcome.
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BUNDLE_KIND } from '../../shared/customer360'
import { AppFailure, type AppError } from '../../shared/errors'
import { parseAccountFile, type ParseOptions } from './parseFile'
import { SAVE_AS } from './sniff'

const dir = mkdtempSync(join(tmpdir(), 'parse-more-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let serial = 0
function file(contents: string, name = `m${serial++}.json`): string {
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

const TOKENS = 'The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.'
const readAt = '2026-12-01T09:30:00.000Z'

function bundle(id: number, account: Record<string, unknown> = { id, emailAddress: `c${id}@example.com` }) {
  return {
    kind: BUNDLE_KIND,
    version: 1,
    exportedAt: readAt,
    tenant: 'tenant 1',
    account,
    sections: { loginState: { readAt, tenant: 'tenant 1', data: { isLocked: false } } },
    redacted: false,
  }
}

const lines = (values: unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('\n') + '\n'

describe('parseAccountFile: tokens', () => {
  it('drops a token from the account of a bundle on a later line, and says so', () => {
    const withToken = bundle(2, { id: 2, emailAddress: 'b@x', refreshToken: 'RT-secret' })
    const parsed = parseAccountFile(file(lines([bundle(1), withToken])))
    expect(parsed.accounts).toEqual([bundle(1).account, { id: 2, emailAddress: 'b@x' }])
    expect(parsed.warnings).toEqual([TOKENS])
    expect(parsed.bundles.record(1)).toEqual(bundle(2, { id: 2, emailAddress: 'b@x' }))
  })

  it('says tokens were dropped for a ticket in an array even when its account is clean', () => {
    const parsed = parseAccountFile(file(JSON.stringify([{ accessToken: 'AT-1', customerAccount: { id: 1, emailAddress: 'a' } }])))
    expect(parsed.accounts).toEqual([{ id: 1, emailAddress: 'a' }])
    expect(parsed.warnings).toEqual([TOKENS])
  })

  it('says nothing for a key that only looks like a secret, and drops a real one from any element', () => {
    const hintOnly = parseAccountFile(
      file(
        JSON.stringify([
          { id: 1, emailAddress: 'a' },
          { id: 2, emailAddress: 'b', sortKey: 'k' },
        ]),
      ),
    )
    expect(hintOnly.accounts).toEqual([
      { id: 1, emailAddress: 'a' },
      { id: 2, emailAddress: 'b', sortKey: 'k' },
    ])
    expect(hintOnly.warnings).toEqual([])
    const real = parseAccountFile(
      file(
        JSON.stringify([
          { id: 1, emailAddress: 'a' },
          { id: 2, emailAddress: 'b', password: 'p' },
        ]),
      ),
    )
    expect(real.accounts).toEqual([
      { id: 1, emailAddress: 'a' },
      { id: 2, emailAddress: 'b' },
    ])
    expect(real.warnings).toEqual([TOKENS])
  })
})

describe('parseAccountFile: what is refused and what opens', () => {
  it('checks only the first element for being an account', () => {
    const parsed = parseAccountFile(file(JSON.stringify([{ id: 1, emailAddress: 'a' }, { sku: 'P1' }])))
    expect(parsed.accounts).toEqual([{ id: 1, emailAddress: 'a' }, { sku: 'P1' }])
  })

  it('fails an array with a broken element even after a bundle: only JSON Lines leave a line out', () => {
    const text = `[${JSON.stringify(bundle(1))}, {"id": 2, x}]`
    const error = failure(file(text))
    expect(error.kind).toBe('bad-file')
    expect(error.message).toContain(": not valid JSON: Expected a property name in double quotes, found 'x'.")
  })

  it('refuses a bundle-like object whose account is not an account', () => {
    const error = failure(file(`{"kind": "${BUNDLE_KIND}", "account": {"sku": 1}}`, 'b.json'))
    expect(error).toEqual({
      kind: 'bad-file',
      message:
        "b.json holds a JSON object that is not a customer account, a page of accounts or an auth ticket (it is an object with 2 keys, none of them an account's (such as id, emailAddress or userName)).",
      hint: SAVE_AS,
    })
  })

  it('names a broken value of the top object where it is', () => {
    const error = failure(file('{"id": tru, "emailAddress": "a"}', 't.json'))
    expect(error).toEqual({
      kind: 'bad-file',
      message: "t.json: not valid JSON: Unexpected 't' where a value should be. (at line 1, column 8 (byte 7))",
      hint: SAVE_AS,
      where: 'line 1, column 8 (byte 7)',
    })
  })

  it('puts a JSON Lines error outside any value at its line, not at a value', () => {
    const error = failure(file('{"id":1}\n{"id":2}\n]', 'l.json'))
    expect(error).toEqual({
      kind: 'bad-file',
      message: "l.json: not valid JSON: Expected a JSON object at the start of the line, found ']'. (at line 3, column 1 (byte 18))",
      hint: SAVE_AS,
      where: 'line 3, column 1 (byte 18)',
    })
  })

  it('says what kind of structural problem it is', () => {
    expect(failure(file('[{"id": 1}\n {"id": 2}]', 's.json')).message).toBe(
      "s.json: not valid JSON: Expected ',' or ']' after account #1, found '{'. (at line 2, column 2 (byte 12))",
    )
    expect(failure(file('[{"id":1,"notes":[[1]]}]', 'd.json'), { maxDepth: 3 })).toEqual({
      kind: 'bad-file',
      message: 'd.json: The JSON is nested more than 3 levels deep. (at line 1, column 19 (byte 18))',
      hint: SAVE_AS,
      where: 'line 1, column 19 (byte 18)',
    })
    expect(parseAccountFile(file('[{"id":1,"notes":[[1]]}]'), { maxDepth: 4 }).accounts).toEqual([{ id: 1, notes: [[1]] }])
    expect(failure(file('[{"id":1}', 'c.json')).message).toBe(
      'c.json: the file is cut short. The file ends before its JSON is complete. (at line 1, column 10 (byte 9))',
    )
  })

  it('does not count accounts without an id as repeats', () => {
    expect(parseAccountFile(file(JSON.stringify([{ emailAddress: 'a' }, { emailAddress: 'b' }]))).warnings).toEqual([])
  })
})

describe('parseAccountFile: value size limit', () => {
  it('opens a value of exactly the limit, whatever its place in the file', () => {
    const accounts = Array.from({ length: 40 }, (_, id) => ({ id: id + 10, emailAddress: 'e' }))
    const size = Math.max(...accounts.map((a) => JSON.stringify(a).length))
    expect(parseAccountFile(file(JSON.stringify(accounts)), { maxValueBytes: size }).accounts).toEqual(accounts)
    expect(failure(file(JSON.stringify(accounts)), { maxValueBytes: size - 1 }).message).toContain(': a single value of 0 MB is larger')
  })

  it('names the size of the value itself, not where it lies', () => {
    const text = JSON.stringify([
      { id: 1, notes: ['x'.repeat(1.3 * 1024 ** 2)] },
      { id: 2, notes: ['y'.repeat(3 * 1024 ** 2)] },
    ])
    const error = failure(file(text), { maxValueBytes: 2 * 1024 ** 2, chunkSize: 16 * 1024 ** 2 })
    expect(error.message).toContain(': a single value of 3 MB is larger than this app can hold in one string (2 MB).')
  })
})

describe('parseAccountFile: the file as it was opened', () => {
  it('reads only the bytes there were when it was opened, and says the file grew', () => {
    const first =
      JSON.stringify([
        { id: 1, emailAddress: 'a' },
        { id: 2, emailAddress: 'b' },
        { id: 3, emailAddress: 'c' },
      ]) + '\n'
    const path = file(first)
    let grown = false
    const parsed = parseAccountFile(path, {
      chunkSize: 16,
      onProgress: () => {
        if (grown) return
        grown = true
        appendFileSync(path, 'x'.repeat(40))
      },
    })
    expect(parsed.bytes).toBe(first.length)
    expect(parsed.accounts.map((a) => a.id)).toEqual([1, 2, 3])
    expect(parsed.warnings).toEqual([
      `The file grew while it was read; read the first ${first.length} bytes as they were (it now has ${first.length + 40}). Open it again for the rest.`,
    ])
  })

  it('keeps no file descriptor open', () => {
    const fds = () => readdirSync('/proc/self/fd').length
    const path = file(lines([bundle(1), bundle(2)]))
    const before = fds()
    const parsed = parseAccountFile(path)
    parsed.bundles.record(1)
    expect(() => parseAccountFile(join(dir, 'missing.json'))).toThrow(AppFailure)
    expect(() => parseAccountFile(file(''))).toThrow(AppFailure)
    expect(fds()).toBe(before)
  })
})
