import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure, type ErrorKind } from '../../shared/errors'
import type { ProfileInput } from '../../shared/profile'
import type { BackingStore } from './backingStore'
import { DEMO_PROFILE_ID, openProfileStore, upgradeStoredProfiles } from './index'

let dir: string
const fixedNow = () => new Date('2025-01-31T09:15:02.123Z')
const open = () => openProfileStore({ directory: dir, now: fixedNow })
const filePath = () => join(dir, 'profiles.json')
const onDisk = () => JSON.parse(readFileSync(filePath(), 'utf8'))

function input(name: string, extra: Partial<ProfileInput> = {}): ProfileInput {
  return {
    name,
    color: '#112233',
    environment: { kind: 'kibo', tenant: 12345, site: 678, env: 'sandbox', region: 'us' },
    clientId: 'Acme.App.1.0.0.Release',
    target: { accountId: 42 },
    responseFields: 'id,emailAddress',
    production: false,
    ...extra,
  }
}

function failureOf(action: () => unknown): { kind: ErrorKind; message: string; where?: string } {
  try {
    action()
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected an AppFailure')
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profiles-test-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('first run', () => {
  it('starts with the demo tenant, active, and writes the file', () => {
    const store = open()
    expect(store.problems).toEqual([])
    expect(store.list()).toEqual([
      {
        id: DEMO_PROFILE_ID,
        name: 'Demo tenant',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
        environment: { kind: 'demo', tenant: 100001, site: 100002 },
        clientId: 'AccountInspector.Demo.1.0.0.Release',
        target: { accountId: 1001 },
        responseFields: '',
        production: false,
      },
    ])
    expect(store.activeId).toBe(DEMO_PROFILE_ID)
    expect(onDisk()).toMatchObject({ version: 1, activeId: DEMO_PROFILE_ID, profiles: [{ id: DEMO_PROFILE_ID }] })
  })
})

describe('editing', () => {
  it('creates with a fresh id, edits in place, and persists across reopen', () => {
    const store = open()
    const a = store.save(input('Acme sandbox'))
    const b = store.save(input('Acme sandbox'))
    expect(a.id).not.toBe(b.id)
    expect(a.id).not.toBe(DEMO_PROFILE_ID)
    const edited = store.save({ ...a, name: '  Acme renamed  ', target: { cartId: 'cart-1' } })
    expect(edited).toMatchObject({ id: a.id, name: 'Acme renamed', target: { cartId: 'cart-1' } })
    const reopened = open()
    expect(reopened.problems).toEqual([])
    expect(reopened.list().map((p) => p.name)).toEqual(['Demo tenant', 'Acme renamed', 'Acme sandbox'])
    expect(reopened.get(a.id)).toEqual(edited)
  })

  it('refuses invalid input and names the field', () => {
    const store = open()
    const failure = failureOf(() => store.save(input('x', { environment: { kind: 'kibo', tenant: 1, env: 'tp9', region: 'euw1' } })))
    expect(failure.kind).toBe('invalid-input')
    expect(failure.where).toBe('environment.env')
    expect(failure.message).toContain('environment.env')
    expect(store.list()).toHaveLength(1)
  })

  it('reports a missing profile as not-found', () => {
    const store = open()
    expect(failureOf(() => store.save({ ...input('x'), id: 'gone' })).kind).toBe('not-found')
    expect(failureOf(() => store.duplicate('gone')).kind).toBe('not-found')
    expect(failureOf(() => store.remove('gone')).kind).toBe('not-found')
    expect(failureOf(() => store.setActive('gone')).kind).toBe('not-found')
  })

  it('duplicates next to the original under "<name> copy"', () => {
    const store = open()
    const a = store.save(input('Acme'))
    store.save(input('Zed'))
    const copy = store.duplicate(a.id)
    expect(copy).toEqual({ ...a, id: copy.id, name: 'Acme copy' })
    expect(store.list().map((p) => p.name)).toEqual(['Demo tenant', 'Acme', 'Acme copy', 'Zed'])
    const long = store.save(input('n'.repeat(80)))
    expect(store.duplicate(long.id).name.length).toBeLessThanOrEqual(80)
  })

  it('removes, clearing the active and recent references', () => {
    const store = open()
    const a = store.save(input('A'))
    store.setActive(a.id)
    store.remove(a.id)
    expect(store.get(a.id)).toBeUndefined()
    expect(store.activeId).toBeNull()
    // The demo profile it was switched from stays recent; the removed one is gone.
    expect(store.recentIds()).toEqual([DEMO_PROFILE_ID])
    expect(
      open()
        .list()
        .map((p) => p.id),
    ).toEqual([DEMO_PROFILE_ID])
  })

  it('reorders only by a permutation of the existing ids', () => {
    const store = open()
    const a = store.save(input('A'))
    const b = store.save(input('B'))
    store.reorder([b.id, DEMO_PROFILE_ID, a.id])
    expect(
      open()
        .list()
        .map((p) => p.name),
    ).toEqual(['B', 'Demo tenant', 'A'])
    for (const bad of [
      [b.id, a.id],
      [b.id, a.id, a.id],
      [b.id, a.id, 'other'],
      [b.id, a.id, DEMO_PROFILE_ID, 'x'],
    ]) {
      expect(failureOf(() => store.reorder(bad)).kind).toBe('invalid-input')
    }
    expect(store.list().map((p) => p.name)).toEqual(['B', 'Demo tenant', 'A'])
  })

  it('counts the profile being left as recent, so going back is one keystroke', () => {
    const store = open()
    const a = store.save(input('A'))
    store.setActive(a.id)
    expect(store.recentIds()).toEqual([a.id, DEMO_PROFILE_ID])
    store.setActive(DEMO_PROFILE_ID)
    expect(store.recentIds()).toEqual([DEMO_PROFILE_ID, a.id])
  })

  it('keeps the recent list most recent first, without repeats, at most 8', () => {
    const store = open()
    const ids = Array.from({ length: 10 }, (_, i) => store.save(input(`P${i}`)).id)
    for (const id of ids) store.setActive(id)
    store.setActive(ids[3])
    const expected = [ids[3], ids[9], ids[8], ids[7], ids[6], ids[5], ids[4], ids[2]]
    expect(store.recentIds()).toEqual(expected)
    expect(store.activeId).toBe(ids[3])
    const reopened = open()
    expect(reopened.recentIds()).toEqual(expected)
    expect(reopened.activeId).toBe(ids[3])
    store.setActive(null)
    expect(open().activeId).toBeNull()
  })

  it('does not let callers change stored profiles through returned objects', () => {
    const store = open()
    store.list()[0].name = 'mutated'
    expect(store.get(DEMO_PROFILE_ID)?.name).toBe('Demo tenant')
  })
})

describe('export and import', () => {
  it('round-trips profiles under new ids, appended', () => {
    const store = open()
    store.save(input('A'))
    const file = store.exportFile()
    expect(file.format).toBe('account-inspector-profiles')
    expect(file.profiles.every((p) => !('id' in p))).toBe(true)
    const imported = store.importFile(JSON.parse(JSON.stringify(file)))
    expect(imported.map((p) => p.name)).toEqual(['Demo tenant', 'A'])
    expect(imported.some((p) => p.id === DEMO_PROFILE_ID)).toBe(false)
    expect(
      open()
        .list()
        .map((p) => p.name),
    ).toEqual(['Demo tenant', 'A', 'Demo tenant', 'A'])
  })

  it('refuses a bad file, naming the first bad field', () => {
    const store = open()
    const file = store.exportFile() as unknown as { profiles: Array<Record<string, unknown>> }
    file.profiles[0].environment = { kind: 'demo', tenant: 'abc' }
    const failure = failureOf(() => store.importFile(file))
    expect(failure.kind).toBe('bad-file')
    expect(failure.where).toBe('profiles[0].environment.tenant')
    expect(failure.message).toContain('profiles[0].environment.tenant')
    expect(failureOf(() => store.importFile({ format: 'something-else', version: 1, profiles: [] })).where).toBe('format')
    expect(failureOf(() => store.importFile('not an object')).kind).toBe('bad-file')
    expect(store.list()).toHaveLength(1)
  })
})

describe('files that cannot be used', () => {
  function expectMovedAside(original: string | null) {
    if (original !== null) writeFileSync(filePath(), original)
    const store = open()
    const aside = join(dir, 'profiles.corrupt-2025-01-31T09-15-02-123Z.json')
    expect(store.problems).toHaveLength(1)
    expect(store.problems[0]).toContain(filePath())
    expect(store.problems[0]).toContain(aside)
    if (original !== null) expect(readFileSync(aside, 'utf8')).toBe(original)
    expect(store.list().map((p) => p.id)).toEqual([DEMO_PROFILE_ID])
    expect(onDisk().version).toBe(1)
    expect(open().problems).toEqual([])
    return store.problems[0]
  }

  it('moves invalid JSON aside without quoting it', () => {
    const problem = expectMovedAside('{"version": 1, "profiles": [ truncat')
    expect(problem).toContain('not valid JSON')
    expect(problem).not.toContain('truncat')
  })

  it('moves a file that fails the schema aside, naming the field', () => {
    const bad = JSON.stringify({ version: 1, profiles: [{ id: 'x', name: 'X' }], activeId: null, recentIds: [] })
    expect(expectMovedAside(bad)).toContain('profiles[0].color')
  })

  it('moves a file from a newer version aside', () => {
    const newer = JSON.stringify({ version: 7, things: [] })
    expect(expectMovedAside(newer)).toContain('newer version')
  })

  it('moves an unreadable file aside', () => {
    mkdirSync(filePath())
    expect(expectMovedAside(null)).toContain('reading it failed: it is a folder, not a file')
  })

  it('never reuses the name of an earlier moved-aside file', () => {
    writeFileSync(filePath(), 'first')
    open()
    writeFileSync(filePath(), 'second')
    const store = open()
    expect(store.problems[0]).toContain('profiles.corrupt-2025-01-31T09-15-02-123Z-2.json')
    expect(readFileSync(join(dir, 'profiles.corrupt-2025-01-31T09-15-02-123Z.json'), 'utf8')).toBe('first')
  })
})

it('tidies temp files an interrupted write left behind, but not recent ones', () => {
  const stale = join(dir, 'profiles.json.tmp-1700000000abcdef')
  const fresh = join(dir, 'profiles.json.tmp-1738314902abcdef')
  writeFileSync(stale, '{')
  writeFileSync(fresh, '{')
  utimesSync(stale, new Date('2025-01-31T09:00:00Z'), new Date('2025-01-31T09:00:00Z'))
  utimesSync(fresh, new Date('2025-01-31T09:15:00Z'), new Date('2025-01-31T09:15:00Z'))
  expect(open().problems).toEqual([])
  expect(readdirSync(dir).sort()).toEqual(['profiles.json', 'profiles.json.tmp-1738314902abcdef'])
})

describe('migration from the unversioned v0 layout', () => {
  const v0 = {
    profiles: [
      { id: 'p1', name: 'Acme', tenantId: '12345', siteId: '678', env: 'sandbox', region: 'us', clientId: 'Acme.App', accountId: 9 },
      { id: 'p2', name: 'Custom', tenantId: '55', baseUrl: 'https://kibo.example.test/api', production: true },
    ],
    active: 'p2',
  }

  it('converts tenant strings, adds colors, keeps a backup', () => {
    writeFileSync(filePath(), JSON.stringify(v0))
    const store = open()
    expect(store.problems).toEqual([])
    expect(store.list()).toEqual([
      {
        id: 'p1',
        name: 'Acme',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
        environment: { kind: 'kibo', tenant: 12345, site: 678, env: 'sandbox', region: 'us' },
        clientId: 'Acme.App',
        target: { accountId: 9 },
        responseFields: '',
        production: false,
      },
      {
        id: 'p2',
        name: 'Custom',
        color: expect.stringMatching(/^#[0-9a-f]{6}$/i),
        environment: { kind: 'custom', tenant: 55, baseUrl: 'https://kibo.example.test/api' },
        clientId: '',
        target: {},
        responseFields: '',
        production: true,
      },
    ])
    expect(store.activeId).toBe('p2')
    expect(store.recentIds()).toEqual(['p2'])
    expect(onDisk().version).toBe(1)
    const backups = readdirSync(dir).filter((n) => n.startsWith('profiles.v0-backup-'))
    expect(backups).toHaveLength(1)
    expect(JSON.parse(readFileSync(join(dir, backups[0]), 'utf8'))).toEqual(v0)
    expect(open().list()).toEqual(store.list())
  })

  it('runs the steps in order and refuses a version with no step', () => {
    const steps = [{ from: 0, to: 1, migrate: (d: unknown) => ({ ...(d as object), version: 1, activeId: null, recentIds: [] }) }]
    expect(upgradeStoredProfiles({ profiles: [] }, steps).stored).toEqual({ version: 1, profiles: [], activeId: null, recentIds: [] })
    expect(() => upgradeStoredProfiles({ profiles: [] }, [])).toThrow('no way to upgrade file format 0')
  })

  it('moves a v0 file it cannot convert aside', () => {
    const bad = JSON.stringify({ profiles: [{ ...v0.profiles[0], tenantId: 'twelve' }] })
    writeFileSync(filePath(), bad)
    const store = open()
    expect(store.problems[0]).toContain('profiles[0].tenantId')
    expect(readFileSync(join(dir, 'profiles.corrupt-2025-01-31T09-15-02-123Z.json'), 'utf8')).toBe(bad)
  })
})

describe('backing store', () => {
  it('writes through the injected store with the expected file name', () => {
    const writes: unknown[] = []
    const seen: unknown[] = []
    const store = openProfileStore({
      directory: dir,
      createBackingStore: (options) => {
        seen.push(options)
        return {
          get store() {
            return writes.at(-1)
          },
          set store(value) {
            writes.push(value)
          },
        }
      },
    })
    store.save(input('A'))
    expect(seen).toEqual([{ cwd: dir, configName: 'profiles' }])
    expect(writes).toHaveLength(2)
    expect((writes[1] as { profiles: unknown[] }).profiles).toHaveLength(2)
  })

  it('keeps working in memory, leaving the file alone, when the store cannot be opened', () => {
    const store = openProfileStore({
      directory: join(dir, 'elsewhere'),
      createBackingStore: () => {
        throw Object.assign(new Error('denied'), { code: 'EACCES' })
      },
    })
    expect(store.problems).toHaveLength(1)
    expect(store.problems[0]).toContain('EACCES')
    expect(store.problems[0]).toContain('until the app closes')
    store.save(input('A'))
    expect(store.list()).toHaveLength(2)
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([])
  })

  it('reports a failed write as a file error and keeps the old state', () => {
    let broken = false
    const backing: BackingStore = {
      get store() {
        return {}
      },
      set store(_value) {
        if (broken) throw Object.assign(new Error('no space'), { code: 'ENOSPC' })
      },
    }
    const store = openProfileStore({ directory: dir, createBackingStore: () => backing })
    broken = true
    const failure = failureOf(() => store.save(input('A')))
    expect(failure.kind).toBe('file')
    expect(failure.message).toContain('ENOSPC')
    expect(store.list()).toHaveLength(1)
  })
})
