// Long operations in flight, so they can be cancelled by id (the Cancel button) or by profile
// (switching profiles must not let the old tenant's answers land under the new one).
import { randomUUID } from 'node:crypto'

interface Running {
  controller: AbortController
  profileId: string | null
}

export interface Operation {
  id: string
  signal: AbortSignal
  done(): void
}

export class Operations {
  readonly #running = new Map<string, Running>()

  start(options: { id?: string; profileId?: string | null; parent?: AbortSignal }): Operation {
    const id = options.id ?? randomUUID()
    this.#running.get(id)?.controller.abort()
    const controller = new AbortController()
    const onParentAbort = () => controller.abort()
    options.parent?.addEventListener('abort', onParentAbort, { once: true })
    if (options.parent?.aborted) controller.abort()
    const entry = { controller, profileId: options.profileId ?? null }
    this.#running.set(id, entry)
    return {
      id,
      signal: controller.signal,
      done: () => {
        options.parent?.removeEventListener('abort', onParentAbort)
        if (this.#running.get(id) === entry) this.#running.delete(id)
      },
    }
  }

  /** Runs `work` as an operation and always forgets it afterwards. */
  async run<T>(
    options: { id?: string; profileId?: string | null; parent?: AbortSignal },
    work: (signal: AbortSignal, id: string) => Promise<T>,
  ): Promise<T> {
    const operation = this.start(options)
    try {
      return await work(operation.signal, operation.id)
    } finally {
      operation.done()
    }
  }

  cancel(id: string): boolean {
    const entry = this.#running.get(id)
    if (!entry) return false
    entry.controller.abort()
    this.#running.delete(id)
    return true
  }

  /** Cancels every operation that belongs to a profile other than `keep`. */
  cancelOtherProfiles(keep: string | null): number {
    let count = 0
    for (const [id, entry] of this.#running) {
      if (entry.profileId !== null && entry.profileId !== keep) {
        entry.controller.abort()
        this.#running.delete(id)
        count++
      }
    }
    return count
  }

  /** Cancels every operation of one profile (it is being deleted). */
  cancelProfile(profileId: string): number {
    let count = 0
    for (const [id, entry] of this.#running) {
      if (entry.profileId === profileId) {
        entry.controller.abort()
        this.#running.delete(id)
        count++
      }
    }
    return count
  }

  cancelAll(): void {
    for (const entry of this.#running.values()) entry.controller.abort()
    this.#running.clear()
  }

  get size(): number {
    return this.#running.size
  }
}
