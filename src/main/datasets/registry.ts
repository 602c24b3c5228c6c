// The files open right now, by id: at most MAX_OPEN_DATASETS, one per file. Each holds a worker
// and a file's accounts in memory, so opening the same file again reuses (or replaces) it rather
// than starting another worker, and closing one ends its worker; quitting closes them all.
import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { AppFailure } from '../../shared/errors'
import { openDataset, type DatasetHandle, type OpenDatasetOptions } from './openDataset'

/** How many files may be open at once: each can hold hundreds of MB. */
export const MAX_OPEN_DATASETS = 8

interface Entry {
  handle: DatasetHandle
  /** The file's size and change time when it was read: the same file unchanged is reused. */
  version: string | null
}

function versionOf(path: string): string | null {
  try {
    const stat = statSync(path)
    return stat.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : null
  } catch {
    return null
  }
}

export class DatasetRegistry {
  readonly #open = new Map<string, Entry>()
  /** Opens in flight, by full path: a second open of the same file waits for the first. */
  readonly #opening = new Map<string, Promise<DatasetHandle>>()
  readonly #limit: number
  readonly #openFile: typeof openDataset

  constructor(options: { limit?: number; openFile?: typeof openDataset } = {}) {
    this.#limit = options.limit ?? MAX_OPEN_DATASETS
    this.#openFile = options.openFile ?? openDataset
  }

  /**
   * Opens `path`, or hands back the dataset already open for it when the file has not changed
   * since. A changed file is read again under the same id (so the UI replaces, not duplicates)
   * and the old worker ends. Refused, before any worker starts, when the limit is reached.
   */
  async open(path: string, options: OpenDatasetOptions = {}): Promise<DatasetHandle> {
    const fullPath = resolve(path)
    const inFlight = this.#opening.get(fullPath)
    if (inFlight) return inFlight
    const previous = this.#byPath(fullPath)
    const version = versionOf(fullPath)
    if (previous && version !== null && previous.version === version) return previous.handle
    if (!previous && this.#open.size + this.#opening.size >= this.#limit) throw this.#full()
    const opening = this.#openFile(fullPath, { ...options, ...(previous ? { id: previous.handle.summary.id } : {}) })
    this.#opening.set(fullPath, opening)
    try {
      const handle = await opening
      this.#put(handle, version)
      return handle
    } finally {
      this.#opening.delete(fullPath)
    }
  }

  /** Keeps a dataset opened elsewhere: replaces one of the same id or file; refused past the limit (the handle is closed). */
  add(handle: DatasetHandle): void {
    this.#put(handle, versionOf(handle.summary.path))
  }

  get(id: string): DatasetHandle | undefined {
    return this.#open.get(id)?.handle
  }

  /** The whole record at `index` of an open file (a customer bundle with its sections). */
  record(id: string, index: number): Promise<unknown> {
    const handle = this.get(id)
    if (!handle)
      return Promise.reject(new AppFailure({ kind: 'not-found', message: 'That file is no longer open.', hint: 'Open it again.' }))
    return handle.record(index)
  }

  /** False when no file had that id. */
  async close(id: string): Promise<boolean> {
    const entry = this.#open.get(id)
    if (!entry) return false
    this.#open.delete(id)
    await entry.handle.close()
    return true
  }

  async closeAll(): Promise<void> {
    const handles = [...this.#open.values()].map((entry) => entry.handle)
    this.#open.clear()
    await Promise.allSettled(handles.map((handle) => handle.close()))
  }

  get size(): number {
    return this.#open.size
  }

  #put(handle: DatasetHandle, version: string | null): void {
    const { id, path } = handle.summary
    const sameFile = this.#byPath(path)
    const replaced = this.#open.get(id) ?? sameFile
    if (replaced && replaced.handle !== handle) {
      this.#open.delete(replaced.handle.summary.id)
      void replaced.handle.close()
    }
    if (!replaced && this.#open.size >= this.#limit) {
      void handle.close()
      throw this.#full()
    }
    this.#open.set(id, { handle, version })
  }

  #byPath(path: string): Entry | undefined {
    for (const entry of this.#open.values()) if (entry.handle.summary.path === path) return entry
    return undefined
  }

  #full(): AppFailure {
    return new AppFailure({
      kind: 'file',
      message: `${this.#limit} files are open, the most Account Inspector keeps at once (each holds its accounts in memory).`,
      hint: 'Close a file you no longer need (× beside its name in Files), then open this one again.',
    })
  }
}
