// Hostile files, generated: every kind of file a person (or an attacker) might hand the app, each
// opened the way the app opens it (a worker thread, bounded by a timeout) and checked for the
// message a person gets, that it never quotes the file (a marker planted in every file must not
// appear) and that no token in it gets out. The table of file → message is kept in
// test/BAD-INPUT.md; `npx vitest run src/main/datasets/badInput.test.ts -u` rewrites it.
import { execFileSync } from 'node:child_process'
import { appendFileSync, closeSync, constants, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { afterAll, describe, expect, it } from 'vitest'
import type { AccountProblem } from '../../shared/contract'
import { AppFailure, type AppError } from '../../shared/errors'
import { openDataset } from './openDataset'
import { parseAccountFile, type ParseOptions } from './parseFile'

const dir = mkdtempSync(join(tmpdir(), 'bad-input-'))
const fifos: string[] = []
const servers: Server[] = []
afterAll(async () => {
  // A reader still blocked on a pipe (the bug this guards against) is released by a writer.
  for (const fifo of fifos) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK))
    } catch {
      // No reader: nothing to release.
    }
  }
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))))
  rmSync(dir, { recursive: true, force: true })
})

/** Planted in every file; no message may ever contain it. */
const marker = (n: number) => `MARK${n}QZX`
/** A token value planted under a secret key; must never come out of the file. */
const token = (n: number) => `TKN${n}CANARY`

type Outcome =
  | { kind: 'refused'; error: AppError }
  | { kind: 'opened'; shape: string; count: number; warnings: string[]; problems: AccountProblem[]; accounts: unknown[] }

interface Case {
  title: string
  /** Creates the file; returns the path to open (default: a file of that content at `path`). */
  make(path: string, n: number): string | Buffer | { path: string } | Promise<{ path: string }>
  /** In-process, for options a worker does not take (a small value limit, a file grown mid-read). */
  parse?: (path: string) => ParseOptions
  check(outcome: Outcome, n: number): void
}

const account = (n: number, extra: Record<string, unknown> = {}) => ({
  id: 1000 + n,
  emailAddress: `${marker(n)}@example.com`,
  firstName: marker(n),
  ...extra,
})

function refused(outcome: Outcome): AppError {
  if (outcome.kind !== 'refused') throw new Error(`expected the file to be refused, but it opened: ${JSON.stringify(outcome)}`)
  return outcome.error
}
function opened(outcome: Outcome): Extract<Outcome, { kind: 'opened' }> {
  if (outcome.kind !== 'opened') throw new Error(`expected the file to open, but: ${outcome.error.message}`)
  return outcome
}
const says = (pattern: RegExp) => (outcome: Outcome) => expect(refused(outcome).message).toMatch(pattern)

// Escaped spellings of secret keys: none holds "oken\"" or "ecret" as bytes until decoded.
const escapedSecrets = (n: number) =>
  `"accessTok\\u0065n": "${token(n)}a", "client_s\\u0065cret": "${token(n)}b", ` +
  `"nested": {"deeper": [{"refreshTok\\u0065n": "${token(n)}c"}]}, "hasExternalPassword": "${token(n)}d", ` +
  `"credentials": {"user": "${token(n)}e"}, "jwtAccessTok\\u0065n": "${token(n)}f"`
const escapedAccount = (n: number) => `{"id": ${1000 + n}, "emailAddress": "${marker(n)}@example.com", ${escapedSecrets(n)}}`

function expectNoSecrets(outcome: Outcome, n: number) {
  const open = opened(outcome)
  expect(JSON.stringify(open.accounts)).not.toContain(token(n))
  expect(open.warnings).toContain('The file holds tokens or secrets (an auth ticket?): they were dropped and are not kept.')
  expect(JSON.stringify(open.accounts)).toContain(marker(n)) // the account itself is all there
}

const cases: Case[] = [
  { title: 'an empty file (0 bytes)', make: () => '', check: says(/^case-\d+\.json is empty\.$/) },
  {
    title: 'only white space',
    make: () => ' \n\t\r\n  ',
    check: says(/^case-\d+\.json contains no JSON value: its 7 bytes are all white space\.$/),
  },
  {
    title: 'an array cut short inside a string',
    make: (_, n) => JSON.stringify([account(n), account(n + 1)]).slice(0, -12),
    check: says(/the file is cut short\. The file ends in the middle of account #2, which starts at byte \d+/),
  },
  {
    title: 'a UTF-8 byte order mark before a valid array',
    make: (_, n) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([account(n)]))]),
    check: (outcome) => expect(opened(outcome).count).toBe(1),
  },
  {
    title: 'UTF-16 text with a byte order mark',
    make: (_, n) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify([account(n)]), 'utf16le')]),
    check: says(/is UTF-16 text; Account Inspector reads UTF-8\./),
  },
  {
    title: 'UTF-16 text without a byte order mark',
    make: (_, n) => Buffer.from(JSON.stringify([account(n)]), 'utf16le'),
    check: says(/is UTF-16 text/),
  },
  {
    title: 'binary: NUL bytes and the marker',
    make: (_, n) => Buffer.concat([Buffer.from([0x01, 0x00, 0x02]), Buffer.from(marker(n))]),
    check: says(/is a binary file, not JSON\./),
  },
  {
    title: 'a NUL byte inside an account string',
    make: (_, n) => `[{"id": 1, "emailAddress": "${marker(n)}\u0000x"}]`,
    check: says(/not valid JSON: A control character inside a string\. \(at line 1, column \d+ \(byte \d+\)\)/),
  },
  {
    title: 'arrays nested 100,000 deep inside an account',
    make: (_, n) => `[{"id": 1, "notes": "${marker(n)}", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]`,
    check: says(/The JSON is nested more than 512 levels deep\./),
  },
  {
    title: 'huge numbers: an id of 1e400 and one of 20 digits',
    make: (_, n) => `[{"id": 1e400, "emailAddress": "${marker(n)}"}, {"id": 12345678901234567890123, "emailAddress": "b"}]`,
    check: (outcome) => {
      const open = opened(outcome)
      expect(open.problems).toEqual([{ index: 0, id: null, fields: [{ field: 'id', expected: 'a whole number', found: 'a number' }] }])
    },
  },
  {
    title: 'duplicate keys, a secret key repeated as true after a token',
    make: (_, n) =>
      `[{"id": 1, "id": 2, "emailAddress": "${marker(n)}", "accessToken": "${token(n)}", "accessToken": true, "hasExternalPassword": "${token(n)}"}]`,
    check: (outcome, n) => {
      const open = opened(outcome)
      expect(open.accounts).toEqual([{ id: 2, emailAddress: marker(n), accessToken: true }])
    },
  },
  {
    title: 'a named pipe (FIFO) with no writer',
    make: (path) => {
      execFileSync('mkfifo', [path])
      fifos.push(path)
      return { path }
    },
    check: says(/^case-\d+\.json is a named pipe \(FIFO\), not a regular file; only files saved on disk can be opened\.$/),
  },
  {
    title: 'a character device (/dev/zero)',
    make: () => ({ path: '/dev/zero' }),
    check: says(/^zero is a character device, not a regular file/),
  },
  {
    title: 'a Unix socket',
    make: async (path) => {
      const server = createServer()
      servers.push(server)
      await new Promise<void>((resolve) => server.listen(path, resolve))
      return { path }
    },
    check: says(/^Could not open case-\d+\.json: it is a device or socket with nothing behind it\.$/),
  },
  {
    title: 'a folder',
    make: (path) => {
      mkdirSync(path)
      return { path }
    },
    check: says(/^case-\d+\.json is a folder, not a regular file/),
  },
  {
    title: 'a symbolic link loop',
    make: (path) => {
      symlinkSync(`${path}.b`, path)
      symlinkSync(path, `${path}.b`)
      return { path }
    },
    check: says(/^Could not open case-\d+\.json: too many symbolic links \(a link loop: a link that leads back to itself\)\.$/),
  },
  {
    title: 'a link to nothing',
    make: (path) => {
      symlinkSync(join(dir, 'nothing-here'), path)
      return { path }
    },
    check: says(/^Could not open case-\d+\.json: there is no file at that path\.$/),
  },
  {
    title: 'a path with a NUL in it',
    make: (path) => ({ path: `${path}\u0000.json` }),
    check: says(
      /^Could not open case-\d+\.json\uFFFD\.json: the path is not valid \(it holds a character no path can hold, such as a NUL\)\.$/,
    ),
  },
  {
    title: 'a file that grows while it is read',
    make: (_, n) => JSON.stringify([account(n), account(n + 1)]),
    parse: (path) => {
      let grown = false
      return {
        chunkSize: 16,
        onProgress: () => {
          if (grown) return
          grown = true
          appendFileSync(path, `${' '.repeat(1000)}\n{"id": 99, "emailAddress": "late"}`)
        },
      }
    },
    check: (outcome) => {
      const open = opened(outcome)
      expect(open.count).toBe(2)
      expect(open.warnings.join(' ')).toMatch(
        /^The file grew while it was read; read the first \d+ bytes as they were \(it now has \d+\)\./,
      )
    },
  },
  {
    title: 'one value larger than the longest string (a 2 MB account, the limit set to 1 MB)',
    make: (_, n) => `[{"id": 1, "notes": "${marker(n)}${'x'.repeat(2 * 1024 ** 2)}"}]`,
    parse: () => ({ maxValueBytes: 1024 ** 2 }),
    check: says(/: a single value of 2 MB is larger than this app can hold in one string \(1 MB\)\. Split it/),
  },
  {
    title: 'JSON Lines: line 4 of 6 broken inside a string',
    make: (_, n) =>
      [1, 2, 3].map((k) => JSON.stringify(account(n + k))).join('\n') +
      `\n{"id": 4, "emailAddress": "${marker(n)}\n` +
      [5, 6].map((k) => JSON.stringify(account(n + k))).join('\n') +
      '\n',
    check: says(/\(in the value that starts on line 4, at line \d+, column \d+ \(byte \d+\)\)$/),
  },
  {
    title: 'JSON Lines: line 3 cut short',
    make: (_, n) => `${JSON.stringify(account(n))}\n${JSON.stringify(account(n))}\n{"id": 3, "emailAddress": "${marker(n)}",\n{"id": 4}\n`,
    check: says(/This line ends before its JSON object is complete .* \(in the value that starts on line 3/),
  },
  {
    title: 'a PNG image named .json',
    make: (_, n) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), Buffer.from(marker(n))]),
    check: says(/is a PNG image, not JSON\./),
  },
  { title: 'CSV', make: (_, n) => `id,email\n1,${marker(n)}@example.com\n`, check: says(/looks like CSV/) },
  {
    title: 'JSON that is not accounts, with the marker as a key',
    make: (_, n) => JSON.stringify({ [marker(n)]: 1, productCode: 'P1' }),
    check: says(/holds a JSON object that is not a customer account.*\(it is an object with 2 keys, none of them an account's/),
  },
  {
    title: 'an array of products, the marker as a key',
    make: (_, n) => JSON.stringify([{ [marker(n)]: token(n) }]),
    check: says(/The elements of this array are not customer accounts \(the first is an object with 1 key/),
  },
  {
    title: 'a syntax error right after a key that is the marker',
    make: (_, n) => `{"${marker(n)}" 1}`,
    check: says(/not valid JSON: Expected ':' after a property name, found '1'\./),
  },
  {
    title: 'a syntax error inside an account next to a token',
    make: (_, n) => `[{"id": 1, "accessToken": "${token(n)}" ${marker(n)}}]`,
    check: says(/not valid JSON: Expected ',' or '}' after a property value, found 'M'\./),
  },
  {
    title: 'a bare string',
    make: (_, n) => `"${marker(n)}"`,
    check: says(/is not JSON: it starts with '"' where '\{' or '\[' should be\./),
  },
  {
    title: 'garbage after a valid array',
    make: (_, n) => `[${JSON.stringify(account(n))}] ${marker(n)}`,
    check: says(/not valid JSON: Unexpected 'M' after the end of the JSON value\./),
  },
  // Escaped secret keys, in every shape a file can have.
  { title: 'escaped secret keys: an array', make: (_, n) => `[${escapedAccount(n)}]`, check: expectNoSecrets },
  {
    title: 'escaped secret keys: a Kibo page (collection)',
    make: (_, n) => `{"totalCount": 1, "items": [${escapedAccount(n)}], "accessTok\\u0065n": "${token(n)}"}`,
    check: expectNoSecrets,
  },
  { title: 'escaped secret keys: JSON Lines', make: (_, n) => `${escapedAccount(n)}\n${escapedAccount(n)}\n`, check: expectNoSecrets },
  { title: 'escaped secret keys: a single account', make: (_, n) => escapedAccount(n), check: expectNoSecrets },
  {
    title: 'escaped secret keys: an auth ticket',
    make: (_, n) => `{"customerAccount": ${escapedAccount(n)}, "accessTok\\u0065n": "${token(n)}", "refresh_t\\u006fken": "${token(n)}"}`,
    check: expectNoSecrets,
  },
  {
    title: 'escaped secret keys: an array of auth tickets',
    make: (_, n) => `[{"customerAccount": ${escapedAccount(n)}, "accessTok\\u0065n": "${token(n)}"}]`,
    check: expectNoSecrets,
  },
  {
    title: 'wrong types: "id": "not-a-number", "contacts": "nope", and more',
    make: (_, n) =>
      JSON.stringify([
        account(n),
        { id: 'not-a-number', emailAddress: marker(n), contacts: 'nope' },
        { id: 7, emailAddress: 5, isActive: 'yes', segments: {}, commerceSummary: [] },
      ]),
    check: (outcome) => {
      const open = opened(outcome)
      expect(open.count).toBe(3)
      expect(open.problems).toEqual([
        {
          index: 1,
          id: null,
          fields: [
            { field: 'id', expected: 'a whole number', found: 'text' },
            { field: 'contacts', expected: 'a list', found: 'text' },
          ],
        },
        {
          index: 2,
          id: 7,
          fields: [
            { field: 'emailAddress', expected: 'text', found: 'a number' },
            { field: 'isActive', expected: 'true/false', found: 'text' },
            { field: 'segments', expected: 'a list', found: 'an object' },
            { field: 'commerceSummary', expected: 'an object', found: 'a list' },
          ],
        },
      ])
      expect(open.warnings).toContain('2 accounts have fields of the wrong type (see Problems).')
    },
  },
]

async function outcomeOf(c: Case, n: number): Promise<Outcome> {
  const path = join(dir, `case-${n}.json`)
  const made = await c.make(path, n)
  const target = typeof made === 'string' || Buffer.isBuffer(made) ? (writeFileSync(path, made), path) : made.path
  try {
    if (c.parse) {
      const parsed = parseAccountFile(target, c.parse(target))
      return {
        kind: 'opened',
        shape: parsed.shape,
        count: parsed.accounts.length,
        warnings: parsed.warnings,
        problems: parsed.problems,
        accounts: parsed.accounts,
      }
    }
    // The app's way: a worker thread. A hang shows as a cancel after 15 s, never as a stuck run.
    const handle = await openDataset(target, { signal: AbortSignal.timeout(15_000) })
    try {
      const accounts = []
      for (let i = 0; i < handle.summary.count; i++) accounts.push(await handle.account(i))
      const { shape, count, warnings, problems = [] } = handle.summary
      return { kind: 'opened', shape, count, warnings, problems, accounts }
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (error instanceof AppFailure) return { kind: 'refused', error: error.error }
    throw error
  }
}

const rows: string[] = []

describe('bad input: what a person is told', () => {
  cases.forEach((c, n) => {
    it(c.title, async () => {
      const outcome = await outcomeOf(c, n)
      c.check(outcome, n)
      const told = outcome.kind === 'refused' ? JSON.stringify(outcome.error) : JSON.stringify({ ...outcome, accounts: undefined })
      expect(told).not.toContain(marker(n))
      expect(told).not.toContain(token(n))
      if (outcome.kind === 'opened') expect(JSON.stringify(outcome.accounts)).not.toContain(token(n))
      expect(outcome.kind === 'refused' ? outcome.error.kind : 'opened').not.toBe('cancelled')
      rows[n] = `| ${c.title} | ${cell(outcome)} |`
    })
  })

  it('the table of file → message in test/BAD-INPUT.md is current', async () => {
    expect(rows.filter(Boolean)).toHaveLength(cases.length)
    const table = [
      '# What a person is told about a bad file',
      '',
      'Generated by `src/main/datasets/badInput.test.ts` (`npx vitest run src/main/datasets/badInput.test.ts -u` rewrites it).',
      'Each file is made by the test; each message is what the app shows. `case-N.json` is the file’s name.',
      '',
      '| file | what the app says |',
      '| --- | --- |',
      ...rows,
      '',
    ].join('\n')
    // Formatted as the repository's format check wants it, so the committed file passes that check too.
    const target = fileURLToPath(new URL('../../../test/BAD-INPUT.md', import.meta.url))
    const formatted = await format(table, { ...(await resolveConfig(target)), filepath: target })
    await expect(formatted).toMatchFileSnapshot(target)
  })
})

function cell(outcome: Outcome): string {
  const text =
    outcome.kind === 'refused'
      ? `**refused** (${outcome.error.kind}): ${outcome.error.message}${outcome.error.hint ? ` _${outcome.error.hint}_` : ''}`
      : `**opens** as ${outcome.shape}, ${outcome.count} account${outcome.count === 1 ? '' : 's'}` +
        (outcome.warnings.length ? `; warnings: ${outcome.warnings.join(' ')}` : '') +
        (outcome.problems.length
          ? `; problems: ${outcome.problems
              .map(
                (p) =>
                  `#${p.index + 1} (id ${p.id ?? 'none'}): ${p.fields.map((f) => `${f.field} expected ${f.expected}, found ${f.found}`).join(', ')}`,
              )
              .join('; ')}`
          : '')
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}
