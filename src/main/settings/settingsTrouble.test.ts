// Settings when their file is missing keys, cannot be opened or cannot be written: the app keeps
// working on the defaults or the last good values, and says what happened.
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/settings'
import type { BackingStore } from '../profiles'
import { SettingsStore } from './settingsStore'
import { appErrorOf } from '../../../test/failures'

const memory =
  (store: unknown): (() => BackingStore) =>
  () => ({ store })

describe('SettingsStore when things go wrong', () => {
  it('fills keys the file lacks with the defaults, without calling that a problem', () => {
    const store = new SettingsStore({ directory: 'unused', createBackingStore: memory({}) })
    expect(store.get()).toEqual(defaultSettings)
    expect(store.problems).toEqual([])
  })

  it('uses what a good file holds', () => {
    const store = new SettingsStore({ directory: 'unused', createBackingStore: memory({ kiboTimeoutSeconds: 120 }) })
    expect(store.get()).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 120 })
    expect(store.problems).toEqual([])
  })

  it('keeps settings in memory when the file cannot be opened, and says so', () => {
    const store = new SettingsStore({
      directory: 'unused',
      createBackingStore: () => {
        throw Object.assign(new Error('EACCES'), { code: 'EACCES' })
      },
    })
    expect(store.get()).toEqual(defaultSettings)
    expect(store.problems).toEqual(['The settings file could not be opened; settings are kept until the app closes.'])
    expect(store.save({ kiboTimeoutSeconds: 45 })).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 45 })
    expect(store.get()).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 45 })
  })

  it('refuses a save it cannot write with a file error naming the cause, keeping the last good settings', async () => {
    const backing = {
      get store() {
        return { kiboTimeoutSeconds: 60 }
      },
      set store(_value: unknown) {
        throw Object.assign(new Error('read-only file system'), { code: 'EROFS' })
      },
    }
    const store = new SettingsStore({ directory: 'unused', createBackingStore: () => backing })
    const failure = await appErrorOf(() => store.save({ kiboTimeoutSeconds: 90 }))
    expect(failure).toMatchObject({ kind: 'file', hint: 'Check that the app’s settings folder is writable.' })
    expect(failure.message).toContain('(EROFS)')
    expect(store.get()).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 60 })
  })

  it('says which value is wrong, and that it was the input that was wrong', async () => {
    const store = new SettingsStore({ directory: 'unused', createBackingStore: memory({}) })
    expect(await appErrorOf(() => store.save({ kiboTimeoutSeconds: 301 }))).toMatchObject({
      kind: 'invalid-input',
      message: 'At most 300 seconds.',
    })
    expect(store.get()).toEqual(defaultSettings)
  })

  it('hands out copies: changing what get() returned changes nothing', () => {
    const store = new SettingsStore({ directory: 'unused', createBackingStore: memory({}) })
    const copy = store.get()
    copy.kiboTimeoutSeconds = 7
    expect(store.get()).toEqual(defaultSettings)
    const saved = store.save({ kiboTimeoutSeconds: 40 })
    saved.kiboTimeoutSeconds = 8
    expect(store.get()).toEqual({ ...defaultSettings, kiboTimeoutSeconds: 40 })
  })
})
