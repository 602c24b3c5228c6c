// Keychain tests run against a real Secret Service: the private one test/secretService.ts starts.
// Without it they skip (and fail under CI, so CI cannot skip them silently).
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadSystemKeytar, parseAccountKey, SECRET_SERVICE_NAME, type Keytar } from './keychain'
import { SecretVault } from './secretVault'
import { appErrorOf } from '../../../test/failures'

const secretService = process.env.INSPECTOR_TEST_SECRET_SERVICE === '1' && process.env.INSPECTOR_NO_SECRET_SERVICE !== '1'
const SECRET = 'sEcReT-value-0123456789'

it.runIf(Boolean(process.env.CI))('has a Secret Service to run the keychain tests against (CI)', () => {
  const why = process.env.INSPECTOR_SECRET_SERVICE_PROBLEM ?? 'the globalSetup test/secretService.ts did not run'
  expect(secretService, `keychain tests would be skipped: ${why}`).toBe(true)
})

describe.skipIf(!secretService)('with the system keychain', () => {
  let service: string
  let keytar: Keytar
  const accounts = async () => (await keytar.findCredentials(service)).map((c) => c.account).sort()

  beforeEach(() => {
    // A service of its own per test: nothing is shared with other tests or with the real app's name.
    service = `${SECRET_SERVICE_NAME} test ${randomUUID()}`
    keytar = loadSystemKeytar()
  })
  afterEach(async () => {
    for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
  })

  it('reports the keychain available, probing once', async () => {
    let loads = 0
    const vault = new SecretVault({ service, loadKeytar: () => (loads++, loadSystemKeytar()) })
    expect(await vault.keychainStatus()).toEqual({ available: true })
    expect(await vault.keychainStatus()).toEqual({ available: true })
    await vault.status('p1')
    expect(loads).toBe(1)
  })

  it('saves, reads, reports and clears a client secret in the keychain', async () => {
    const vault = new SecretVault({ service })
    expect(await vault.status('p1')).toBe('missing')
    expect(await vault.getClientSecret('p1')).toBeNull()
    await vault.setClientSecret('p1', SECRET, 'keychain')
    expect(await keytar.getPassword(service, 'p1:client-secret')).toBe(SECRET)
    expect(await vault.status('p1')).toBe('keychain')
    expect(await vault.getClientSecret('p1')).toBe(SECRET)
    // Another process (the next app start) finds it too.
    expect(await new SecretVault({ service }).getClientSecret('p1')).toBe(SECRET)
    await vault.clear('p1')
    expect(await vault.status('p1')).toBe('missing')
    expect(await vault.getClientSecret('p1')).toBeNull()
    expect(await accounts()).toEqual([])
  })

  it('keeps profiles apart, even ids that contain colons', async () => {
    const vault = new SecretVault({ service })
    await vault.setClientSecret('a', 'secret-a', 'keychain')
    await vault.setClientSecret('a:b', 'secret-ab', 'keychain')
    await vault.setClientSecret('p2', 'secret-2', 'keychain')
    expect(await vault.getClientSecret('a')).toBe('secret-a')
    expect(await vault.getClientSecret('a:b')).toBe('secret-ab')
    await vault.clear('a')
    expect(await vault.status('a')).toBe('missing')
    expect(await vault.getClientSecret('a:b')).toBe('secret-ab')
    await vault.deleteProfileSecrets('a:b')
    expect(await accounts()).toEqual(['p2:client-secret'])
  })

  it('deletes every kind of secret of a profile, in the keychain and in memory', async () => {
    const vault = new SecretVault({ service })
    await vault.setClientSecret('p1', SECRET, 'keychain')
    // Another kind, as a later feature might file it under the same scheme.
    await keytar.setPassword(service, 'p1:refresh-token', 'refresh')
    await vault.setClientSecret('p2', 'other', 'keychain')
    await vault.setClientSecret('p3', 'kept for the session', 'session')
    await vault.deleteProfileSecrets('p1')
    expect(await accounts()).toEqual(['p2:client-secret'])
    expect(await vault.getClientSecret('p3')).toBe('kept for the session')
    expect(await vault.status('p1')).toBe('missing')
    expect(await vault.status('p2')).toBe('keychain')
  })

  it('keeps a session secret in memory only, and drops an older keychain copy', async () => {
    const vault = new SecretVault({ service })
    await vault.setClientSecret('p1', 'old-keychain-secret', 'keychain')
    await vault.setClientSecret('p1', SECRET, 'session')
    expect(await vault.status('p1')).toBe('session')
    expect(await vault.getClientSecret('p1')).toBe(SECRET)
    expect(await accounts()).toEqual([])
    // A new process has nothing.
    expect(await new SecretVault({ service }).status('p1')).toBe('missing')
    // Choosing the keychain afterwards moves it there.
    await vault.setClientSecret('p1', SECRET, 'keychain')
    expect(await vault.status('p1')).toBe('keychain')
    expect(await accounts()).toEqual(['p1:client-secret'])
  })
})

describe('input checks', () => {
  it('refuses an empty secret, a bad kind and a bad profile id without echoing values', async () => {
    const vault = new SecretVault({
      loadKeytar: () => {
        throw new Error('not needed')
      },
    })
    expect((await appErrorOf(() => vault.setClientSecret('p1', '', 'session'))).kind).toBe('invalid-input')
    expect((await appErrorOf(() => vault.setClientSecret('', SECRET, 'session'))).kind).toBe('invalid-input')
    expect((await appErrorOf(() => vault.clear('x'.repeat(65)))).kind).toBe('invalid-input')
    expect(parseAccountKey('a:b:client-secret')).toEqual({ profileId: 'a:b', kind: 'client-secret' })
    expect(parseAccountKey('no-kind')).toBeNull()
  })
})

describe('when the keychain is unavailable', () => {
  it('says so plainly when keytar cannot be loaded, and still offers the session', async () => {
    const vault = new SecretVault({
      loadKeytar: () => {
        throw new Error("Cannot find module 'keytar'\nRequire stack:\n- /somewhere")
      },
    })
    const status = await vault.keychainStatus()
    expect(status.available).toBe(false)
    expect(status.problem).toMatch(/keychain is not available .*Cannot find module 'keytar'\)/)
    expect(status.problem).toContain('for this session only')
    const failure = await appErrorOf(() => vault.setClientSecret('p1', SECRET, 'keychain'))
    expect(failure.kind).toBe('keychain-unavailable')
    expect(failure.hint).toContain('for this session only')
    expect(JSON.stringify(failure)).not.toContain(SECRET)
    expect(await vault.status('p1')).toBe('missing')
    expect(await vault.getClientSecret('p1')).toBeNull()
    await vault.setClientSecret('p1', SECRET, 'session')
    expect(await vault.status('p1')).toBe('session')
    expect(await vault.getClientSecret('p1')).toBe(SECRET)
    await vault.clear('p1')
    await vault.deleteProfileSecrets('p1')
    expect(await vault.status('p1')).toBe('missing')
  })

  it('never puts the secret in an error, even if the keychain echoes it', async () => {
    const echoing: Keytar = {
      findCredentials: async () => [],
      getPassword: async () => null,
      deletePassword: async () => false,
      setPassword: async (_service, _account, password) => {
        throw new Error(`org.freedesktop.Secret.Error.IsLocked: could not store ${password}`)
      },
    }
    const vault = new SecretVault({ service: 'x', loadKeytar: () => echoing })
    const failure = await appErrorOf(() => vault.setClientSecret('p1', SECRET, 'keychain'))
    expect(failure.kind).toBe('keychain-unavailable')
    expect(failure.message).toContain('IsLocked')
    expect(JSON.stringify(failure)).not.toContain(SECRET)
  })

  it.runIf(process.platform === 'linux')('reports a dead session bus as unavailable (real keytar, child process)', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url))
    const vaultModule = fileURLToPath(new URL('./secretVault.ts', import.meta.url))
    const script = `
      import { SecretVault } from ${JSON.stringify(vaultModule)}
      const vault = new SecretVault({ service: 'Account Inspector dead-bus test' })
      const status = await vault.keychainStatus()
      let failure = null
      try { await vault.setClientSecret('p1', ${JSON.stringify(SECRET)}, 'keychain') } catch (error) { failure = error.error ?? String(error) }
      await vault.setClientSecret('p1', ${JSON.stringify(SECRET)}, 'session')
      process.stdout.write(JSON.stringify({ status, failure, session: await vault.status('p1') }))`
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/inspector-dead-bus' }
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, env })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child failed (${code}): ${stderr}`))))
    })
    expect(output).not.toContain(SECRET)
    const result = JSON.parse(output)
    expect(result.status.available).toBe(false)
    expect(result.status.problem).toContain('for this session only')
    expect(result.failure.kind).toBe('keychain-unavailable')
    expect(result.session).toBe('session')
  })
})

describe('SecretVault keychain traffic', () => {
  it('probes without reading stored secrets, and answers "is it set" from what it has seen', async () => {
    const calls: string[] = []
    const stored = new Map<string, string>([['p1:client-secret', 'stored-value']])
    const keytar = {
      getPassword: async (_service: string, account: string) => (calls.push(`get ${account}`), stored.get(account) ?? null),
      setPassword: async (_service: string, account: string, password: string) =>
        void (calls.push(`set ${account}`), stored.set(account, password)),
      deletePassword: async (_service: string, account: string) => (calls.push(`delete ${account}`), stored.delete(account)),
      findCredentials: async () => (calls.push('find'), [...stored].map(([account, password]) => ({ account, password }))),
    }
    const vault = new SecretVault({ service: 'traffic test', loadKeytar: () => keytar })
    expect(await vault.keychainStatus()).toEqual({ available: true })
    expect(calls).not.toContain('find')
    expect(await vault.status('p1')).toBe('keychain')
    expect(await vault.status('p1')).toBe('keychain')
    expect(calls.filter((c) => c === 'get p1:client-secret')).toHaveLength(1)
    await vault.clear('p1')
    expect(await vault.status('p1')).toBe('missing')
    await vault.setClientSecret('p1', 'new-value', 'keychain')
    expect(await vault.status('p1')).toBe('keychain')
  })
})
