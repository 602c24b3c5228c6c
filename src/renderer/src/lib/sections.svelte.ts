// Each section of the customer's 360 loads on its own: a view asks for it when it opens, shows its
// progress with Cancel, its error and its data. A section's failure stays in that section (it never
// reaches the app's error banner, never touches another section), and a failed reload keeps the
// last answer on screen, marked stale. Live or from a bundle, the loader and the answer are the same.
import type { Bridge } from '../../../shared/contract'
import { sectionInfo, type SectionId, type SectionQuery, type SectionSource, type SectionView } from '../../../shared/customer360'
import type { AppError } from '../../../shared/errors'

/** What the person can vary per request; the source, section and key are the loader's own. */
export type SectionParams = Pick<SectionQuery, 'startIndex' | 'pageSize' | 'filter' | 'sortBy' | 'responseFields'>

export type SectionState<T> =
  | { status: 'idle' }
  | { status: 'loading'; operationId: string; previous: SectionView<T> | null }
  | { status: 'error'; error: AppError; failedAt: number; previous: SectionView<T> | null }
  | { status: 'loaded'; view: SectionView<T> }

let nextOperation = 1
const newOperationId = () => `section-${Date.now().toString(36)}-${nextOperation++}`

/** One section (and key) of one customer: its state and the calls that move it. */
export class SectionLoader<T = unknown> {
  readonly #bridge: Bridge
  readonly source: SectionSource
  readonly section: SectionId
  readonly key: string | null
  state = $state.raw<SectionState<T>>({ status: 'idle' })
  /** The parameters of the last request, reused by reload(). */
  params = $state.raw<SectionParams>({})

  constructor(bridge: Bridge, source: SectionSource, section: SectionId, key: string | null = null) {
    this.#bridge = bridge
    this.source = source
    this.section = section
    this.key = key
  }

  get label(): string {
    return sectionInfo[this.section].label
  }

  /** The answer on screen: the last one read, even while reloading or after a failed reload. */
  view = $derived.by((): SectionView<T> | null => {
    const state = this.state
    return state.status === 'loaded' ? state.view : state.status === 'idle' ? null : state.previous
  })
  data = $derived<T | null>(this.view ? this.view.data : null)
  loading = $derived(this.state.status === 'loading')
  error = $derived<AppError | null>(this.state.status === 'error' ? this.state.error : null)
  /** A later request failed: what is shown is older than the person asked for. */
  stale = $derived(this.state.status === 'error' && this.state.previous !== null)

  /** Reads the section (again), with new parameters or the last ones. null: failed or cancelled. */
  async load(params: SectionParams = this.params): Promise<SectionView<T> | null> {
    const previous = this.view
    if (this.state.status === 'loading') void this.#bridge.call('ops.cancel', { operationId: this.state.operationId })
    const operationId = newOperationId()
    this.params = params
    this.state = { status: 'loading', operationId, previous }
    const query: SectionQuery = { ...params, source: this.source, section: this.section, operationId }
    if (this.key !== null) query.key = this.key
    const result = await this.#bridge.call('customer.section', query)
    // A newer load, a cancel or a reset took over while this one ran: its answer is not wanted.
    if (this.state.status !== 'loading' || this.state.operationId !== operationId) return null
    if (result.ok) {
      this.state = { status: 'loaded', view: result.value as SectionView<T> }
      return result.value as SectionView<T>
    }
    if (result.error.kind === 'cancelled') {
      this.state = previous ? { status: 'loaded', view: previous } : { status: 'idle' }
      return null
    }
    this.state = { status: 'error', error: result.error, failedAt: Date.now(), previous }
    return null
  }

  reload(): Promise<SectionView<T> | null> {
    return this.load(this.params)
  }

  /** Stops the request in flight; what was shown before stays, as it was. */
  cancel(): void {
    const state = this.state
    if (state.status !== 'loading') return
    void this.#bridge.call('ops.cancel', { operationId: state.operationId })
    this.state = state.previous ? { status: 'loaded', view: state.previous } : { status: 'idle' }
  }

  /** Back to "not requested", cancelling anything in flight. */
  reset(): void {
    this.cancel()
    this.state = { status: 'idle' }
  }

  /** Drops the error but keeps what was shown (stale answers go back to plain loaded). */
  dismissError(): void {
    const state = this.state
    if (state.status !== 'error') return
    this.state = state.previous ? { status: 'loaded', view: state.previous } : { status: 'idle' }
  }
}

/** Every section of one customer from one source. A new customer (or source) takes a new instance. */
export class CustomerSections {
  readonly #bridge: Bridge
  readonly source: SectionSource
  // Not reactive on purpose: each loader is, and the set of loaders only grows as views ask.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #loaders = new Map<string, SectionLoader<unknown>>()

  constructor(bridge: Bridge, source: SectionSource) {
    this.#bridge = bridge
    this.source = source
  }

  /** The loader of a section (and key), the same one each time it is asked for. */
  section<T = unknown>(id: SectionId, key: string | null = null): SectionLoader<T> {
    const name = key === null ? id : `${id}\u0000${key}`
    let loader = this.#loaders.get(name)
    if (!loader) {
      loader = new SectionLoader<unknown>(this.#bridge, this.source, id, key)
      this.#loaders.set(name, loader)
    }
    return loader as SectionLoader<T>
  }

  /** The customer left the screen: stop everything still loading. */
  cancelAll(): void {
    for (const loader of this.#loaders.values()) loader.cancel()
  }
}

/** Whether two sources name the same customer in the same place (so their sections can be kept). */
export function sameSource(a: SectionSource | null, b: SectionSource | null): boolean {
  if (a === null || b === null) return a === b
  if (a.kind === 'live' && b.kind === 'live') return a.profileId === b.profileId && a.accountId === b.accountId
  if (a.kind === 'bundle' && b.kind === 'bundle') return a.datasetId === b.datasetId && a.index === b.index
  return false
}

/**
 * A 401 or 403 on a section: Kibo grants API access per application, so the likeliest cause is an
 * application without the behaviour for that section. null when the error is something else (a
 * shopper's expired ticket is 'auth-expired' and says so itself).
 */
export function missingBehaviourSentence(error: AppError, section: SectionId): string | null {
  if (error.kind === 'auth-expired' || (error.status !== 401 && error.status !== 403)) return null
  return (
    `This application may lack the behavior for ${sectionInfo[section].label}: Kibo grants API access per application. ` +
    'Ask your Kibo administrator to add it to the application in Dev Center, then load the section again.'
  )
}

// The shell opens the request log; a section frame deep in a view asks it to, through this.
let logOpener: ((requestId: string) => void) | null = null

/** The shell registers how the request log is opened at one entry. */
export function setRequestLogOpener(open: ((requestId: string) => void) | null): void {
  logOpener = open
}

export function openRequestLog(requestId: string): boolean {
  if (!logOpener) return false
  logOpener(requestId)
  return true
}

export function canOpenRequestLog(): boolean {
  return logOpener !== null
}
