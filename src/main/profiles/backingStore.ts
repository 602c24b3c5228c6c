// Where profiles.json is written. Plain Node uses `conf`; the Electron composition root passes a factory
// that builds an `electron-store` (which extends conf), e.g.
//   ({ cwd, configName }) => new ElectronStore({ cwd, name: configName })
// Both write through the `atomically` package: a temp file in the same folder, fsync, then rename, so a
// crash leaves the old file or the new one, never half of one. (conf falls back to a plain write under
// Snap and on EXDEV, a Windows quirk.)
import Conf from 'conf'

export interface BackingStore {
  /** Reading re-reads the file; writing replaces the whole file. */
  store: unknown
}

export interface BackingStoreOptions {
  /** The folder the file lives in. */
  cwd: string
  /** The file name without `.json`. */
  configName: string
}

export type CreateBackingStore = (options: BackingStoreOptions) => BackingStore

export const createConfStore: CreateBackingStore = ({ cwd, configName }) =>
  new Conf<Record<string, unknown>>({ cwd, configName, clearInvalidConfig: false })

/** Used when the file cannot be touched safely: changes live until the app closes. */
export function createMemoryStore(initial: unknown = {}): BackingStore {
  return { store: initial }
}
