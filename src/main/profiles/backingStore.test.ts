// Where the profiles are kept: a conf file that is never silently emptied, or memory only.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createConfStore, createMemoryStore } from './backingStore'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'backing-store-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('createConfStore', () => {
  it('writes the whole value to <configName>.json in the folder and reads it back', () => {
    const store = createConfStore({ cwd: dir, configName: 'profiles' })
    store.store = { version: 1, profiles: [] }
    expect(JSON.parse(readFileSync(join(dir, 'profiles.json'), 'utf8'))).toEqual({ version: 1, profiles: [] })
    expect(createConfStore({ cwd: dir, configName: 'profiles' }).store).toEqual({ version: 1, profiles: [] })
  })

  it('refuses a file that is not JSON instead of emptying it', () => {
    writeFileSync(join(dir, 'profiles.json'), '{ half a file')
    expect(() => createConfStore({ cwd: dir, configName: 'profiles' })).toThrow()
    expect(readFileSync(join(dir, 'profiles.json'), 'utf8')).toBe('{ half a file')
  })
})

describe('createMemoryStore', () => {
  it('starts empty, or with what it is given, and keeps what is written', () => {
    expect(createMemoryStore().store).toEqual({})
    const initial = { files: ['a'] }
    const store = createMemoryStore(initial)
    expect(store.store).toBe(initial)
    store.store = { files: [] }
    expect(store.store).toEqual({ files: [] })
  })
})
