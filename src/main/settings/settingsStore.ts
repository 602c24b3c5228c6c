// App-wide preferences in settings.json beside profiles.json, through the same backing store
// (conf under Node, electron-store in the desktop app). A file that does not validate is read
// as the defaults and said so, and only replaced when the person saves new settings.
import { fail } from '../../shared/errors'
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings'
import { createConfStore, createMemoryStore, type BackingStore, type CreateBackingStore } from '../profiles'

export class SettingsStore {
  readonly #backing: BackingStore
  #current: Settings
  readonly problems: string[] = []

  constructor(options: { directory: string; createBackingStore?: CreateBackingStore }) {
    let backing: BackingStore
    try {
      backing = (options.createBackingStore ?? createConfStore)({ cwd: options.directory, configName: 'settings' })
    } catch {
      backing = createMemoryStore()
      this.problems.push('The settings file could not be opened; settings are kept until the app closes.')
    }
    this.#backing = backing
    const stored = backing.store as Record<string, unknown>
    const parsed = settingsSchema.safeParse({ ...defaultSettings, ...stored })
    this.#current = parsed.success ? parsed.data : defaultSettings
    if (!parsed.success)
      this.problems.push('The settings file holds values the app cannot use; the defaults apply until you save settings.')
  }

  get(): Settings {
    return { ...this.#current }
  }

  save(next: Settings): Settings {
    // A setting left out keeps its default (a caller from before it existed).
    const parsed = settingsSchema.safeParse({ ...defaultSettings, ...next })
    if (!parsed.success) fail('invalid-input', parsed.error.issues[0]?.message ?? 'Those settings are not valid.')
    try {
      this.#backing.store = parsed.data
    } catch (error) {
      fail('file', `The settings could not be saved (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`, {
        hint: 'Check that the app’s settings folder is writable.',
      })
    }
    this.#current = parsed.data
    return this.get()
  }
}
