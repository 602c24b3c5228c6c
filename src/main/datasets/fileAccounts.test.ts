// A file indexed without holding its accounts must answer exactly as one held in memory: the same
// pages for every query, the same accounts (tokens dropped), the same warnings; and it must never
// read a file that changed since as if it were the one indexed.
import { appendFileSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors'
import { BUNDLE_KIND } from '../../shared/customer360'
import type { CustomerAccount } from '../../shared/kibo'
import { generateAccounts } from '../emulator/generate'
import { Dataset, type DatasetQuery } from './dataset'
import { accountOfRecord, FileAccounts } from './fileAccounts'
import { parseAccountFile, type ParsedAccounts } from './parseFile'

const dir = mkdtempSync(join(tmpdir(), 'file-accounts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let serial = 0
function file(contents: string): string {
  const path = join(dir, `f${serial++}.json`)
  writeFileSync(path, contents)
  return path
}

const lean = (path: string): ParsedAccounts => parseAccountFile(path, { leanFromBytes: 0 })
const held = (path: string): ParsedAccounts => parseAccountFile(path)

function failure(work: () => unknown): AppError {
  try {
    work()
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected a failure')
}

const generated = generateAccounts({ seed: 11, count: 240, tenant: 100001, site: 100002 }).accounts
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.lean-file-token-77'

const queries: DatasetQuery[] = [
  { offset: 0, limit: 50 },
  { offset: 100, limit: 30, sort: { field: 'name', direction: 'asc' } },
  { offset: 0, limit: 40, search: 'example' },
  { offset: 0, limit: 40, search: 'smith  a' },
  { offset: 0, limit: 500, filter: 'isActive = false' },
  { offset: 0, limit: 500, filter: 'contacts.address.countryCode = "DE"' },
  { offset: 0, limit: 500, filter: 'notes.content contains "delivery"', sort: { field: 'totalOrderAmount', direction: 'desc' } },
  { offset: 5, limit: 500, search: 'example', filter: 'segments.code = "VIP" or commerceSummary.orderCount > 5' },
  { offset: 0, limit: 20, sort: { field: 'updateDate', direction: 'desc' } },
]

describe('a file indexed without holding its accounts', () => {
  const shapes: [string, string][] = [
    ['a JSON array', JSON.stringify(generated, null, 1)],
    ['JSON Lines', generated.map((account) => JSON.stringify(account)).join('\n') + '\n'],
    ['a page of a collection', JSON.stringify({ startIndex: 0, pageSize: 240, totalCount: 240, items: generated })],
  ]
  for (const [what, text] of shapes) {
    it(`answers every query as the same file held in memory: ${what}`, () => {
      const path = file(text)
      const small = held(path)
      const big = lean(path)
      expect(big.accounts).toEqual([])
      expect(big.source).toBeInstanceOf(FileAccounts)
      expect(small.source).toBe(small.accounts)
      expect(big.source.length).toBe(240)
      expect(big.index.count).toBe(240)
      expect(big.warnings).toEqual(small.warnings)
      const inMemory = new Dataset(small.source, small.index)
      const fromFile = new Dataset(big.source, big.index)
      for (const query of queries) {
        const page = fromFile.query(query)
        expect(page).toEqual(inMemory.query(query))
      }
      // The filters above matched something, or comparing them would prove little.
      expect(fromFile.query(queries[5]).total).toBeGreaterThan(0)
      expect(fromFile.query(queries[6]).total).toBeGreaterThan(0)
      for (const index of [0, 1, 120, 239]) expect(fromFile.account(index)).toEqual(generated[index])
      expect(failure(() => fromFile.account(240))).toMatchObject({ kind: 'not-found', message: expect.stringContaining('it holds 240') })
    })
  }

  it('gives each account as parsing kept it: a ticket’s or a bundle’s account, tokens dropped', () => {
    const ticket = { accessToken: TOKEN, refreshToken: TOKEN, customerAccount: { id: 7, firstName: 'Tia', emailAddress: 't@example.com' } }
    const bundle = {
      kind: BUNDLE_KIND,
      version: 1,
      exportedAt: '2026-12-01T09:30:00.000Z',
      tenant: 't1',
      account: { id: 8, firstName: 'Bo', externalPassword: TOKEN },
      sections: {},
      keyed: {},
      redacted: false,
    }
    const secretDeep = { id: 9, firstName: 'Cy', attributes: [{ fullyQualifiedName: 'x', apiKey: TOKEN }] }
    const rows = [{ id: 6, firstName: 'Al' }, ticket, secretDeep, { id: 10, firstName: 'Di' }]
    const path = file(rows.map((row) => JSON.stringify(row)).join('\n'))
    const parsed = lean(path)
    const source = parsed.source
    expect(source.length).toBe(4)
    expect(source.at(0)).toEqual({ id: 6, firstName: 'Al' }) // the first line, held whole
    expect(source.at(1)).toEqual(ticket.customerAccount)
    expect(source.at(2)).toEqual({ id: 9, firstName: 'Cy', attributes: [{ fullyQualifiedName: 'x' }] })
    expect(JSON.stringify(parsed.source.at(2))).not.toContain(TOKEN)
    expect(accountOfRecord(bundle)).toEqual({ id: 8, firstName: 'Bo' })
    expect(accountOfRecord(ticket)).toEqual(ticket.customerAccount)
    const walked: unknown[] = []
    source.forEach((account, index) => walked.push([index, account.id]))
    expect(walked).toEqual([
      [0, 6],
      [1, 7],
      [2, 9],
      [3, 10],
    ])
    expect(parsed.warnings).toEqual(held(path).warnings)
    expect(parsed.warnings.join(' ')).toContain('tokens or secrets')
  })

  it('reports wrong types and repeated ids as a held file does', () => {
    const rows = [
      { id: 1, firstName: 'A' },
      { id: 1, firstName: 'B', isActive: 'yes' },
      { id: 2, emailAddress: 5 },
    ]
    const path = file(JSON.stringify(rows))
    const big = lean(path)
    const small = held(path)
    expect(big.problems).toEqual(small.problems)
    expect(big.problems.map((problem) => problem.index)).toEqual([1, 2])
    expect(big.warnings).toEqual(small.warnings)
    expect(big.warnings.join(' ')).toContain('1 account repeats an id already in the file (first: 1)')
  })

  it('is chosen from the file’s size: from leanFromBytes on, not below', () => {
    const path = file(JSON.stringify(generated.slice(0, 3)))
    const size = held(path).bytes
    expect(parseAccountFile(path, { leanFromBytes: size }).source).toBeInstanceOf(FileAccounts)
    expect(parseAccountFile(path, { leanFromBytes: size + 1 }).source).toBeInstanceOf(Array)
    // No size limit unless one is asked for.
    expect(failure(() => parseAccountFile(path, { maxBytes: size - 1 }))).toMatchObject({ kind: 'file' })
  })

  it('refuses to read a file that changed on disk since it was indexed, by reading or by walking it', () => {
    const path = file(JSON.stringify(generated.slice(0, 5)))
    const parsed = lean(path)
    expect(parsed.source.at(3)).toEqual(generated[3])
    const dataset = new Dataset(parsed.source, parsed.index)
    appendFileSync(path, ' ')
    expect(failure(() => parsed.source.at(4))).toMatchObject({ kind: 'bad-file', message: expect.stringContaining('changed on disk') })
    expect(failure(() => dataset.query({ offset: 0, limit: 5, filter: 'contacts.email = "x"' }))).toMatchObject({ kind: 'bad-file' })
    // Same size, new time: still refused.
    const other = file(JSON.stringify(generated.slice(0, 5)))
    const again = lean(other)
    utimesSync(other, new Date(2020, 0, 1), new Date(2020, 0, 1))
    expect(failure(() => again.source.at(1))).toMatchObject({ kind: 'bad-file' })
    rmSync(other)
    expect(failure(() => again.source.at(2))).toMatchObject({ kind: 'file' })
  })
})

describe('FileAccounts: walking the file in windows', () => {
  it('reads every account in order whatever the window, including accounts larger than it', () => {
    const accounts: CustomerAccount[] = [
      { id: 1, firstName: 'short' },
      { id: 2, notes: [{ content: 'x'.repeat(300) }] },
      { id: 3, firstName: 'after the long one' },
      { id: 4, lastName: 'y'.repeat(90) },
      { id: 5 },
    ]
    let text = '['
    const spans: [number, number][] = []
    for (const account of accounts) {
      const json = JSON.stringify(account)
      if (spans.length) text += ',\n  '
      spans.push([Buffer.byteLength(text), Buffer.byteLength(json)])
      text += json
    }
    const path = file(text + ']')
    for (const window of [16, 64, 100, 1 << 20]) {
      const source = new FileAccounts(window)
      for (const [start, length] of spans) source.locate(start, length)
      source.attach(path, statSync(path))
      const seen: CustomerAccount[] = []
      source.forEach((account, index) => {
        expect(index).toBe(seen.length)
        seen.push(account)
      })
      expect(seen).toEqual(accounts)
      expect(source.at(1)).toEqual(accounts[1])
      expect(source.at(5)).toBeUndefined()
      expect(source.at(-1)).toBeUndefined()
      expect(source.at(0.5)).toBeUndefined()
    }
  })

  it('tells a watcher how far the walk is, and stops when it asks, leaving filters as good as before', () => {
    const path = file(JSON.stringify(generated))
    const parsed = parseAccountFile(path, { leanFromBytes: 0 })
    const size = parsed.bytes
    // A window of 4 KB: the 240 accounts take many windows.
    const source = new FileAccounts(4096)
    const spans: [number, number][] = []
    let at = 1 // after '['
    for (const account of generated) {
      const length = Buffer.byteLength(JSON.stringify(account))
      spans.push([at, length])
      at += length + 1
    }
    for (const [start, length] of spans) source.locate(start, length)
    source.attach(path, statSync(path))
    const seen: number[] = []
    let visited = 0
    source.forEach(() => visited++, { progress: (done, total) => seen.push(done / total), cancelled: () => false })
    expect(visited).toBe(240)
    expect(seen.length).toBeGreaterThan(10)
    expect(seen[0]).toBe(1 / size)
    expect(seen[seen.length - 1]).toBe(1)
    expect(seen.every((value, k) => k === 0 || value > seen[k - 1])).toBe(true)

    let asked = 0
    visited = 0
    const error = failure(() =>
      source.forEach(() => visited++, {
        progress: () => {},
        cancelled: () => ++asked > 3,
      }),
    )
    expect(error).toMatchObject({ kind: 'cancelled' })
    expect(visited).toBeGreaterThan(0)
    expect(visited).toBeLessThan(240)

    // Through a dataset: a walk cancelled half-way, then the same filter again, answers in full.
    const dataset = new Dataset(parsed.source, parsed.index)
    const query = { offset: 0, limit: 500, filter: 'contacts.address.countryCode = "DE"' }
    expect(failure(() => dataset.query(query, { progress: () => {}, cancelled: () => true }))).toMatchObject({ kind: 'cancelled' })
    const heldAnswer = new Dataset(held(path).accounts).query(query)
    expect(heldAnswer.total).toBeGreaterThan(0)
    expect(dataset.query(query)).toEqual(heldAnswer)
  })

  it('answers filters on single-valued fields from copies made while reading, never walking the file for them', () => {
    const path = file(JSON.stringify(generated))
    const big = lean(path)
    const small = held(path)
    const fromFile = new Dataset(big.source, big.index, big.views)
    const inMemory = new Dataset(small.source, small.index)
    let walked = 0
    const watch = { progress: () => walked++, cancelled: () => false }
    for (const filter of [
      'isActive = false',
      'accountType = "B2B" and taxExempt = true',
      'lastName startswith "Sm" or emailAddress endswith "example.org"',
      'customerSinceDate >= "2024-01-01" and not isLocked and id > 1100',
    ]) {
      const query = { offset: 0, limit: 500, filter }
      expect(fromFile.query(query, watch)).toEqual(inMemory.query(query))
    }
    expect(walked).toBe(0)
    const nested = { offset: 0, limit: 500, filter: 'isActive = true and segments.code = "VIP"' }
    expect(fromFile.query(nested, watch)).toEqual(inMemory.query(nested))
    expect(walked).toBeGreaterThan(0)
  })

  it('says it was not told where the file is, rather than reading nothing', () => {
    const source = new FileAccounts()
    source.locate(0, 10)
    expect(failure(() => source.at(0))).toMatchObject({ kind: 'internal' })
  })
})
