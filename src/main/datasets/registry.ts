// The files open right now, by id. Closing one ends its worker; quitting closes them all.
import type { DatasetSummary } from '../../shared/contract'
import type { DatasetHandle } from './openDataset'

export class DatasetRegistry {
  readonly #open = new Map<string, DatasetHandle>()

  add(handle: DatasetHandle): void {
    const previous = this.#open.get(handle.summary.id)
    if (previous && previous !== handle) void previous.close()
    this.#open.set(handle.summary.id, handle)
  }

  get(id: string): DatasetHandle | undefined {
    return this.#open.get(id)
  }

  list(): DatasetSummary[] {
    return [...this.#open.values()].map((handle) => handle.summary)
  }

  /** False when no file had that id. */
  async close(id: string): Promise<boolean> {
    const handle = this.#open.get(id)
    if (!handle) return false
    this.#open.delete(id)
    await handle.close()
    return true
  }

  async closeAll(): Promise<void> {
    const handles = [...this.#open.values()]
    this.#open.clear()
    await Promise.allSettled(handles.map((handle) => handle.close()))
  }

  get size(): number {
    return this.#open.size
  }
}
