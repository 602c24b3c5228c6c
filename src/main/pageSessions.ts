// The browser host's pages, each a session from load to unload. A reload or a closed tab leaves
// the page's open files in main's memory (each holds a worker and a file's accounts) and its
// requests running, with nothing left to show them. Each page names itself (a random id per
// load) on every call and on its event stream; when its stream has been gone longer than a
// grace period (the page's stream reconnects within about a second after a hiccup), its
// requests are aborted and the files only it had open are closed.
import type { Dispatch } from './dispatch'

/** Calls setTimeout-like; returns a function that cancels. Tests pass their own clock. */
export type Schedule = (run: () => void, ms: number) => () => void

const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms)
  timer.unref?.()
  return () => clearTimeout(timer)
}

interface Page {
  controller: AbortController
  streams: number
  cancelEnd: (() => void) | null
}

export const PAGE_HEADER = 'x-inspector-page'
export const DEFAULT_GRACE_MS = 10_000

/** A page id as the bridge makes it: short, URL-safe, nothing else accepted. */
export function pageIdOf(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(value) ? value : null
}

export class PageSessions {
  readonly #pages = new Map<string, Page>()
  /** Which pages opened each dataset: the same file opened from two tabs is one dataset. */
  readonly #owners = new Map<string, Set<string>>()
  readonly #dispatch: Dispatch
  readonly #graceMs: number
  readonly #schedule: Schedule

  constructor(options: { dispatch: Dispatch; graceMs?: number; schedule?: Schedule }) {
    this.#dispatch = options.dispatch
    this.#graceMs = options.graceMs ?? DEFAULT_GRACE_MS
    this.#schedule = options.schedule ?? realSchedule
  }

  #page(id: string): Page {
    let page = this.#pages.get(id)
    if (!page) this.#pages.set(id, (page = { controller: new AbortController(), streams: 0, cancelEnd: null }))
    return page
  }

  /** Aborted when the page is gone: calls made by it stop with it. */
  signal(pageId: string): AbortSignal {
    return this.#page(pageId).controller.signal
  }

  /** Remembers what a page's call opened or closed. */
  record(pageId: string, call: string, input: unknown, result: Awaited<ReturnType<Dispatch>>): void {
    if (!result.ok) return
    if (call === 'datasets.open') {
      const id = (result.value as { id?: unknown }).id
      if (typeof id !== 'string') return
      const owners = this.#owners.get(id) ?? new Set<string>()
      owners.add(pageId)
      this.#owners.set(id, owners)
      // A page that went away while its open was in flight: close what it opened.
      if (this.#page(pageId).controller.signal.aborted) void this.#release(pageId)
    } else if (call === 'datasets.close') {
      const id = (input as { datasetId?: unknown }).datasetId
      if (typeof id === 'string') this.#owners.delete(id)
    }
  }

  connected(pageId: string): void {
    const page = this.#page(pageId)
    page.streams++
    page.cancelEnd?.()
    page.cancelEnd = null
  }

  disconnected(pageId: string): void {
    const page = this.#pages.get(pageId)
    if (!page) return
    page.streams = Math.max(0, page.streams - 1)
    if (page.streams > 0 || page.cancelEnd) return
    page.cancelEnd = this.#schedule(() => void this.end(pageId), this.#graceMs)
  }

  /** The page is gone: abort its calls, close the datasets no other page has open. */
  async end(pageId: string): Promise<void> {
    const page = this.#pages.get(pageId)
    if (!page || page.streams > 0) return
    page.cancelEnd = null
    page.controller.abort()
    await this.#release(pageId)
  }

  async #release(pageId: string): Promise<void> {
    const closing: string[] = []
    for (const [datasetId, owners] of this.#owners) {
      owners.delete(pageId)
      if (owners.size === 0) {
        this.#owners.delete(datasetId)
        closing.push(datasetId)
      }
    }
    const signal = new AbortController().signal
    await Promise.all(closing.map((datasetId) => this.#dispatch('datasets.close', { datasetId }, { signal })))
  }

  /** Datasets some live page has open (for tests and diagnostics). */
  get tracked(): string[] {
    return [...this.#owners.keys()]
  }
}
