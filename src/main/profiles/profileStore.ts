// The saved impersonation profiles: non-secret settings only. Secrets live in ../secrets.
// State is held in memory and written through, whole, on every change.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { fail } from '../../shared/errors'
import { profileFileSchema, profileInputSchema, type Profile, type ProfileFile, type ProfileInput } from '../../shared/profile'
import { createConfStore, createMemoryStore, type BackingStore, type CreateBackingStore } from './backingStore'
import { loadProfilesFile, PROFILES_FILE_BASENAME } from './openProfilesFile'
import { profileGone } from './profileGone'
import { formatIssuePath, MAX_RECENT, type StoredProfiles } from './storedProfiles'

export interface OpenProfileStoreOptions {
  /** The folder that holds profiles.json (the app's user-data folder). */
  directory: string
  /** Defaults to `conf`; Electron passes an electron-store factory. */
  createBackingStore?: CreateBackingStore
  /** For tests: the moment used to name moved-aside files. */
  now?: () => Date
}

export function openProfileStore(options: OpenProfileStoreOptions): ProfileStore {
  const now = options.now ?? (() => new Date())
  const loaded = loadProfilesFile(options.directory, now())
  const problems = [...loaded.problems]
  const filePath = join(options.directory, `${PROFILES_FILE_BASENAME}.json`)
  let backing: BackingStore = createMemoryStore()
  if (loaded.writable) {
    try {
      backing = (options.createBackingStore ?? createConfStore)({ cwd: options.directory, configName: PROFILES_FILE_BASENAME })
    } catch (error) {
      problems.push(
        `The profiles file at ${filePath} could not be opened (${describe(error)}). Changes to profiles will be kept only until the app closes.`,
      )
    }
  }
  const store = new ProfileStore(loaded.stored, backing, filePath, problems)
  if (loaded.needsWrite && loaded.writable) {
    try {
      store.flush()
    } catch (error) {
      problems.push(`The profiles could not be written to ${filePath} (${describe(error)}).`)
    }
  }
  return store
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code ?? (error instanceof Error ? error.name : 'unknown error')
}

function clone<T>(value: T): T {
  return structuredClone(value)
}

export class ProfileStore {
  #state: StoredProfiles
  readonly #backing: BackingStore
  /** Where the profiles are saved; for messages. */
  readonly filePath: string
  /** Sentences for a person about what went wrong while opening, e.g. a corrupt file moved aside. */
  readonly problems: readonly string[]

  constructor(state: StoredProfiles, backing: BackingStore, filePath: string, problems: readonly string[]) {
    this.#state = state
    this.#backing = backing
    this.filePath = filePath
    this.problems = problems
  }

  list(): Profile[] {
    return clone(this.#state.profiles)
  }

  get(id: string): Profile | undefined {
    const found = this.#state.profiles.find((p) => p.id === id)
    return found && clone(found)
  }

  get activeId(): string | null {
    return this.#state.activeId
  }

  /** Most recently activated first, at most 8. */
  recentIds(): string[] {
    return [...this.#state.recentIds]
  }

  /** Creates (no id) or replaces (known id) a profile. */
  save(input: ProfileInput): Profile {
    const parsed = profileInputSchema.safeParse(input)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = formatIssuePath(issue.path)
      fail('invalid-input', `The profile is not valid: ${where ? `${where}: ` : ''}${issue.message}`, { where })
    }
    const { id, ...fields } = parsed.data
    if (id === undefined) {
      const created: Profile = { id: randomUUID(), ...fields }
      this.#commit({ ...this.#state, profiles: [...this.#state.profiles, created] })
      return clone(created)
    }
    this.#indexOf(id)
    const saved: Profile = { id, ...fields }
    this.#commit({ ...this.#state, profiles: this.#state.profiles.map((p) => (p.id === id ? saved : p)) })
    return clone(saved)
  }

  /** A copy named "<name> copy", placed right after the original. */
  duplicate(id: string): Profile {
    const index = this.#indexOf(id)
    const original = this.#state.profiles[index]
    const copy: Profile = { ...clone(original), id: randomUUID(), name: `${original.name.slice(0, 75)} copy` }
    const profiles = [...this.#state.profiles]
    profiles.splice(index + 1, 0, copy)
    this.#commit({ ...this.#state, profiles })
    return clone(copy)
  }

  remove(id: string): void {
    this.#indexOf(id)
    this.#commit({
      ...this.#state,
      profiles: this.#state.profiles.filter((p) => p.id !== id),
      activeId: this.#state.activeId === id ? null : this.#state.activeId,
      recentIds: this.#state.recentIds.filter((r) => r !== id),
    })
  }

  /** `ids` must name every profile exactly once. */
  reorder(ids: string[]): void {
    const current = new Map(this.#state.profiles.map((p) => [p.id, p]))
    if (ids.length !== current.size || new Set(ids).size !== ids.length || !ids.every((id) => current.has(id)))
      fail('invalid-input', 'The new order must list every profile exactly once.', {
        hint: 'Reload the profile list and try again.',
      })
    this.#commit({ ...this.#state, profiles: ids.map((id) => current.get(id) as Profile) })
  }

  /** Makes a profile the active one (null: none) and puts it first in the recent list. */
  setActive(id: string | null): void {
    if (id === null) {
      this.#commit({ ...this.#state, activeId: null })
      return
    }
    this.#indexOf(id)
    // The profile being left counts as recent too, so "go back" is one keystroke from the start.
    const previous = this.#state.activeId
    const earlier = previous !== null && previous !== id ? [previous] : []
    const recentIds = [id, ...earlier, ...this.#state.recentIds.filter((r) => r !== id && r !== previous)].slice(0, MAX_RECENT)
    this.#commit({ ...this.#state, activeId: id, recentIds })
  }

  /** Everything worth sharing; ids stay behind because they only mean something on this machine. */
  exportFile(): ProfileFile {
    return {
      format: 'account-inspector-profiles',
      version: 1,
      profiles: this.#state.profiles.map(({ id: _id, ...rest }) => clone(rest)),
    }
  }

  /** Appends the file's profiles under new ids and returns them. */
  importFile(data: unknown): Profile[] {
    const parsed = profileFileSchema.safeParse(data)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = formatIssuePath(issue.path)
      fail('bad-file', `This is not a profile file the app can import: ${where ? `${where}: ` : ''}${issue.message}`, {
        where,
        hint: 'Choose a file exported from Account Inspector, or fix the field named here.',
      })
    }
    const imported = parsed.data.profiles.map((p): Profile => ({ ...p, id: randomUUID() }))
    if (this.#state.profiles.length + imported.length > 1000)
      fail('bad-file', `Importing ${imported.length} profiles would make more than 1000.`, {
        hint: 'Remove some profiles first.',
      })
    this.#commit({ ...this.#state, profiles: [...this.#state.profiles, ...imported] })
    return clone(imported)
  }

  /** Writes the current state; used after opening when the file must be (re)created. */
  flush(): void {
    this.#backing.store = clone(this.#state)
  }

  #indexOf(id: string): number {
    const index = this.#state.profiles.findIndex((p) => p.id === id)
    if (index < 0) profileGone()
    return index
  }

  /** Memory changes only once the file holds the new state, so the two never disagree. */
  #commit(next: StoredProfiles): void {
    try {
      this.#backing.store = clone(next)
    } catch (error) {
      fail('file', `The profiles could not be saved to ${this.filePath} (${describe(error)}).`, {
        hint: 'Check that the folder exists, is writable and the disk is not full.',
      })
    }
    this.#state = next
  }
}
