import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSettings, indexFromBytes } from '../../shared/settings'
import { SettingsStore } from './settingsStore'

const dirs: string[] = []
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'inspector-settings-'))
  dirs.push(d)
  return d
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('SettingsStore', () => {
  it('starts from the defaults and keeps what is saved', () => {
    const directory = dir()
    expect(new SettingsStore({ directory }).get()).toEqual(defaultSettings)
    new SettingsStore({ directory }).save({ kiboTimeoutSeconds: 90 })
    expect(new SettingsStore({ directory }).get()).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 90 })
    expect(JSON.parse(readFileSync(join(directory, 'settings.json'), 'utf8'))).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 90 })
  })

  it('keeps the size from which files are indexed: 0 to 1024 whole MB, 512 unless saved', () => {
    const directory = dir()
    const store = new SettingsStore({ directory })
    expect(store.get().indexFilesFromMegabytes).toBe(512)
    expect(indexFromBytes(store.get())).toBe(512 * 1024 * 1024)
    expect(indexFromBytes({ kiboTimeoutSeconds: 30 })).toBe(512 * 1024 * 1024)
    for (const bad of [-1, 1025, 1.5]) {
      expect(() => store.save({ kiboTimeoutSeconds: 30, indexFilesFromMegabytes: bad })).toThrow(
        /At least 0 MB|At most 1024 MB|whole number/,
      )
      expect(store.get().indexFilesFromMegabytes).toBe(512)
    }
    for (const good of [0, 1024]) {
      store.save({ kiboTimeoutSeconds: 30, indexFilesFromMegabytes: good })
      expect(new SettingsStore({ directory }).get().indexFilesFromMegabytes).toBe(good)
      expect(indexFromBytes(store.get())).toBe(good * 1024 * 1024)
    }
  })

  it('refuses values out of range with a typed error and keeps the old ones', () => {
    const store = new SettingsStore({ directory: dir() })
    expect(() => store.save({ kiboTimeoutSeconds: 1 })).toThrow(/At least 5 seconds/)
    expect(store.get()).toEqual(defaultSettings)
  })

  it('reads an unusable file as the defaults, says so, and does not overwrite it until a save', () => {
    const directory = dir()
    writeFileSync(join(directory, 'settings.json'), JSON.stringify({ kiboTimeoutSeconds: 'soon' }))
    const store = new SettingsStore({ directory })
    expect(store.get()).toEqual(defaultSettings)
    expect(store.problems[0]).toMatch(/defaults apply/)
    expect(readFileSync(join(directory, 'settings.json'), 'utf8')).toContain('soon')
  })
})
