// History and the connection test through the app's own dispatch, against the built-in demo
// tenant (the emulator): what the renderer gets, and what reaches the disk.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CallName, CallOutput, HistoryEntryView } from '../../shared/contract'
import type { AppError } from '../../shared/errors'
import { createCore, type Core } from '../core'
import { typedPathDialogs } from '../dialogs'

let dir = ''
let core: Core
let profileId = ''
const signal = new AbortController().signal

async function open(): Promise<Core> {
  return createCore({
    host: 'web',
    userDataDir: dir,
    dialogs: typedPathDialogs,
    keychainService: `Account Inspector history test ${process.pid}`,
  })
}

async function call<K extends CallName>(name: K, input: unknown, on: Core = core): Promise<CallOutput<K>> {
  const result = await on.dispatch(name, input, { signal })
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`)
  return result.value as CallOutput<K>
}

async function failure(name: CallName, input: unknown): Promise<AppError> {
  const result = await core.dispatch(name, input, { signal })
  if (result.ok) throw new Error(`${name} should have failed`)
  return result.error
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-history-'))
  core = await open()
  const listed = await call('profiles.list', {})
  profileId = listed.profiles.find((p) => p.environment.kind === 'demo')!.id
})
afterAll(async () => {
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('impersonation history', () => {
  let entry: HistoryEntryView

  it('records each impersonation: whom, how, when', async () => {
    expect(await call('history.list', { profileId })).toEqual([])
    const answer = await call('kibo.impersonate', { profileId, target: { accountId: 1001 } })
    await call('kibo.impersonate', { profileId, target: { accountId: 1002 }, responseFields: 'id,firstName' })
    const listed = await call('history.list', { profileId })
    expect(listed).toHaveLength(2)
    entry = listed[1]
    expect(entry).toMatchObject({
      profileId,
      accountId: 1001,
      name: `${answer.account!.firstName} ${answer.account!.lastName}`,
      how: 'accountId',
      target: '1001',
      hasSnapshot: true,
      snapshotNote: null,
    })
    expect(Date.parse(entry.at)).not.toBeNaN()
    expect(listed[0]).toMatchObject({ accountId: 1002, hasSnapshot: false, snapshotNote: expect.stringContaining('responseFields') })
  })

  it('keeps no token and no personal data in clear on disk, only the name it lists', async () => {
    const text = readFileSync(join(dir, 'impersonation-history.json'), 'utf8')
    const account = await call('kibo.getAccount', { profileId, accountId: 1001 })
    expect(text).not.toMatch(/accessToken|refreshToken|jwt/i)
    expect(text).not.toContain(account.emailAddress!)
    expect(text).toContain('redacted.invalid')
  })

  it('compares now with then through compare.accounts: nothing changed, nothing listed', async () => {
    const changes = await call('compare.accounts', {
      left: { kind: 'history', profileId, entryId: entry.id },
      right: { kind: 'live', profileId, accountId: 1001 },
    })
    expect(changes).toEqual([])
    // Against another account, the differences show (masked where personal).
    const other = await call('compare.accounts', {
      left: { kind: 'history', profileId, entryId: entry.id },
      right: { kind: 'live', profileId, accountId: 1003 },
    })
    expect(other.find((c) => c.path === 'id')).toMatchObject({ kind: 'changed', before: 1001, after: 1003 })
    expect(JSON.stringify(other)).not.toMatch(/@example\.(com|org|net)/)
  })

  it('an entry without a snapshot says why', async () => {
    const [narrowed] = await call('history.list', { profileId })
    const error = await failure('compare.accounts', {
      left: { kind: 'history', profileId, entryId: narrowed.id },
      right: { kind: 'live', profileId, accountId: 1002 },
    })
    expect(error).toMatchObject({ kind: 'not-found', message: expect.stringContaining('responseFields') })
  })

  it('a removed profile takes its history with it', async () => {
    const copy = await call('profiles.duplicate', { id: profileId })
    await call('kibo.impersonate', { profileId: copy.id, target: { accountId: 1004 } })
    expect(await call('history.list', { profileId: copy.id })).toHaveLength(1)
    await call('profiles.remove', { id: copy.id })
    expect(await call('history.list', { profileId: copy.id })).toEqual([])
    expect(readFileSync(join(dir, 'impersonation-history.json'), 'utf8')).not.toContain(copy.id)
    await call('profiles.activate', { id: profileId })
  })

  it('survives a restart, and clears', async () => {
    const again = await open()
    try {
      expect((await call('history.list', { profileId }, again)).map((e) => e.id)).toContain(entry.id)
    } finally {
      await again.close()
    }
    expect(await call('history.clear', { profileId })).toEqual([])
    expect(await call('history.list', { profileId })).toEqual([])
  })
})

describe('test connection', () => {
  it('gets a token and reads one row: status, where, correlation id, time', async () => {
    const result = await call('profiles.testConnection', { profileId })
    expect(result).toMatchObject({ status: 200, tenant: expect.any(String), totalCount: expect.any(Number) })
    expect(result.totalCount).toBeGreaterThan(0)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0)
    expect(result.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/)
  })

  it('tests the editor’s unsaved values, with a typed secret, and says plainly when it is wrong', async () => {
    const saved = (await call('profiles.list', {})).profiles.find((p) => p.id === profileId)!
    // The editor's values, not saved: everything but the id.
    const unsaved = { ...saved, id: undefined }
    const error = await failure('profiles.testConnection', { profile: unsaved, secret: 'not-the-secret' })
    expect(error).toMatchObject({ kind: expect.stringMatching(/auth/), message: expect.any(String) })
    expect(JSON.stringify(error)).not.toContain('not-the-secret')
    expect(await failure('profiles.testConnection', { profile: { ...unsaved, clientId: ' ' } })).toMatchObject({
      kind: 'config',
      where: 'clientId',
    })
  })

  it('never sends a saved secret to where the editor now points', async () => {
    const demo = (await call('profiles.list', {})).profiles.find((p) => p.id === profileId)!
    const custom = await call('profiles.save', {
      profile: {
        ...demo,
        id: undefined,
        name: 'Custom',
        environment: { kind: 'custom', tenant: 5, baseUrl: 'http://127.0.0.1:9/api' },
        clientId: 'app.one',
      },
    })
    await call('secrets.setClientSecret', { profileId: custom.id, secret: 'stored-secret-1', storage: 'session' })
    const elsewhere = { ...custom, id: undefined, environment: { ...custom.environment, baseUrl: 'http://127.0.0.2:9/api' } }
    const error = await failure('profiles.testConnection', { profileId: custom.id, profile: elsewhere })
    expect(error).toMatchObject({ kind: 'secret-missing', where: 'secret' })
    // Unchanged, the stored secret is used (the host is unreachable: a network failure, not a missing secret).
    const here = await failure('profiles.testConnection', { profileId: custom.id, profile: { ...custom, id: undefined } })
    expect(here.kind).not.toBe('secret-missing')
  })
})
