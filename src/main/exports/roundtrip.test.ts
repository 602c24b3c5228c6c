// Export → open gives back the same accounts, minus tokens; CSV reads back cell for cell.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { CustomerAccount } from '../../shared/kibo'
import { parseAccountFile } from '../datasets/parseFile'
import { generateAccounts } from '../emulator/generate'
import { cellText, DEFAULT_CSV_COLUMNS } from './csv'
import { exportAccounts } from './exportAccounts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roundtrip-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const accounts = generateAccounts({ seed: 5, count: 120 }).accounts
// As an account taken from a ticket might look: tokens where they don't belong.
const withTokens = accounts.map((a, i) => (i % 10 === 0 ? { ...a, accessToken: `secret-${i}`, jwtAccessToken: 'eyJ.secret' } : a))

async function* pages(list: CustomerAccount[], size = 25): AsyncGenerator<CustomerAccount[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size)
}

/** RFC 4180 reader, enough for the test: quoted cells, doubled quotes, CRLF. */
function readCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

describe('export → open', () => {
  for (const format of ['json', 'jsonl'] as const) {
    it(`${format}: the same accounts, without tokens`, async () => {
      const path = join(dir, `all.${format}`)
      const result = await exportAccounts({ source: pages(withTokens), path, format, redact: false })
      expect(result.count).toBe(120)
      const opened = parseAccountFile(path)
      expect(opened.shape).toBe(format === 'json' ? 'array' : 'jsonl')
      expect(opened.accounts).toEqual(accounts)
      expect(opened.warnings).toEqual([])
      expect(await readFile(path, 'utf8')).not.toContain('secret')
    })

    it(`${format}, redacted: opens, same ids and amounts, no original email or name`, async () => {
      const path = join(dir, `masked.${format}`)
      await exportAccounts({ source: pages(accounts), path, format, redact: true })
      const opened = parseAccountFile(path).accounts
      expect(opened.map((a) => a.id)).toEqual(accounts.map((a) => a.id))
      expect(opened.map((a) => a.commerceSummary)).toEqual(accounts.map((a) => a.commerceSummary))
      const text = await readFile(path, 'utf8')
      for (const a of accounts.slice(0, 40)) {
        if (a.emailAddress) expect(text).not.toContain(a.emailAddress)
        for (const c of a.contacts ?? []) if (c.phoneNumbers?.mobile) expect(text).not.toContain(c.phoneNumbers.mobile)
      }
    })
  }

  it('csv: every cell reads back as written', async () => {
    const path = join(dir, 'all.csv')
    await exportAccounts({ source: pages(withTokens), path, format: 'csv', redact: false })
    const text = await readFile(path, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = readCsv(text.slice(1))
    expect(header).toEqual(DEFAULT_CSV_COLUMNS)
    expect(rows).toHaveLength(120)
    rows.forEach((row, r) => {
      const expected = header.map((column) => cellText(accounts[r], column.split('.')))
      expect(row.map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell))).toEqual(expected)
    })
  })
})
