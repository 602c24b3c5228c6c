import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import type { CustomerAccount } from '../../shared/kibo'
import { exportAccounts } from './exportAccounts'
import { FileExists } from './atomicFile'
import type { Progress } from './progress'
import { appFailureOf } from '../../../test/failures'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'exports-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function account(id: number, extra: Partial<CustomerAccount> & Record<string, unknown> = {}): CustomerAccount {
  return {
    id,
    emailAddress: `person${id}@example.com`,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    commerceSummary: { orderCount: id % 7, totalOrderAmount: { currencyCode: 'USD', amount: id * 1.5 } },
    segments: [
      { id: 1, code: 'VIP' },
      { id: 2, code: 'NEW' },
    ],
    ...extra,
  }
}

async function* pages(count: number, pageSize = 10): AsyncGenerator<CustomerAccount[]> {
  for (let start = 0; start < count; start += pageSize) {
    const page: CustomerAccount[] = []
    for (let i = start; i < Math.min(count, start + pageSize); i++) page.push(account(i + 1))
    yield page
  }
}

describe('exportAccounts', () => {
  it('writes a JSON array, one account per line, and reports count and bytes', async () => {
    const path = join(dir, 'out.json')
    const result = await exportAccounts({ source: pages(25), path, format: 'json', redact: false })
    const text = await readFile(path, 'utf8')
    expect(result).toEqual({ path, count: 25, bytes: Buffer.byteLength(text) })
    const parsed = JSON.parse(text) as CustomerAccount[]
    expect(parsed.map((a) => a.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1))
    expect(text.split('\n')).toHaveLength(25 + 3)
  })

  it('writes an empty array for no accounts', async () => {
    const path = join(dir, 'empty.json')
    const result = await exportAccounts({ source: pages(0), path, format: 'json', redact: false })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual([])
    expect(result.count).toBe(0)
  })

  it('writes JSON Lines', async () => {
    const path = join(dir, 'out.jsonl')
    await exportAccounts({ source: pages(12), path, format: 'jsonl', redact: false })
    const lines = (await readFile(path, 'utf8')).split('\n')
    expect(lines.pop()).toBe('')
    expect(lines.map((line) => (JSON.parse(line) as CustomerAccount).id)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1))
  })

  it('writes CSV with a BOM, CRLF, the default columns and joined arrays', async () => {
    const path = join(dir, 'out.csv')
    await exportAccounts({ source: pages(3), path, format: 'csv', redact: false })
    const text = await readFile(path, 'utf8')
    expect(text.startsWith('\uFEFFid,externalId,userName,emailAddress,')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines).toHaveLength(5)
    const header = lines[0].split(',')
    const row = lines[1].split(',')
    expect(row[header.indexOf('id')]).toBe('1')
    expect(row[header.indexOf('emailAddress')]).toBe('person1@example.com')
    expect(row[header.indexOf('segments.code')]).toBe('VIP; NEW')
    expect(row[header.indexOf('commerceSummary.totalOrderAmount.amount')]).toBe('1.5')
  })

  it('writes the chosen CSV columns only', async () => {
    const path = join(dir, 'cols.csv')
    await exportAccounts({ source: pages(2), path, format: 'csv', redact: false, columns: ['emailAddress', 'commerceSummary.orderCount'] })
    expect(await readFile(path, 'utf8')).toBe(
      '\uFEFFemailAddress,commerceSummary.orderCount\r\nperson1@example.com,1\r\nperson2@example.com,2\r\n',
    )
  })

  it('rejects a malformed column path before creating any file', async () => {
    const failure = await appFailureOf(
      exportAccounts({ source: pages(2), path: join(dir, 'x.csv'), format: 'csv', redact: false, columns: ['a..b'] }),
    )
    expect(failure.error.kind).toBe('invalid-input')
    expect(await readdir(dir)).toEqual([])
  })

  it('never writes tokens, in any format, at any depth', async () => {
    async function* withTokens(): AsyncGenerator<CustomerAccount[]> {
      yield [
        account(1, {
          accessToken: 'AT-secret-1',
          hasExternalPassword: true,
          contacts: [{ id: 5, refresh_token: 'RT-secret-2' } as never],
          attributes: [{ fullyQualifiedName: 'x', values: [{ jwtAccessToken: 'JWT-secret-3', clientSecret: 'CS-4' }] }],
        }),
      ]
    }
    for (const format of ['json', 'jsonl', 'csv'] as const) {
      const path = join(dir, `tokens.${format}`)
      await exportAccounts({ source: withTokens(), path, format, redact: false, columns: ['id', 'accessToken', 'contacts'] })
      const text = await readFile(path, 'utf8')
      expect(text).not.toMatch(/secret|AT-|RT-|JWT-|CS-4/)
      if (format !== 'csv') expect(text).toContain('"hasExternalPassword":true')
    }
  })

  it('replaces an existing file only when asked to, and only when the export completes', async () => {
    const path = join(dir, 'out.json')
    await writeFile(path, 'old contents')
    const refused = await appFailureOf(exportAccounts({ source: pages(3), path, format: 'json', redact: false }))
    expect(refused).toBeInstanceOf(FileExists)
    expect(await readFile(path, 'utf8')).toBe('old contents')
    await exportAccounts({ source: pages(3), path, format: 'json', redact: false, replace: true })
    expect((JSON.parse(await readFile(path, 'utf8')) as unknown[]).length).toBe(3)
    expect(await readdir(dir)).toEqual(['out.json'])
  })

  it('leaves no file when cancelled mid-way, even while a page is still loading, and keeps an existing file', async () => {
    const path = join(dir, 'out.jsonl')
    await writeFile(path, 'old contents')
    const controller = new AbortController()
    let returned = false
    const source: AsyncIterable<CustomerAccount[]> = {
      [Symbol.asyncIterator]() {
        let page = 0
        return {
          next: async () => {
            page++
            if (page <= 2) return { done: false, value: [account(page)] }
            controller.abort()
            return new Promise<IteratorResult<CustomerAccount[]>>(() => undefined) // a fetch that never answers
          },
          return: async () => {
            returned = true
            return { done: true, value: undefined }
          },
        }
      },
    }
    const failure = await appFailureOf(
      exportAccounts({ source, path, format: 'jsonl', redact: false, replace: true, signal: controller.signal }),
    )
    expect(failure.error.kind).toBe('cancelled')
    expect(returned).toBe(true)
    expect(await readdir(dir)).toEqual(['out.jsonl'])
    expect(await readFile(path, 'utf8')).toBe('old contents')
  })

  it('does not start when already cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const failure = await appFailureOf(
      exportAccounts({ source: pages(3), path: join(dir, 'a.json'), format: 'json', redact: false, signal: controller.signal }),
    )
    expect(failure.error.kind).toBe('cancelled')
    expect(await readdir(dir)).toEqual([])
  })

  it('removes the partial file when the source fails, and passes its AppFailure on', async () => {
    async function* failing(): AsyncGenerator<CustomerAccount[]> {
      yield [account(1)]
      throw new AppFailure({ kind: 'rate-limited', message: 'Kibo asked us to slow down.' })
    }
    const failure = await appFailureOf(exportAccounts({ source: failing(), path: join(dir, 'a.json'), format: 'json', redact: false }))
    expect(failure.error.kind).toBe('rate-limited')
    expect(await readdir(dir)).toEqual([])
  })

  it('does not repeat an unexpected error text, which could quote a secret', async () => {
    async function* failing(): AsyncGenerator<CustomerAccount[]> {
      yield [account(1)]
      throw new Error('token abc123 rejected')
    }
    const failure = await appFailureOf(exportAccounts({ source: failing(), path: join(dir, 'a.json'), format: 'json', redact: false }))
    expect(failure.error.kind).toBe('internal')
    expect(failure.message).not.toContain('abc123')
  })

  it('reports a missing folder as a file failure', async () => {
    const failure = await appFailureOf(
      exportAccounts({ source: pages(1), path: join(dir, 'nope', 'a.json'), format: 'json', redact: false }),
    )
    expect(failure.error.kind).toBe('file')
    expect(failure.message).toContain('folder does not exist')
  })

  it('reports progress with the total, and a final report with the full count', async () => {
    const reports: Progress[] = []
    await exportAccounts({
      source: pages(50),
      path: join(dir, 'p.json'),
      format: 'json',
      redact: false,
      total: 50,
      onProgress: (p) => reports.push(p),
    })
    expect(reports.length).toBeGreaterThanOrEqual(1)
    const last = reports[reports.length - 1]
    expect(last.done).toBe(50)
    expect(last.total).toBe(50)
    expect(last.etaSeconds).toBe(0)
  })

  it('masks PII when asked, consistently within the file', async () => {
    async function* twice(): AsyncGenerator<CustomerAccount[]> {
      yield [account(1, { contacts: [{ id: 11, email: 'person1@example.com', phoneNumbers: { mobile: '+1 555-123-4567' } }] })]
      yield [account(2, { emailAddress: 'person1@example.com' })]
    }
    const path = join(dir, 'masked.jsonl')
    await exportAccounts({ source: twice(), path, format: 'jsonl', redact: true })
    const text = await readFile(path, 'utf8')
    expect(text).not.toMatch(/person1@example\.com|First1|Last1|555-123-4567/)
    const [a, b] = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as CustomerAccount)
    expect(a.emailAddress).toMatch(/^user-[0-9a-f]{10}@redacted\.invalid$/)
    expect(b.emailAddress).toBe(a.emailAddress)
    expect(a.contacts?.[0].email).toBe(a.emailAddress)
    expect(a.contacts?.[0].phoneNumbers?.mobile).toMatch(/^\+1 \d{3}-\d{3}-\d{4}$/)
    expect(a.id).toBe(1)
    expect(a.segments?.map((s) => s.code)).toEqual(['VIP', 'NEW'])
  })
})
