// A kept index must answer as the pass it saves would, be used only for the unchanged file it was
// made from, never hold a token, and give way (not fail) when damaged.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { afterAll, describe, expect, it } from 'vitest'
import { BUNDLE_KIND } from '../../shared/customer360'
import { generateAccounts } from '../emulator/generate'
import { Dataset, type DatasetQuery } from './dataset'
import { FileAccounts } from './fileAccounts'
import { indexPath, KEPT_INDEXES, loadIndex, saveIndex } from './indexFile'
import { parseAccountFile } from './parseFile'
import { SCALAR_FIELDS } from './accountShape'

const dir = mkdtempSync(join(tmpdir(), 'index-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.kept-index-token-31'
const generated = generateAccounts({ seed: 23, count: 120 }).accounts
const bundle = {
  kind: BUNDLE_KIND,
  version: 1,
  exportedAt: '2026-12-01T09:30:00.000Z',
  tenant: 't1',
  account: { id: 5001, firstName: 'Bundled', emailAddress: 'b@example.com' },
  sections: { cart: { readAt: '2026-12-01T09:30:00.000Z', tenant: 't1', data: { id: 'cart-1', items: [] } } },
  keyed: {},
  redacted: false,
}
const ticket = { accessToken: TOKEN, customerAccount: { id: 5002, firstName: 'Ticketed', password: TOKEN } }
const lines = [...generated.map((a) => JSON.stringify(a)), JSON.stringify(bundle), JSON.stringify(ticket), JSON.stringify(generated[0])]

let serial = 0
function file(text = lines.join('\n') + '\n'): string {
  const path = join(dir, `accounts-${serial++}.jsonl`)
  writeFileSync(path, text)
  return path
}
const indexes = join(dir, 'indexes')
const lean = (path: string) => parseAccountFile(path, { leanFromBytes: 0 })

const queries: DatasetQuery[] = [
  { offset: 0, limit: 200 },
  { offset: 3, limit: 40, search: 'example', sort: { field: 'name', direction: 'desc' } },
  { offset: 0, limit: 200, filter: 'contacts.address.countryCode = "DE" or segments.code = "VIP"' },
]

describe('kept indexes of large files', () => {
  it('restores the file as indexed: same answers, accounts, bundles, warnings; no token kept', async () => {
    const path = file()
    const first = lean(path)
    expect(await saveIndex(indexes, first)).toBe(true)
    const where = indexPath(indexes, path)
    expect(statSync(where).mode & 0o777).toBe(0o600)
    expect(readFileSync(where).includes(TOKEN)).toBe(false)

    const kept = loadIndex(indexes, path, { fromBytes: 0 })
    expect(kept).not.toBeNull()
    const again = kept!
    expect(again.source).toBeInstanceOf(FileAccounts)
    expect(again.accounts).toEqual([])
    expect({ shape: again.shape, bytes: again.bytes, warnings: again.warnings, problems: again.problems }).toEqual({
      shape: first.shape,
      bytes: first.bytes,
      warnings: first.warnings,
      problems: first.problems,
    })
    expect(again.warnings.join(' ')).toContain('repeats an id')
    const fresh = new Dataset(first.source, first.index)
    const restored = new Dataset(again.source, again.index)
    for (const query of queries) expect(restored.query(query)).toEqual(fresh.query(query))
    for (const index of [0, 77, 120, 121, 122]) expect(restored.account(index)).toEqual(fresh.account(index))
    expect(restored.account(121)).toEqual({ id: 5002, firstName: 'Ticketed' })
    expect(again.bundles.size).toBe(1)
    expect(again.bundles.record(120)).toEqual(bundle)
    // The copies of single-valued fields come back too: with the file gone, such a filter still
    // answers (nothing is read), while one on a nested field needs the file.
    const viewsKept = new Dataset(again.source, again.index, again.views)
    const flat = { offset: 0, limit: 200, filter: 'isActive = false or firstName = "Ticketed"' }
    const expected = new Dataset(first.source, first.index, first.views).query(flat)
    expect(expected.total).toBeGreaterThan(1)
    rmSync(path)
    expect(viewsKept.query(flat)).toEqual(expected)
    expect(() => viewsKept.query({ offset: 0, limit: 5, filter: 'notes.content contains "x"' })).toThrow(/could not be read again/)
  })

  it('writes and reads long lists in parts, whatever their size', async () => {
    const path = file()
    const first = lean(path)
    expect(await saveIndex(indexes, first, 7)).toBe(true)
    // 123 accounts in parts of 7: 18 parts for each long list (4 columns and a primed field each), after the head.
    expect(partsOf(indexPath(indexes, path))).toHaveLength(1 + (4 + SCALAR_FIELDS.length) * 18)
    const again = loadIndex(indexes, path, { fromBytes: 0 })!
    expect(again.index.names).toEqual(first.index.names)
    expect(again.index.updated).toEqual(first.index.updated)
    const query = { offset: 0, limit: 200, filter: 'isActive = true', sort: { field: 'emailAddress' as const, direction: 'asc' as const } }
    expect(new Dataset(again.source, again.index, again.views).query(query)).toEqual(
      new Dataset(first.source, first.index, first.views).query(query),
    )
    // Cut after the head and a few parts: damaged, dropped.
    const where = indexPath(indexes, path)
    writeFileSync(where, Buffer.concat(partsOf(where).slice(0, 4).map(framed)))
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
    expect(existsSync(where)).toBe(false)
  })

  it('clears what an ended write left: this file’s at once, others’ after an hour', async () => {
    const folder = join(dir, 'partials')
    const path = file()
    const target = indexPath(folder, path)
    await saveIndex(folder, lean(path))
    const mine = `${target}.999999.partial`
    const other = join(folder, 'someone-else.index.888888.partial')
    const oldOther = join(folder, 'old.index.777777.partial')
    for (const left of [mine, other, oldOther]) writeFileSync(left, 'half an index')
    const hourAgo = new Date(Date.now() - 2 * 3_600_000)
    utimesSync(oldOther, hourAgo, hourAgo)
    expect(await saveIndex(folder, lean(path))).toBe(true)
    expect([mine, other, oldOther].map((left) => existsSync(left))).toEqual([false, true, false])
    expect(loadIndex(folder, path, { fromBytes: 0 })).not.toBeNull()
  })

  it('keeps nothing for a file held in memory', async () => {
    const path = file()
    expect(await saveIndex(indexes, parseAccountFile(path))).toBe(false)
    expect(existsSync(indexPath(indexes, path))).toBe(false)
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
  })

  it('is not used once the file changed, or when the file is no longer one to index', async () => {
    const path = file()
    const parsed = lean(path)
    await saveIndex(indexes, parsed)
    const size = statSync(path).size
    expect(loadIndex(indexes, path, { fromBytes: size })).not.toBeNull()
    expect(loadIndex(indexes, path, { fromBytes: size + 1 })).toBeNull()
    expect(loadIndex(indexes, path, { fromBytes: 0, maxBytes: size - 1 })).toBeNull()
    expect(loadIndex(indexes, path)).toBeNull() // the default: files from 512 MB on
    utimesSync(path, new Date(2021, 0, 1), new Date(2021, 0, 1))
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
    // Indexed again, the new index replaces the old; then the file grows.
    await saveIndex(indexes, lean(path))
    expect(loadIndex(indexes, path, { fromBytes: 0 })?.index.count).toBe(123)
    appendFileSync(path, JSON.stringify(generated[1]) + '\n')
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
    rmSync(path)
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
  })

  it('drops a damaged or foreign index instead of failing, so the file is indexed again', async () => {
    const path = file()
    const where = indexPath(indexes, path)
    await saveIndex(indexes, lean(path))
    writeFileSync(where, 'not an index at all')
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
    expect(existsSync(where)).toBe(false)
    await saveIndex(indexes, lean(path))
    const good = readFileSync(where)
    writeFileSync(where, good.subarray(0, good.length >> 1))
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
    expect(existsSync(where)).toBe(false)
    // Readable, but not this version, or not this file, or columns of the wrong length.
    const stat = statSync(path)
    const file0 = { path, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino }
    for (const wrong of [{ version: 99, file: file0 }, { version: 4, file: { ...file0, path: '/elsewhere' } }, [1, 2, 3]]) {
      writeFileSync(where, Buffer.concat([framed(serialize(wrong))]))
      expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
      expect(existsSync(where)).toBe(false)
    }
    await saveIndex(indexes, lean(path))
    const parsedIndex = loadIndex(indexes, path, { fromBytes: 0 })!
    const columns = { ...parsedIndex.index.saved(), ids: new Float64Array(3) }
    const [head, ...chunks] = partsOf(where)
    writeFileSync(where, Buffer.concat([framed(serialize({ ...(deserialize(head) as object), columns })), ...chunks.map(framed)]))
    expect(loadIndex(indexes, path, { fromBytes: 0 })).toBeNull()
  })

  it(`keeps the ${KEPT_INDEXES} most recently used indexes`, async () => {
    const folder = join(dir, 'pruned')
    const paths = Array.from({ length: KEPT_INDEXES + 3 }, () => file(lines.slice(0, 5).join('\n')))
    for (const [k, path] of paths.entries()) {
      await saveIndex(folder, lean(path))
      // Older first: each index a minute newer than the one before.
      const at = new Date(Date.UTC(2026, 0, 1, 0, k))
      utimesSync(indexPath(folder, path), at, at)
    }
    // Using the oldest kept one makes it the newest.
    expect(loadIndex(folder, paths[3], { fromBytes: 0 })).not.toBeNull()
    await saveIndex(folder, lean(file(lines.slice(0, 5).join('\n'))))
    const kept = readdirSync(folder).filter((name) => name.endsWith('.index'))
    expect(kept).toHaveLength(KEPT_INDEXES)
    expect(kept).toContain(indexPath(folder, paths[3]).split('/').pop())
    expect(kept).not.toContain(indexPath(folder, paths[4]).split('/').pop())
    expect(kept).toContain(
      indexPath(folder, paths[paths.length - 1])
        .split('/')
        .pop(),
    )
  })
})

/** An index file's parts: each a v8.serialize buffer after its 4-byte length. */
function partsOf(path: string): Buffer[] {
  const bytes = readFileSync(path)
  const out: Buffer[] = []
  for (let at = 0; at < bytes.length;) {
    const length = bytes.readUInt32LE(at)
    out.push(bytes.subarray(at + 4, at + 4 + length))
    at += 4 + length
  }
  return out
}

function framed(part: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32LE(part.length)
  return Buffer.concat([length, part])
}
