// Reads an accounts file into memory, element by element (see scanner.ts). Synchronous on
// purpose: it runs in the dataset worker, where blocking is the point, and reads are fastest so.
import { constants } from 'node:buffer'
import { closeSync, fstatSync, readSync } from 'node:fs'
import { AppFailure } from '../../shared/errors'
import type { AccountProblem, DatasetSummary } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'
import { isBundle } from '../../shared/customer360'
import { checkBundle } from '../bundles/format'
import { BundleRecords } from './bundleRecords'
import { isSecretKey, setOwn, withoutSecrets } from '../exports/secrets'
import { describeValue, isTicket, looksLikeAccount, ProblemList, SCALAR_FIELDS, SecretHints } from './accountShape'
import { FilterViews } from './filterView'
import { AccountIndex, AccountIndexBuilder } from './accountIndex'
import { FileAccounts, type AccountSource } from './fileAccounts'
import { displayName, openFailure, openRegularFile, printable } from './fileKind'
import { findJsonSyntaxError } from './jsonSyntax'
import { locateInFile } from './position'
import { JsonScanner, ScanError } from './scanner'
import { SAVE_AS, sniff } from './sniff'

/**
 * Files from this size on are indexed without holding their accounts (fileAccounts.ts): V8's
 * longest string, past which no tool that parses the whole file can read it, and where holding
 * every account as objects starts to cost gigabytes.
 */
export const LEAN_FROM_BYTES = 512 * 1024 ** 2
export const MAX_DEPTH = 512
/** V8's longest string (~512 MB): one account or field larger than this can't be decoded. */
export const MAX_VALUE_BYTES = constants.MAX_STRING_LENGTH
const CHUNK = 4 << 20

export interface ParsedAccounts {
  shape: DatasetSummary['shape']
  /** The accounts, when they are held in memory (files under `leanFromBytes`); else empty. */
  accounts: CustomerAccount[]
  /** Every account: `accounts`, or, for a file indexed without holding them, read back from it. */
  source: AccountSource
  /** The list, search and sort columns, built as the file was read. */
  index: AccountIndex
  /** For a file whose accounts are not held: copies of their single-valued fields, made as it was read, for filters. */
  views: FilterViews | null
  warnings: string[]
  /** Accounts with fields of the wrong type (a bounded list; the warning says how many in all). */
  problems: AccountProblem[]
  /** Bytes read: the file's size when it was opened. */
  bytes: number
  /** Customer bundles by position in `accounts` (which holds each one's account), read back from the file on demand. */
  bundles: BundleRecords
}

export interface ParseOptions {
  /** Refuse files larger than this (default: no limit but the disk's). */
  maxBytes?: number
  /** Index files from this size on without holding their accounts (default LEAN_FROM_BYTES). */
  leanFromBytes?: number
  maxDepth?: number
  /** The largest single value (an account, a field) to decode; default V8's longest string. */
  maxValueBytes?: number
  chunkSize?: number
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`
}

export function parseAccountFile(path: string, options: ParseOptions = {}): ParsedAccounts {
  const name = displayName(path)
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY
  const { fd, stat } = openRegularFile(path)
  try {
    // Everything below reads exactly these bytes: a file that grows meanwhile is read as it was.
    const size = stat.size
    if (size > maxBytes)
      throw new AppFailure({
        kind: 'file',
        message: `${name} is ${sizeText(size)}; files over ${sizeText(maxBytes)} can't be opened.`,
        hint: 'Export fewer accounts per file (a search instead of all), or split the file.',
        where: printable(path),
      })
    const parsed = parseOpenFile(fd, size, name, options)
    const read = fstatSync(fd)
    parsed.bundles.attach(path, read)
    if (parsed.source instanceof FileAccounts) parsed.source.attach(path, read)
    return parsed
  } finally {
    closeSync(fd)
  }
}

/** How many malformed bundles a warning names one by one (finding a line number reads the file again). */
const NAMED_BAD_BUNDLES = 3

function parseOpenFile(fd: number, size: number, name: string, options: ParseOptions): ParsedAccounts {
  const head = Buffer.alloc(Math.min(size, 4096))
  readSync(fd, head, 0, head.length, 0)
  const { skip } = sniff(head, name)
  const maxValueBytes = options.maxValueBytes ?? MAX_VALUE_BYTES

  const accounts: CustomerAccount[] = []
  const lean = size >= (options.leanFromBytes ?? LEAN_FROM_BYTES) ? new FileAccounts() : null
  const index = new AccountIndexBuilder()
  const views = lean ? new FilterViews() : null
  views?.prime(SCALAR_FIELDS)
  const problems = new ProblemList()
  const duplicates = new DuplicateIds()
  // Every account goes through here, in file order. `span`: where it lies, to read it back from
  // the file when its accounts are not held.
  const keep = (account: CustomerAccount, span?: { start: number; length: number }) => {
    problems.check(account, index.count)
    duplicates.check(account.id)
    index.add(account)
    views?.add(account)
    if (!lean) accounts.push(account)
    else if (span) lean.locate(span.start, span.length)
    else lean.hold(account)
  }
  const bundles = new BundleRecords()
  // Lines that were customer bundles but could not be used: left out, the rest kept.
  const badBundles = { count: 0, named: [] as string[] }
  const leaveOut = (message: string) => {
    badBundles.count++
    if (badBundles.named.length < NAMED_BAD_BUNDLES) badBundles.named.push(message)
  }
  const lineOf = (offset: number) => (badBundles.named.length < NAMED_BAD_BUNDLES ? `Line ${where(offset).line}` : 'A line')
  // A bundle stands in the list by its account. `span` says where it lies when it can be read
  // back from the file; without one the whole record is kept. Undefined: a malformed bundle line,
  // left out with a warning so the other customers still open.
  const keepBundle = (value: unknown, offset: number, span?: { start: number; length: number }): unknown => {
    if (!isBundle(value)) return value
    const lines = scanner.shape === 'lines'
    try {
      checkBundle(value, lines ? 'This line' : name)
    } catch (error) {
      if (!lines || !(error instanceof AppFailure)) throw error
      // Only now is the line number worth finding (it reads the file up to here); the check again names it.
      leaveOut(messageOf(() => checkBundle(value, lineOf(offset))))
      return undefined
    }
    if (span) bundles.locate(index.count, span.start, span.length)
    else bundles.hold(index.count, value)
    return value.account
  }
  const warnings: string[] = []
  const hints = new SecretHints()
  const top: Record<string, unknown> = {}
  let droppedTokens = false
  let itemsStreamed = false

  // Where a problem is, in words: "line 3, column 17 (byte 1234)".
  const where = (offset: number) => {
    const { line, column } = locateInFile(fd, offset, skip)
    return { line, column, text: `line ${line}, column ${column} (byte ${offset})` }
  }
  // In JSON Lines a person looks for the line the broken value starts on, whatever broke inside it.
  const badFile = (message: string, offset: number, valueStart?: number): AppFailure => {
    const at = where(offset)
    const lines = scanner.shape === 'lines'
    const startLine = lines && valueStart !== undefined ? where(valueStart).line : null
    const place = startLine !== null ? `in the value that starts on line ${startLine}, at ${at.text}` : `at ${at.text}`
    return new AppFailure({
      kind: 'bad-file',
      message: `${name}: ${message} (${place})`,
      hint: SAVE_AS,
      where: startLine !== null ? `line ${startLine}` : at.text,
    })
  }

  const parse = (buf: Buffer, start: number, end: number, offset: number, lenient = false): unknown => {
    // Past V8's longest string, toString itself throws: say so instead of "not valid JSON".
    if (end - start > maxValueBytes) throw tooLarge(end - start, offset)
    let text: string
    try {
      text = buf.toString('utf8', start, end)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') throw tooLarge(end - start, offset)
      throw error
    }
    try {
      return JSON.parse(text)
    } catch (error) {
      const problem = findJsonSyntaxError(buf.subarray(start, end))
      const message = problem?.message ?? (error instanceof RangeError ? 'The JSON is nested too deeply.' : 'The JSON could not be read.')
      if (lenient) throw new BadLine(message)
      throw badFile(`not valid JSON: ${message}`, offset + (problem?.offset ?? 0), offset)
    }
  }
  const tooLarge = (bytes: number, offset: number): AppFailure =>
    badFile(
      `a single value of ${megabytes(bytes)} MB is larger than this app can hold in one string (${megabytes(maxValueBytes)} MB).` +
        ' Split it into smaller values (one account per line, or pages of accounts).',
      offset,
      offset,
    )

  const scanner = new JsonScanner(
    {
      element(buf, start, end, offset, index) {
        let value: unknown
        try {
          // In a file of bundles one broken line costs that customer, not the file.
          value = parse(buf, start, end, offset, scanner.shape === 'lines' && bundles.size > 0)
        } catch (error) {
          if (!(error instanceof BadLine)) throw error
          leaveOut(`${lineOf(offset)} is not valid JSON: ${error.message}`)
          return
        }
        let ticket = false
        if (isTicket(value)) {
          value = value.customerAccount
          ticket = droppedTokens = true
        }
        if (isBundle(value) && !ticket) {
          // Of a bundle only the account is kept; its sections are stripped when read back.
          if (hints.within(offset, offset + end - start)) {
            const account = withoutSecrets(value.account)
            if (account !== value.account) droppedTokens = true
            value = { ...value, account }
          }
        } else if (ticket || hints.within(offset, offset + end - start)) {
          const clean = withoutSecrets(value)
          if (clean !== value) droppedTokens = true
          value = clean
        }
        const span = { start: offset, length: end - start }
        value = keepBundle(value, offset, span)
        if (value === undefined) return
        if (index === 0 && !looksLikeAccount(value)) {
          const what = itemsStreamed
            ? 'The items of this page'
            : scanner.shape === 'lines'
              ? 'The lines of this file'
              : 'The elements of this array'
          throw badFile(`${what} are not customer accounts (the first is ${describeValue(value)}).`, offset, offset)
        }
        keep(value as CustomerAccount, span)
      },
      field(key, buf, start, end, offset) {
        // Token values are never parsed, so they never become strings in this process.
        if (isSecretKey(key) && !isFlag(buf, start, end)) {
          droppedTokens = true
          return
        }
        const value = parse(buf, start, end, offset)
        const clean = withoutSecrets(value)
        if (clean !== value) droppedTokens = true
        setOwn(top, key, clean)
      },
      itemsStart() {
        itemsStreamed = true
      },
      linesStart() {
        // The first object was line 1 of JSON Lines, not the whole file.
        const first = isTicket(top) ? top.customerAccount : keepBundle(top, skip)
        if (first === undefined) return
        if (!looksLikeAccount(first))
          throw badFile(`The lines of this file are not customer accounts (the first is ${describeValue(first)}).`, skip, skip)
        keep(first)
      },
    },
    { maxDepth: options.maxDepth ?? MAX_DEPTH },
  )

  let position = skip
  try {
    // Never past `size`: bytes appended while reading are not this file as it was opened.
    while (position < size) {
      const target = scanner.writable(Math.min(options.chunkSize ?? CHUNK, size - position))
      const read = readSync(fd, target, 0, target.length, position)
      if (read === 0) break
      hints.scan(target.subarray(0, read), position)
      position += read
      scanner.commit(read)
      options.onProgress?.(position, size)
    }
    if (position < size)
      throw new AppFailure({
        kind: 'bad-file',
        message: `${name} became shorter while it was read (${position} of ${size} bytes were there).`,
        hint: 'Wait until the program writing it has finished, then open it again.',
      })
    scanner.end()
  } catch (error) {
    if (error instanceof ScanError) {
      if (error.problem === 'empty')
        throw new AppFailure({
          kind: 'bad-file',
          message: `${name} contains no JSON value: its ${size} byte${size === 1 ? ' is' : 's are'} all white space.`,
          hint: SAVE_AS,
        })
      const prefix = error.problem === 'truncated' ? 'the file is cut short. ' : error.problem === 'too-deep' ? '' : 'not valid JSON: '
      throw badFile(prefix + error.message, error.offset, error.valueStart)
    }
    if (error instanceof AppFailure) throw error
    throw openFailure(error, name, 'read')
  }
  try {
    const now = fstatSync(fd).size
    if (now > size)
      warnings.push(
        `The file grew while it was read; read the first ${size} bytes as they were (it now has ${now}). Open it again for the rest.`,
      )
  } catch {
    // Only the note depends on it; what was read stands.
  }

  let shape: DatasetSummary['shape']
  if (scanner.shape === 'array') shape = 'array'
  else if (scanner.shape === 'lines') shape = 'jsonl'
  else if (itemsStreamed) {
    shape = 'collection'
    const total = top.totalCount
    if (typeof total === 'number' && total > index.count)
      warnings.push(`This is one page of a larger result: ${index.count} of ${total} accounts.`)
  } else if (isBundle(top) && looksLikeAccount(top.account)) {
    shape = 'account'
    keep(keepBundle(top, skip) as CustomerAccount)
  } else if (isTicket(top)) {
    shape = 'ticket'
    keep(top.customerAccount)
  } else if (looksLikeAccount(top)) {
    shape = 'account'
    keep(top)
  } else {
    throw new AppFailure({
      kind: 'bad-file',
      message: `${name} holds a JSON object that is not a customer account, a page of accounts or an auth ticket (it is ${describeValue(top)}).`,
      hint: SAVE_AS,
    })
  }
  if (badBundles.count > 0) {
    const kept = index.count
    warnings.push(
      `${badBundles.count} line${badBundles.count === 1 ? ' is not a usable customer bundle and was' : 's are not usable customer bundles and were'} left out; ` +
        `the other ${kept} customer${kept === 1 ? ' is' : 's are'} open. ${badBundles.named.join(' ')}` +
        (badBundles.count > badBundles.named.length ? ` (and ${badBundles.count - badBundles.named.length} more)` : '') +
        ' Export those customers again.',
    )
  }
  if (droppedTokens) warnings.push('The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.')
  views?.primed()
  if (index.count === 0) warnings.push('The file holds no accounts.')
  if (duplicates.count > 0)
    warnings.push(
      `${duplicates.count} account${duplicates.count === 1 ? ' repeats' : 's repeat'} an id already in the file (first: ${duplicates.first.join(', ')}).`,
    )
  if (problems.total > 0)
    warnings.push(
      `${problems.total} account${problems.total === 1 ? ' has' : 's have'} fields of the wrong type` +
        (problems.list.length < problems.total ? ` (the first ${problems.list.length} are listed under Problems).` : ' (see Problems).'),
    )
  return {
    shape,
    accounts,
    source: lean ?? accounts,
    index: new AccountIndex(index),
    views,
    warnings,
    problems: problems.list,
    bytes: position,
    bundles,
  }
}

function messageOf(work: () => unknown): string {
  try {
    work()
  } catch (error) {
    if (error instanceof AppFailure) return error.error.message
    throw error
  }
  return 'The bundle could not be checked.'
}

/** A line that is not JSON, in a file where one bad line is left out rather than failing the file. */
class BadLine extends Error {}

function megabytes(bytes: number): number {
  return Math.round(bytes / 1024 ** 2)
}

function isFlag(buf: Buffer, start: number, end: number): boolean {
  const text = buf.toString('latin1', start, Math.min(end, start + 6))
  return text === 'true' || text === 'false'
}

/** Ids seen more than once: how many repeats, and the first few ids repeated. */
class DuplicateIds {
  readonly #seen = new Set<number>()
  readonly first: number[] = []
  count = 0

  check(id: unknown): void {
    if (typeof id !== 'number') return
    if (!this.#seen.has(id)) {
      this.#seen.add(id)
      return
    }
    this.count++
    if (this.first.length < 5 && !this.first.includes(id)) this.first.push(id)
  }
}
