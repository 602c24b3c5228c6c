// The files opened lately, kept in recent-files.json in the settings folder so they can be
// opened again after a restart. Paths and times only: no content, no secret. Listing re-issues
// handles through FileGrants, so the renderer still never names a path.
import { basename } from 'node:path'
import { z } from 'zod'
import type { BackingStore } from '../profiles'

export const MAX_RECENT_FILES = 10

const storedSchema = z.object({
  files: z.array(z.object({ path: z.string().min(1).max(4096), openedAt: z.string().max(40) })).max(100),
})

export interface RecentEntry {
  path: string
  name: string
  openedAt: string
}

export class RecentFiles {
  readonly #backing: BackingStore
  readonly #now: () => Date

  constructor(backing: BackingStore, now: () => Date = () => new Date()) {
    this.#backing = backing
    this.#now = now
  }

  list(): RecentEntry[] {
    const parsed = storedSchema.safeParse(this.#backing.store)
    // A damaged list is an empty one: it only saves a few clicks.
    const files = parsed.success ? parsed.data.files : []
    return files.slice(0, MAX_RECENT_FILES).map((f) => ({ ...f, name: basename(f.path) }))
  }

  /** Puts `path` first; the list stays short. A list that cannot be saved is not worth an error. */
  add(path: string): void {
    const files = [{ path, openedAt: this.#now().toISOString() }, ...this.list().filter((f) => f.path !== path)]
      .slice(0, MAX_RECENT_FILES)
      .map(({ path, openedAt }) => ({ path, openedAt }))
    try {
      this.#backing.store = { files }
    } catch {
      // The settings folder is read-only or full; the file still opened.
    }
  }
}
