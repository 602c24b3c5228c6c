// Reads an accounts file into memory, element by element (see scanner.ts). Synchronous on
// purpose: it runs in the dataset worker, where blocking is the point, and reads are fastest so.
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { AppFailure } from '../../shared/errors'
import type { DatasetSummary } from '../../shared/contract'
import type { CustomerAccount } from '../../shared/kibo'
import { fileFailure } from '../exports/atomicFile'
import { isSecretKey, setOwn, withoutSecrets } from '../exports/secrets'
import { isTicket, looksLikeAccount, SecretHints, someKeys } from './accountShape'
import { findJsonSyntaxError } from './jsonSyntax'
import { locateInFile } from './position'
import { JsonScanner, ScanError } from './scanner'
import { SAVE_AS, sniff } from './sniff'

/** V8 can't hold much more than this as objects; refuse early instead of failing late. */
export const MAX_DATASET_BYTES = 2 * 1024 ** 3
export const MAX_DEPTH = 512
const CHUNK = 4 << 20

export interface ParsedAccounts {
  shape: DatasetSummary['shape']
  accounts: CustomerAccount[]
  warnings: string[]
  bytes: number
}

export interface ParseOptions {
  maxBytes?: number
  maxDepth?: number
  chunkSize?: number
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`
}

export function parseAccountFile(path: string, options: ParseOptions = {}): ParsedAccounts {
  const name = basename(path)
  const maxBytes = options.maxBytes ?? MAX_DATASET_BYTES
  let size: number
  let fd: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw new AppFailure({ kind: 'file', message: `${path} is a folder, not a file.`, where: path })
    size = stat.size
    if (size > maxBytes)
      throw new AppFailure({
        kind: 'file',
        message: `${name} is ${sizeText(size)}; files over ${sizeText(maxBytes)} can't be opened.`,
        hint: 'Export fewer accounts per file (a search instead of all), or split the file.',
        where: path,
      })
    fd = openSync(path, 'r')
  } catch (error) {
    throw fileFailure(error, path, 'open')
  }
  try {
    return parseOpenFile(fd, size, name, options)
  } finally {
    closeSync(fd)
  }
}

function parseOpenFile(fd: number, size: number, name: string, options: ParseOptions): ParsedAccounts {
  const head = Buffer.alloc(Math.min(size, 4096))
  readSync(fd, head, 0, head.length, 0)
  const { skip } = sniff(head, name)

  const accounts: CustomerAccount[] = []
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
  const badFile = (message: string, offset: number, lineOnly = false): AppFailure => {
    const at = where(offset)
    const place = lineOnly ? `line ${at.line}, column ${at.column}` : at.text
    return new AppFailure({ kind: 'bad-file', message: `${name}: ${message} (at ${place})`, hint: SAVE_AS, where: place })
  }

  const parse = (buf: Buffer, start: number, end: number, offset: number): unknown => {
    try {
      return JSON.parse(buf.toString('utf8', start, end))
    } catch (error) {
      const problem = findJsonSyntaxError(buf.subarray(start, end))
      const message = problem?.message ?? (error instanceof RangeError ? 'The JSON is nested too deeply.' : 'The JSON could not be read.')
      throw badFile(`not valid JSON: ${message}`, offset + (problem?.offset ?? 0), scanner.shape === 'lines')
    }
  }

  const scanner = new JsonScanner(
    {
      element(buf, start, end, offset, index) {
        let value = parse(buf, start, end, offset)
        let ticket = false
        if (isTicket(value)) {
          value = value.customerAccount
          ticket = droppedTokens = true
        }
        if (index === 0 && !looksLikeAccount(value)) {
          const what = itemsStreamed
            ? 'The items of this page'
            : scanner.shape === 'lines'
              ? 'The lines of this file'
              : 'The elements of this array'
          throw badFile(`${what} are not customer accounts (the first has keys: ${someKeys(value as Record<string, unknown>)}).`, offset)
        }
        accounts.push((ticket || hints.within(offset, offset + end - start) ? withoutSecrets(value) : value) as CustomerAccount)
      },
      field(key, buf, start, end, offset) {
        // Token values are never parsed, so they never become strings in this process.
        if (isSecretKey(key) && !isFlag(buf, start, end)) {
          droppedTokens = true
          return
        }
        setOwn(top, key, withoutSecrets(parse(buf, start, end, offset)))
      },
      itemsStart() {
        itemsStreamed = true
      },
      linesStart() {
        // The first object was line 1 of JSON Lines, not the whole file.
        const first = isTicket(top) ? top.customerAccount : top
        if (!looksLikeAccount(first))
          throw badFile(`The lines of this file are not customer accounts (the first has keys: ${someKeys(first)}).`, skip, true)
        accounts.push(first)
      },
    },
    { maxDepth: options.maxDepth ?? MAX_DEPTH },
  )

  let position = skip
  try {
    for (;;) {
      const target = scanner.writable(options.chunkSize ?? CHUNK)
      const read = readSync(fd, target, 0, target.length, position)
      if (read === 0) break
      hints.scan(target.subarray(0, read), position)
      position += read
      scanner.commit(read)
      options.onProgress?.(position, size)
    }
    scanner.end()
  } catch (error) {
    if (error instanceof ScanError) {
      if (error.problem === 'empty') throw new AppFailure({ kind: 'bad-file', message: `${name} is empty.`, hint: SAVE_AS })
      const prefix = error.problem === 'truncated' ? 'the file is cut short. ' : error.problem === 'too-deep' ? '' : 'not valid JSON: '
      throw badFile(prefix + error.message, error.offset, scanner.shape === 'lines')
    }
    if (error instanceof AppFailure) throw error
    throw fileFailure(error, name, 'read')
  }

  let shape: DatasetSummary['shape']
  if (scanner.shape === 'array') shape = 'array'
  else if (scanner.shape === 'lines') shape = 'jsonl'
  else if (itemsStreamed) {
    shape = 'collection'
    const total = top.totalCount
    if (typeof total === 'number' && total > accounts.length)
      warnings.push(`This is one page of a larger result: ${accounts.length} of ${total} accounts.`)
  } else if (isTicket(top)) {
    shape = 'ticket'
    accounts.push(top.customerAccount)
  } else if (looksLikeAccount(top)) {
    shape = 'account'
    accounts.push(top)
  } else {
    throw new AppFailure({
      kind: 'bad-file',
      message: `${name} holds a JSON object that is not a customer account, a page of accounts or an auth ticket (its keys: ${someKeys(top) || 'none'}).`,
      hint: SAVE_AS,
    })
  }
  if (droppedTokens) warnings.push('The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.')
  if (accounts.length === 0) warnings.push('The file holds no accounts.')
  const duplicates = duplicateIds(accounts)
  if (duplicates.count > 0)
    warnings.push(
      `${duplicates.count} account${duplicates.count === 1 ? ' repeats' : 's repeat'} an id already in the file (first: ${duplicates.first.join(', ')}).`,
    )
  return { shape, accounts, warnings, bytes: size }
}

function isFlag(buf: Buffer, start: number, end: number): boolean {
  const text = buf.toString('latin1', start, Math.min(end, start + 6))
  return text === 'true' || text === 'false'
}

function duplicateIds(accounts: CustomerAccount[]): { count: number; first: number[] } {
  const seen = new Set<number>()
  const first: number[] = []
  let count = 0
  for (const account of accounts) {
    const id = account.id
    if (typeof id !== 'number') continue
    if (seen.has(id)) {
      count++
      if (first.length < 5 && !first.includes(id)) first.push(id)
    } else seen.add(id)
  }
  return { count, first }
}
