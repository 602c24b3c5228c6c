// The profile store's edges: files that are almost right, limits, the recent list, and a file that
// can neither be used nor moved out of the way.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors'
import type { ProfileInput } from '../../shared/profile'
import type { BackingStore } from './backingStore'
import { DEMO_PROFILE_ID, openProfileStore, upgradeStoredProfiles } from './index'
import { formatIssuePath, UnusableProfilesFile } from './storedProfiles'

let dir: string
const fixedNow = () => new Date('2025-01-31T09:15:02.123Z')
const open = () => openProfileStore({ directory: dir, now: fixedNow })
const filePath = () => join(dir, 'profiles.json')
const onDisk = () => JSON.parse(readFileSync(filePath(), 'utf8'))

function input(name: string): ProfileInput {
  return {
    name,
    color: '#112233',
    environment: { kind: 'kibo', tenant: 12345, site: 678, env: 'sandbox', region: 'us' },
    clientId: 'Acme.App.1.0.0.Release',
    target: { accountId: 42 },
    responseFields: '',
    production: false,
  }
}

function failureOf(action: () => unknown): AppError {
  try {
    action()
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected an AppFailure')
}

function unusable(data: unknown): string {
  try {
    upgradeStoredProfiles(data)
  } catch (error) {
    if (error instanceof UnusableProfilesFile) return error.message
    throw error
  }
  throw new Error('expected the file to be refused')
}

const stored = (extra: object = {}) => ({ version: 1, profiles: [{ id: 'a', ...input('A') }], activeId: null, recentIds: [], ...extra })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'profile-edges-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('what is refused when reading a file', () => {
  it('says what is wrong with the version', () => {
    for (const data of [null, [], 'text', 3]) expect(unusable(data)).toContain('does not hold a JSON object')
    for (const version of ['1', 1.5, -1]) expect(unusable(stored({ version }))).toContain('"version" field is not a whole number')
    expect(unusable(stored({ version: 2 }))).toContain('file format 2, this version reads up to 1')
    expect(upgradeStoredProfiles(stored()).fromVersion).toBe(1)
    const v0 = { version: 0, profiles: [{ id: 'p', name: 'P', tenantId: '5', env: 'sandbox', region: 'us' }] }
    expect(upgradeStoredProfiles(v0)).toMatchObject({ fromVersion: 0, stored: { version: 1, profiles: [{ id: 'p' }] } })
  })

  it('refuses an id used twice, naming the second', () => {
    const twice = stored({
      profiles: [
        { id: 'a', ...input('A') },
        { id: 'b', ...input('B') },
        { id: 'a', ...input('C') },
      ],
    })
    expect(unusable(twice)).toContain('profiles[2].id: This id is used twice.')
  })

  it('drops dangling, repeated and surplus recent ids, and an active id that names nothing', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `p${i}`)
    const profiles = ids.map((id) => ({ id, ...input(id) }))
    const tidy = upgradeStoredProfiles(stored({ profiles, activeId: 'gone', recentIds: ['p1', 'gone', 'p1', ...ids] })).stored
    expect(tidy.activeId).toBeNull()
    expect(tidy.recentIds).toEqual(['p1', 'p0', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'])
    expect(upgradeStoredProfiles(stored({ activeId: 'a', recentIds: ['a'] })).stored).toMatchObject({ activeId: 'a', recentIds: ['a'] })
  })

  it('names the field of a v0 tenant that is not written as digits', () => {
    const v0 = (tenantId: unknown) => ({ profiles: [{ id: 'p', name: 'P', tenantId, env: 'sandbox', region: 'us' }] })
    for (const tenantId of ['x12', '12x', '12345678901', '', '1 2']) expect(unusable(v0(tenantId))).toContain('profiles[0].tenantId')
    expect(upgradeStoredProfiles(v0('1234567890')).stored.profiles[0].environment.tenant).toBe(1234567890)
  })

  it('migrates a v0 file with nothing active, handing out the palette in turn', () => {
    const profiles = Array.from({ length: 9 }, (_, i) => ({ id: `p${i}`, name: `P${i}`, tenantId: '5', env: 'sandbox', region: 'us' }))
    const { stored: up, fromVersion } = upgradeStoredProfiles({ profiles })
    expect(fromVersion).toBe(0)
    expect(up.activeId).toBeNull()
    expect(up.recentIds).toEqual([])
    const colors = up.profiles.map((p) => p.color)
    expect(new Set(colors.slice(0, 8)).size).toBe(8)
    expect(colors[8]).toBe(colors[0])
    expect(up.profiles[0]).toMatchObject({ environment: { kind: 'kibo', tenant: 5, env: 'sandbox', region: 'us' }, target: {} })
    expect(up.profiles[0].environment).not.toHaveProperty('site')
    expect(up.profiles[0].environment).not.toHaveProperty('baseUrl')
    expect(Object.keys(up.profiles[0].target)).toEqual([])
    const custom = upgradeStoredProfiles({ profiles: [{ id: 'c', name: 'C', tenantId: '5', baseUrl: 'https://kibo.example.test/api' }] })
    expect(Object.keys(custom.stored.profiles[0].environment).sort()).toEqual(['baseUrl', 'kind', 'tenant'])
  })

  it('runs the step that starts at the file version, wherever it is in the list', () => {
    const steps = [
      { from: 1, to: 2, migrate: () => ({ not: 'a profiles file' }) },
      { from: 0, to: 1, migrate: (d: unknown) => ({ ...(d as object), version: 1, activeId: null, recentIds: [] }) },
    ]
    expect(upgradeStoredProfiles({ profiles: [] }, steps).stored.profiles).toEqual([])
  })

  it('writes a zod path the way a person reads it', () => {
    expect(formatIssuePath([])).toBe('')
    expect(formatIssuePath(['profiles', 2, 'environment', 'tenant'])).toBe('profiles[2].environment.tenant')
    expect(formatIssuePath([0, 'a'])).toBe('[0].a')
  })
})

describe('editing', () => {
  it('keeps the active profile when another one is removed', () => {
    const store = open()
    const a = store.save(input('A'))
    store.remove(a.id)
    expect(store.activeId).toBe(DEMO_PROFILE_ID)
    expect(onDisk().activeId).toBe(DEMO_PROFILE_ID)
  })

  it('activating the active profile again does not list it twice', () => {
    const store = open()
    store.setActive(DEMO_PROFILE_ID)
    expect(store.recentIds()).toEqual([DEMO_PROFILE_ID])
    const a = store.save(input('A'))
    const b = store.save(input('B'))
    store.setActive(a.id)
    store.setActive(b.id)
    store.setActive(b.id)
    expect(store.recentIds()).toEqual([b.id, a.id, DEMO_PROFILE_ID])
    store.setActive(null)
    store.setActive(a.id)
    expect(store.recentIds()).toEqual([a.id, b.id, DEMO_PROFILE_ID])
  })

  it('hands out copies: changing what get() returned changes nothing stored', () => {
    const store = open()
    const got = store.get(DEMO_PROFILE_ID)!
    got.name = 'changed'
    got.environment.tenant = 1
    expect(store.get(DEMO_PROFILE_ID)).toMatchObject({ name: 'Demo tenant', environment: { tenant: 100001 } })
    const exported = store.exportFile()
    exported.profiles[0].name = 'changed'
    expect(store.exportFile().profiles[0].name).toBe('Demo tenant')
    const saved = store.save(input('A'))
    saved.name = 'changed'
    expect(store.get(saved.id)?.name).toBe('A')
  })

  it('explains input that is not an object at all without an empty field name', () => {
    const failure = failureOf(() => open().save(null as unknown as ProfileInput))
    expect(failure.kind).toBe('invalid-input')
    expect(failure.where).toBe('')
    expect(failure.message).not.toMatch(/valid: :/)
    const file = failureOf(() => open().importFile(null))
    expect(file.kind).toBe('bad-file')
    expect(file.message).not.toMatch(/import: :/)
  })

  it('imports up to 1000 profiles in all, and refuses one more', () => {
    const store = open()
    const one = store.exportFile().profiles[0]
    const file = (n: number) => ({ format: 'account-inspector-profiles', version: 1, profiles: Array.from({ length: n }, () => one) })
    expect(store.importFile(file(999))).toHaveLength(999)
    expect(store.list()).toHaveLength(1000)
    const refused = failureOf(() => store.importFile(file(1)))
    expect(refused).toMatchObject({ kind: 'bad-file', hint: expect.any(String) })
    expect(store.list()).toHaveLength(1000)
  })
})

describe('opening', () => {
  it('names the error when a store cannot be opened or written and it has no code', () => {
    class StoreBroken extends Error {
      override name = 'StoreBroken'
    }
    const unopenable = openProfileStore({
      directory: dir,
      now: fixedNow,
      createBackingStore: () => {
        throw new StoreBroken('x')
      },
    })
    expect(unopenable.problems[0]).toContain('(StoreBroken)')
    const unwritable = openProfileStore({
      directory: join(dir, 'fresh'),
      now: fixedNow,
      createBackingStore: () => ({
        get store() {
          return {}
        },
        set store(_value) {
          throw 'refused'
        },
      }),
    })
    expect(unwritable.problems).toHaveLength(1)
    expect(unwritable.problems[0]).toContain('could not be written')
    expect(unwritable.problems[0]).toContain('(unknown error)')
    // Still usable, in memory.
    expect(unwritable.list().map((p) => p.id)).toEqual([DEMO_PROFILE_ID])
  })

  it('does not write an unchanged file again when opening it', () => {
    open()
    const writes: unknown[] = []
    const backing: BackingStore = {
      get store() {
        return writes.at(-1)
      },
      set store(value) {
        writes.push(value)
      },
    }
    const store = openProfileStore({ directory: dir, now: fixedNow, createBackingStore: () => backing })
    expect(store.problems).toEqual([])
    expect(writes).toEqual([])
    // Nothing to upgrade, so no backup either.
    expect(readdirSync(dir)).toEqual(['profiles.json'])
  })

  it('starts the clock itself when none is given', () => {
    writeFileSync(filePath(), 'not json')
    const store = openProfileStore({ directory: dir })
    expect(store.problems[0]).toMatch(/profiles\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json/)
  })

  it('creates the folder, parents included, even when the file then cannot be opened', () => {
    const nested = join(dir, 'a', 'b')
    const store = openProfileStore({
      directory: nested,
      now: fixedNow,
      createBackingStore: () => {
        throw null
      },
    })
    expect(store.problems[0]).toContain('(unknown error)')
    expect(existsSync(nested)).toBe(true)
  })

  it('says what to do when a change cannot be saved, or an order is not a permutation', () => {
    let broken = false
    const store = openProfileStore({
      directory: dir,
      now: fixedNow,
      createBackingStore: () => ({
        get store() {
          return {}
        },
        set store(_value) {
          if (broken) throw Object.assign(new Error('full'), { code: 'ENOSPC' })
        },
      }),
    })
    broken = true
    expect(failureOf(() => store.setActive(null))).toMatchObject({ kind: 'file', hint: expect.stringContaining('writable') })
    expect(failureOf(() => store.reorder([]))).toMatchObject({ kind: 'invalid-input', hint: expect.any(String) })
  })

  it('keeps a temp file exactly a minute old: only older ones are tidied', () => {
    const now = () => new Date('2025-01-31T09:15:02.000Z')
    const minute = join(dir, 'profiles.json.tmp-minute')
    writeFileSync(minute, '{')
    utimesSync(minute, new Date('2025-01-31T09:14:02.000Z'), new Date('2025-01-31T09:14:02.000Z'))
    openProfileStore({ directory: dir, now })
    expect(existsSync(minute)).toBe(true)
  })

  it('leaves a file it can neither use nor move aside untouched, keeping changes in memory', () => {
    // A folder deep enough that profiles.json fits in PATH_MAX but the moved-aside name does not.
    let deep = dir
    while (deep.length < 4050) deep = join(deep, 'd'.repeat(Math.min(200, 4060 - deep.length)))
    mkdirSync(deep, { recursive: true })
    const path = join(deep, 'profiles.json')
    writeFileSync(path, '{ not json')
    let created = 0
    const store = openProfileStore({
      directory: deep,
      now: fixedNow,
      createBackingStore: () => {
        created++
        return { store: {} }
      },
    })
    expect(created).toBe(0)
    expect(store.problems).toHaveLength(1)
    expect(store.problems[0]).toContain('not valid JSON')
    expect(store.problems[0]).toContain('moving that file out of the way failed too')
    store.save(input('A'))
    expect(store.list()).toHaveLength(2)
    expect(readFileSync(path, 'utf8')).toBe('{ not json')
  })

  it('upgrades an old file even when its backup copy cannot be written, and says so', () => {
    // Deep enough that profiles.json fits in PATH_MAX but the backup's longer name does not.
    let deep = dir
    while (deep.length < 4050) deep = join(deep, 'd'.repeat(Math.min(200, 4060 - deep.length)))
    mkdirSync(deep, { recursive: true })
    writeFileSync(
      join(deep, 'profiles.json'),
      JSON.stringify({ profiles: [{ id: 'p', name: 'P', tenantId: '5', env: 'sandbox', region: 'us' }] }),
    )
    const store = openProfileStore({ directory: deep, now: fixedNow, createBackingStore: () => ({ store: {} }) })
    expect(store.problems).toHaveLength(1)
    expect(store.problems[0]).toContain('upgraded from an older format, but a backup copy could not be written')
    expect(store.list().map((p) => p.id)).toEqual(['p'])
  })

  it('keeps a backup of an old file under a name not yet taken', () => {
    const v0 = JSON.stringify({ profiles: [{ id: 'p', name: 'P', tenantId: '5', env: 'sandbox', region: 'us' }] })
    writeFileSync(join(dir, 'profiles.v0-backup-2025-01-31T09-15-02-123Z.json'), 'earlier')
    writeFileSync(filePath(), v0)
    expect(open().problems).toEqual([])
    expect(readFileSync(join(dir, 'profiles.v0-backup-2025-01-31T09-15-02-123Z.json'), 'utf8')).toBe('earlier')
    expect(readFileSync(join(dir, 'profiles.v0-backup-2025-01-31T09-15-02-123Z-2.json'), 'utf8')).toBe(v0)
    expect(onDisk().version).toBe(1)
  })

  it('tidies only old temp files of profiles.json', () => {
    const old = new Date('2025-01-31T09:14:02.000Z') // 61 s before now
    const edge = new Date('2025-01-31T09:14:02.500Z') // 59.6 s before now
    for (const name of ['profiles.json.tmp-old', 'profiles.json.tmp-edge', 'other.json.tmp-old']) {
      writeFileSync(join(dir, name), '{')
      const at = name.includes('edge') ? edge : old
      utimesSync(join(dir, name), at, at)
    }
    open()
    expect(readdirSync(dir).sort()).toEqual(['other.json.tmp-old', 'profiles.json', 'profiles.json.tmp-edge'])
    expect(existsSync(join(dir, 'profiles.json.tmp-old'))).toBe(false)
  })

  it('numbers moved-aside names from 2 on', () => {
    for (const text of ['one', 'two', 'three']) {
      writeFileSync(filePath(), text)
      open()
    }
    expect(
      readdirSync(dir)
        .filter((n) => n.startsWith('profiles.corrupt-'))
        .sort(),
    ).toEqual([
      'profiles.corrupt-2025-01-31T09-15-02-123Z-2.json',
      'profiles.corrupt-2025-01-31T09-15-02-123Z-3.json',
      'profiles.corrupt-2025-01-31T09-15-02-123Z.json',
    ])
  })
})
