// File access by capability, through the one dispatch step both hosts use: a caller naming a path
// is refused in both; only handles main issued read or write, each for what it was granted.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../core'
import type { Dialogs } from '../dialogs'
import { accountExportFilters, typedPathDialogs } from '../dialogs'
import type { Result } from '../../shared/errors'

const context = { signal: new AbortController().signal }
let dir: string
let exportFolder: string
let accountsFile: string
const cores: Core[] = []
const logged: string[] = []

async function core(host: 'web' | 'electron', dialogs: Dialogs = typedPathDialogs, userDataDir?: string): Promise<Core> {
  const made = await createCore({
    host,
    userDataDir: userDataDir ?? mkdtempSync(join(dir, 'user-')),
    dialogs,
    exportFolder,
    log: (line) => logged.push(line),
    keychainService: `Account Inspector files test ${process.pid}`,
  })
  cores.push(made)
  return made
}

function call<T = unknown>(target: Core, name: string, input: unknown): Promise<Result<T>> {
  return target.dispatch(name, input, context) as Promise<Result<T>>
}

async function value<T>(target: Core, name: string, input: unknown): Promise<T> {
  const result = await call<T>(target, name, input)
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-files-'))
  exportFolder = join(dir, 'exports')
  accountsFile = join(dir, 'accounts.jsonl')
  writeFileSync(accountsFile, '{"id":1001,"firstName":"Ada"}\n{"id":1002,"firstName":"Bo"}\n')
})

afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()))
  rmSync(dir, { recursive: true, force: true })
})

const profileId = 'demo'
const namingAPath: [string, unknown][] = [
  ['datasets.open', { path: '/etc/passwd' }],
  ['datasets.open', { handle: '/etc/passwd' }],
  ['profiles.importFile', { path: '/etc/passwd' }],
  ['profiles.importFile', {}],
  ['profiles.exportFile', { path: '/tmp/owned.json' }],
  ['profiles.exportFile', { handle: '/tmp/owned.json' }],
  ['exports.accounts', { profileId, scope: { kind: 'all' }, format: 'json', redact: false, path: '/tmp/owned.json' }],
  ['exports.accounts', { profileId, scope: { kind: 'all' }, format: 'json', redact: false, handle: '/tmp/owned.json' }],
]

describe.each(['web', 'electron'] as const)('the %s host', (host) => {
  it('refuses every call that names a path instead of a handle it issued', async () => {
    const target = await core(host)
    for (const [name, input] of namingAPath) {
      const result = await call(target, name, input)
      expect(result.ok, `${name} ${JSON.stringify(input)}`).toBe(false)
      if (!result.ok) expect(result.error.kind).toBe('invalid-input')
    }
    expect(() => readFileSync('/tmp/owned.json')).toThrow()
  })
})

describe('the desktop app', () => {
  it('has no typed paths: only its own dialogs grant files', async () => {
    const chosen: string[] = []
    const offered: unknown[] = []
    const dialogs: Dialogs = {
      confirmsReplace: true,
      chooseOpenPath: async ({ title, filters }) => (chosen.push(title), offered.push(filters), accountsFile),
      chooseSavePath: async ({ defaultName }) => (chosen.push(defaultName), join(dir, 'desktop-profiles.json')),
    }
    const desktop = await core('electron', dialogs)
    const refused = await call(desktop, 'files.grantTypedPath', { path: accountsFile, purpose: 'open' })
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'The desktop app does not accept typed file paths.' },
    })

    const opened = await value<{ handle: string; name: string }>(desktop, 'files.chooseOpen', { kind: 'accounts' })
    expect(opened).toEqual({ handle: expect.stringMatching(/^f-/), name: 'accounts.jsonl' })
    expect(offered).toHaveLength(1)
    expect(offered[0]).toBe(accountExportFilters)
    const summary = await value<Record<string, unknown>>(desktop, 'datasets.open', { handle: opened.handle })
    expect(summary).toMatchObject({ name: 'accounts.jsonl', count: 2 })
    // The renderer sees the name; where the file is stays in main.
    expect(JSON.stringify(summary)).not.toContain(dir)

    // The native save dialog asked before an existing file was chosen: no second question.
    writeFileSync(join(dir, 'desktop-profiles.json'), 'old')
    chmodSync(join(dir, 'desktop-profiles.json'), 0o644)
    const save = await value<{ handle: string; path: string }>(desktop, 'files.chooseSave', { kind: 'profiles' })
    expect(save.path).toBe(join(dir, 'desktop-profiles.json'))
    expect(chosen).toEqual(['Open an account export', 'account-inspector-profiles.json'])
    const written = await value(desktop, 'profiles.exportFile', { handle: save.handle })
    expect(written).toMatchObject({ status: 'written', path: save.path })
    expect(statSync(save.path).mode & 0o777).toBe(0o644)
  })
})

describe('the browser host', () => {
  it('grants a typed path to read through one checked, logged call', async () => {
    const web = await core('web')
    logged.length = 0
    const refused = await call(web, 'files.grantTypedPath', { path: dir, purpose: 'open' })
    expect(refused).toMatchObject({ ok: false, error: { kind: 'file', message: `${dir} is a folder, not a file this app can read.` } })
    const granted = await value<{ handle: string; name: string; path: string }>(web, 'files.grantTypedPath', {
      path: accountsFile,
      purpose: 'open',
    })
    expect(granted).toEqual({ handle: expect.stringMatching(/^f-/), name: 'accounts.jsonl', path: accountsFile })
    expect(logged).toEqual([`file access: open ${accountsFile} (typed path)`])
    expect(await value(web, 'datasets.open', { handle: granted.handle })).toMatchObject({ count: 2 })
    // A handle to read is not one to write.
    expect(await call(web, 'profiles.exportFile', { handle: granted.handle })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: 'accounts.jsonl was chosen to be read, not written.' },
    })
  })

  it('saves only in the export folder, and asks before replacing, keeping the mode', async () => {
    const web = await core('web')
    const outside = await call(web, 'files.grantTypedPath', { path: join(dir, 'profiles.json'), purpose: 'save' })
    expect(outside).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    const choice = await value<{ handle: string; path: string }>(web, 'files.grantTypedPath', { path: 'profiles.json', purpose: 'save' })
    expect(choice.path).toBe(join(exportFolder, 'profiles.json'))

    expect(await value(web, 'profiles.exportFile', { handle: choice.handle })).toMatchObject({ status: 'written', path: choice.path })
    chmodSync(choice.path, 0o640)
    writeFileSync(choice.path, 'the person’s own edits')
    expect(await value(web, 'profiles.exportFile', { handle: choice.handle })).toEqual({
      status: 'exists',
      path: choice.path,
      name: 'profiles.json',
    })
    expect(readFileSync(choice.path, 'utf8')).toBe('the person’s own edits')
    expect(await value(web, 'profiles.exportFile', { handle: choice.handle, replace: true })).toMatchObject({ status: 'written' })
    expect(JSON.parse(readFileSync(choice.path, 'utf8'))).toMatchObject({ profiles: expect.any(Array) })
    expect(statSync(choice.path).mode & 0o777).toBe(0o640)

    // Exports of accounts ask the same way, before reading a single account.
    const accounts = await value<{ handle: string; path: string }>(web, 'files.grantTypedPath', { path: 'one.json', purpose: 'save' })
    const input = { profileId, scope: { kind: 'account', accountId: 1001 }, format: 'json', redact: false, handle: accounts.handle }
    expect(await value(web, 'exports.accounts', input)).toMatchObject({ status: 'written', count: 1, redacted: false })
    expect(await value(web, 'exports.accounts', input)).toMatchObject({ status: 'exists', path: accounts.path })
    expect(await value(web, 'exports.accounts', { ...input, redact: true, replace: true })).toMatchObject({
      status: 'written',
      path: accounts.path,
      redacted: true,
    })
  })

  it('imports profiles only through a handle, and a file that is not JSON is named by position, not quoted', async () => {
    const web = await core('web')
    const secretish = join(dir, 'notes.txt')
    writeFileSync(secretish, '\n  Bearer eyJhbGciOiJIUzI1NiJ9.start-of-a-token')
    const choice = await value<{ handle: string }>(web, 'files.grantTypedPath', { path: secretish, purpose: 'open' })
    const result = await call(web, 'profiles.importFile', { handle: choice.handle })
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-file', message: 'notes.txt is not valid JSON at line 2, column 3.' } })
    expect(JSON.stringify(result)).not.toMatch(/Bearer|eyJ/)
  })

  it('remembers opened files across a restart and re-issues handles for them', async () => {
    const userDataDir = mkdtempSync(join(dir, 'user-'))
    const first = await core('web', typedPathDialogs, userDataDir)
    const granted = await value<{ handle: string }>(first, 'files.grantTypedPath', { path: accountsFile, purpose: 'open' })
    await value(first, 'datasets.open', { handle: granted.handle })
    await first.close()

    const second = await core('web', typedPathDialogs, userDataDir)
    expect(await call(second, 'datasets.open', { handle: granted.handle })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
    const recent = await value<{ handle: string; name: string }[]>(second, 'files.recent', {})
    expect(recent).toEqual([{ handle: expect.stringMatching(/^f-/), name: 'accounts.jsonl', openedAt: expect.any(String) }])
    expect(await value(second, 'datasets.open', { handle: recent[0].handle })).toMatchObject({ count: 2 })
    expect(readFileSync(join(userDataDir, 'recent-files.json'), 'utf8')).toContain(accountsFile)
  })

  it('has no dialogs to choose with', async () => {
    const web = await core('web')
    expect(await call(web, 'files.chooseOpen', { kind: 'accounts' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  })
})
