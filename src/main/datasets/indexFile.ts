// The index of a large file (fileAccounts.ts) kept in the app's data folder, so reopening a file
// the app has indexed before takes a read of the index instead of a pass over the file. One index
// per file path; it is used only while the file's size, modification time and inode are those it
// was made from, and a changed file is indexed again (and its index replaced). The newest
// KEPT_INDEXES are kept. It holds what the list, search and sort show (names, emails, ids): the
// accounts' own words, tokens and secrets having been dropped before anything was indexed; the
// folder is the user's own (0700, files 0600). Stored with v8.serialize, in parts (see `parts`):
// typed arrays and strings as they are, nothing to parse.
import { createHash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs'
import { basename, join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { AccountProblem, DatasetSummary } from '../../shared/contract'
import { AccountIndex, type IndexColumns } from './accountIndex'
import { BundleRecords } from './bundleRecords'
import { FileAccounts, type SavedAccounts } from './fileAccounts'
import { FilterViews } from './filterView'
import { LEAN_FROM_BYTES, type ParsedAccounts } from './parseFile'

/** How many files' indexes are kept; the least recently opened go first. */
export const KEPT_INDEXES = 8
const VERSION = 4
const SUFFIX = '.index'
/** A write in progress (renamed to SUFFIX when complete); one left an hour is from a worker that was ended. */
const PARTIAL = '.partial'
const STALE_PARTIAL_MS = 3_600_000

interface SavedIndex {
  version: number
  file: { path: string; size: number; mtimeMs: number; ino: number }
  shape: DatasetSummary['shape']
  bytes: number
  warnings: string[]
  problems: AccountProblem[]
  columns: IndexColumns
  accounts: SavedAccounts
  bundles: ReturnType<BundleRecords['saved']>
  views: ReturnType<FilterViews['saved']> | null
}

/** Where the index of `path` is kept in `dir`. */
export function indexPath(dir: string, path: string): string {
  return join(dir, createHash('sha256').update(path).digest('hex').slice(0, 40) + SUFFIX)
}

/**
 * Keeps the index of a file that was indexed (not held); false when there was none to keep or it
 * could not be written. Yields between parts, so the worker answers queries while it writes.
 */
export async function saveIndex(dir: string, parsed: ParsedAccounts, chunk = CHUNK): Promise<boolean> {
  const { source } = parsed
  if (!(source instanceof FileAccounts) || !source.file) return false
  const saved: SavedIndex = {
    version: VERSION,
    file: source.file,
    shape: parsed.shape,
    bytes: parsed.bytes,
    warnings: parsed.warnings,
    problems: parsed.problems,
    columns: parsed.index.saved(),
    accounts: source.saved(),
    bundles: parsed.bundles.saved(),
    views: parsed.views?.saved() ?? null,
  }
  const target = indexPath(dir, source.file.path)
  const partial = `${target}.${process.pid}${PARTIAL}`
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    // What an earlier write of this file's index left when its worker was ended mid-write.
    const name = basename(target)
    for (const left of readdirSync(dir)) if (left.startsWith(`${name}.`) && left.endsWith(PARTIAL)) rmSync(join(dir, left), { force: true })
    const fd = openSync(partial, 'w', 0o600)
    try {
      for (const part of parts(saved, chunk)) {
        const bytes = serialize(part)
        const length = Buffer.alloc(4)
        length.writeUInt32LE(bytes.length)
        writeAll(fd, length)
        writeAll(fd, bytes)
        await new Promise((resolve) => setImmediate(resolve))
      }
    } finally {
      closeSync(fd)
    }
    renameSync(partial, target)
  } catch {
    // An index not kept only costs the next open a pass over the file.
    rmSync(partial, { force: true })
    return false
  }
  prune(dir)
  return true
}

/**
 * The file at `path` as indexed before, if its index is kept, the file has not changed since, and
 * it is still a file to index (`fromBytes` up to `maxBytes`, as parseFile.ts decides); else null.
 */
export function loadIndex(dir: string, path: string, limits: { fromBytes?: number; maxBytes?: number } = {}): ParsedAccounts | null {
  const where = indexPath(dir, path)
  let saved: unknown
  try {
    saved = readParts(where)
  } catch {
    rmSync(where, { force: true }) // missing, or not an index this app can read: made again
    return null
  }
  if (!isSavedIndex(saved) || saved.file.path !== path) {
    rmSync(where, { force: true })
    return null
  }
  try {
    const now = statSync(path)
    if (now.size !== saved.file.size || now.mtimeMs !== saved.file.mtimeMs || now.ino !== saved.file.ino) return null
    if (now.size < (limits.fromBytes ?? LEAN_FROM_BYTES) || now.size > (limits.maxBytes ?? Number.POSITIVE_INFINITY)) return null
  } catch {
    return null
  }
  const source = FileAccounts.restore(saved.accounts)
  source.attach(path, saved.file)
  const bundles = BundleRecords.restore(saved.bundles)
  bundles.attach(path, saved.file)
  try {
    const now = new Date()
    utimesSync(where, now, now) // recently used: kept longest
  } catch {
    // Only the order of pruning depends on it.
  }
  return {
    shape: saved.shape,
    accounts: [],
    source,
    index: new AccountIndex(saved.columns),
    views: saved.views ? FilterViews.restore(saved.views) : null,
    warnings: saved.warnings,
    problems: saved.problems,
    bytes: saved.bytes,
    bundles,
  }
}

/** Entries of a long list in one part. */
const CHUNK = 65_536
/** The long lists of an index, in the order they are written: four columns, then the primed fields' columns. */
function listsOf(saved: SavedIndex): unknown[][] {
  const { columns, views } = saved
  return [columns.names, columns.emails, columns.userNames, columns.updated, ...(views?.columns ?? [])]
}

function* parts(saved: SavedIndex, chunk: number): Generator<unknown> {
  const { columns, views } = saved
  yield {
    ...saved,
    columns: { ...columns, names: [], emails: [], userNames: [], updated: [] },
    views: views && { fields: views.fields, columns: views.columns.map(() => []) },
  }
  for (const list of listsOf(saved)) for (let at = 0; at < list.length; at += chunk) yield list.slice(at, at + chunk)
}

function readParts(path: string): unknown {
  const fd = openSync(path, 'r')
  try {
    let position = 0
    const next = (): unknown => {
      const length = Buffer.alloc(4)
      if (readSync(fd, length, 0, 4, position) !== 4) throw new Error('The index ends early.')
      const bytes = Buffer.allocUnsafe(length.readUInt32LE())
      if (readSync(fd, bytes, 0, bytes.length, position + 4) !== bytes.length) throw new Error('The index ends early.')
      position += 4 + bytes.length
      return deserialize(bytes)
    }
    const head = next() as SavedIndex
    const count = head?.columns?.count
    const views = head?.views
    if (!Number.isInteger(count) || count < 0 || (views && !Array.isArray(views.columns))) return head
    for (const list of listsOf(head)) {
      if (!Array.isArray(list)) return head
      while (list.length < count) {
        const chunk = next()
        if (!Array.isArray(chunk) || chunk.length === 0) throw new Error('The index is damaged.')
        for (const item of chunk) list.push(item)
      }
    }
    return head
  } finally {
    closeSync(fd)
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let done = 0
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done)
}

function prune(dir: string): void {
  try {
    const names = readdirSync(dir)
    for (const name of names)
      if (name.endsWith(PARTIAL) && Date.now() - statSync(join(dir, name)).mtimeMs > STALE_PARTIAL_MS)
        rmSync(join(dir, name), { force: true })
    const kept = names
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at)
    for (const old of kept.slice(KEPT_INDEXES)) rmSync(old.path, { force: true })
  } catch {
    // A folder that cannot be listed keeps what it has.
  }
}

// What v8.deserialize gives back is checked before use: a damaged or older index is made again.
function isSavedIndex(value: unknown): value is SavedIndex {
  if (typeof value !== 'object' || value === null) return false
  const saved = value as Partial<SavedIndex>
  const file = saved.file
  const columns = saved.columns
  const accounts = saved.accounts
  if (saved.version !== VERSION || !file || !columns || !accounts || !saved.bundles) return false
  if (typeof file.path !== 'string' || typeof file.size !== 'number' || typeof file.mtimeMs !== 'number' || typeof file.ino !== 'number')
    return false
  if (!Array.isArray(saved.warnings) || !Array.isArray(saved.problems) || typeof saved.bytes !== 'number') return false
  if (!Array.isArray(saved.bundles.held) || !Array.isArray(saved.bundles.spans) || !Array.isArray(accounts.held)) return false
  const n = columns.count
  if (!Number.isInteger(n) || typeof columns.searchAll !== 'string') return false
  const views = saved.views
  if (views !== null) {
    if (typeof views !== 'object' || !Array.isArray(views.fields) || !Array.isArray(views.columns)) return false
    if (views.columns.length !== views.fields.length || !views.fields.every((field) => typeof field === 'string')) return false
    if (!views.columns.every((column) => Array.isArray(column) && column.length === n)) return false
  }
  const typed: [unknown, new (...args: never[]) => unknown, number][] = [
    [columns.ids, Float64Array, n],
    [columns.orderCounts, Float64Array, n],
    [columns.amounts, Float64Array, n],
    [columns.active, Int8Array, n],
    [columns.searchStarts, Int32Array, n + 1],
    [accounts.starts, Float64Array, n],
    [accounts.lengths, Float64Array, n],
  ]
  if (!typed.every(([array, kind, length]) => array instanceof kind && (array as ArrayLike<unknown>).length === length)) return false
  return [columns.names, columns.emails, columns.userNames, columns.updated].every((list) => Array.isArray(list) && list.length === n)
}
