// The files opened for offline review, shared by the dataset browser and the compare view. One
// instance per Session. It listens for `file.open` from the moment it exists, so the shell should
// call `openDatasets(session)` at start-up to catch files handed over before the browser shows.
// Files are named by handles main issued (a dialog, a drop, the command line, the recent list, or
// in the browser a typed path main checked): this page never names a path to read.
import type { DatasetView, FileChoice, RecentFile } from '../../../shared/contract'
import type { DatasetSort } from './datasetPages'
import type { Session } from './session.svelte'

type DatasetSummary = DatasetView

export interface Opening {
  operationId: string
  label: string
}

export class OpenDatasets {
  readonly #session: Session
  list = $state<DatasetSummary[]>([])
  currentId = $state<string | null>(null)
  /** Opens in flight, each with the operation id its progress events carry. */
  openings = $state<Opening[]>([])
  /** Datasets whose warnings the person dismissed. */
  dismissed = $state<Record<string, true>>({})
  /** The browser's search, filter and sort, kept here so they survive switching views. */
  view = $state<{ search: string; filter: string; sort: DatasetSort | null }>({ search: '', filter: '', sort: null })
  /** The files opened lately (main keeps the list), each with a handle to open it again. */
  recent = $state<RecentFile[]>([])
  /** Called after every successful open (e.g. so the shell can switch to the browser). */
  onopened: ((summary: DatasetSummary) => void) | null = null

  current = $derived<DatasetSummary | null>(this.list.find((d) => d.id === this.currentId) ?? null)

  constructor(session: Session) {
    this.#session = session
    session.bridge.on('file.open', (choice) => void this.open(choice))
    void this.loadRecent()
  }

  /** Desktop: main's open dialog, then the file chosen. null: cancelled or failed (see session.error). */
  async openWithDialog(): Promise<DatasetSummary | null> {
    const choice = await this.#session.call('files.chooseOpen', { kind: 'accounts' })
    return choice ? this.open(choice) : null
  }

  /** Browser host: main checks the typed path (a regular, readable file) and grants it. */
  async openTypedPath(path: string): Promise<DatasetSummary | null> {
    const choice = await this.#session.call('files.grantTypedPath', { path: path.trim(), purpose: 'open' })
    return choice ? this.open(choice) : null
  }

  async loadRecent(): Promise<void> {
    this.recent = (await this.#session.bridge.call('files.recent', {}).then((r) => (r.ok ? r.value : null))) ?? this.recent
  }

  /** Opens a file main granted. null: cancelled or failed (see session.error). */
  async open(choice: FileChoice): Promise<DatasetSummary | null> {
    const label = `Opening ${choice.name}`
    let opening: Opening | null = null
    const summary = await this.#session.track(label, 'datasets.open', (operationId) => {
      opening = { operationId, label }
      this.openings = [...this.openings, opening]
      return { handle: choice.handle, operationId }
    })
    const done = opening as Opening | null
    this.openings = this.openings.filter((o) => o.operationId !== done?.operationId)
    if (!summary) return null
    // Main may hand back a dataset it already has open (same file): replace, don't duplicate.
    const index = this.list.findIndex((d) => d.id === summary.id)
    this.list = index >= 0 ? this.list.map((d, i) => (i === index ? summary : d)) : [...this.list, summary]
    this.currentId = summary.id
    this.onopened?.(summary)
    void this.loadRecent()
    return summary
  }

  cancel(operationId: string) {
    this.#session.cancel(operationId)
    this.openings = this.openings.filter((o) => o.operationId !== operationId)
  }

  async close(id: string) {
    const at = this.list.findIndex((d) => d.id === id)
    if (at < 0) return
    // Main may already have dropped it (restart): the list follows the person's intent either way,
    // so a failed close is not worth an error banner.
    await this.#session.bridge.call('datasets.close', { datasetId: id })
    this.list = this.list.filter((d) => d.id !== id)
    delete this.dismissed[id]
    if (this.currentId === id) this.currentId = this.list[Math.min(at, this.list.length - 1)]?.id ?? null
  }

  byId(id: string | null | undefined): DatasetSummary | null {
    return this.list.find((d) => d.id === id) ?? null
  }
}

const instances = new WeakMap<Session, OpenDatasets>()

/** The one OpenDatasets of a session, made on first use. */
export function openDatasets(session: Session): OpenDatasets {
  let instance = instances.get(session)
  if (!instance) {
    instance = new OpenDatasets(session)
    instances.set(session, instance)
  }
  return instance
}

const shapeNames: Record<DatasetSummary['shape'], string> = {
  array: 'JSON array',
  jsonl: 'JSON Lines',
  collection: 'Kibo page',
  account: 'single account',
  ticket: 'impersonation answer',
}

/** How a file is described in the Files list: a file of customer bundles says so, whatever its layout. */
export function shapeName(shape: DatasetSummary['shape'], bundles = 0): string {
  if (bundles > 0) return shape === 'jsonl' ? 'customer bundles, JSON Lines' : 'customer bundle'
  return shapeNames[shape] ?? shape
}
