// The customer bundles of an opened file, by their position in its list of accounts. A bundle's
// account sits in that list like any account; its sections are not kept: only where the bundle
// lies in the file, read again (and parsed) when a view asks for it. So a file of 10,000 customers
// costs about what its accounts cost, not 10,000 whole bundles. The file is opened again for each
// read (no descriptor outlives a read, nothing locks the file); one that changed on disk since is
// refused rather than read as something else.
import type { Stats } from 'node:fs'
import { AppFailure } from '../../shared/errors'
import { withoutSecrets } from '../exports/secrets'
import { changedOnDisk, FileSlices } from './fileSlices'

/** Where a bundle lies in the file: its first byte and its length. */
interface Span {
  start: number
  length: number
}

export class BundleRecords {
  /** Bundles parsed whole while the file was read (a single-document bundle, the first line). */
  readonly #held = new Map<number, unknown>()
  readonly #spans = new Map<number, Span>()
  readonly #file = new FileSlices()
  /** The last bundle read back: a customer's views ask for its sections one after another. */
  #last: { index: number; value: unknown } | null = null

  /** How many positions hold a bundle. */
  get size(): number {
    return this.#held.size + this.#spans.size
  }

  /** The bundle at `index` was parsed whole; keep it as it is. */
  hold(index: number, value: unknown): void {
    this.#held.set(index, value)
  }

  /** The bundle at `index` lies at `start` for `length` bytes; read it back from there. */
  locate(index: number, start: number, length: number): void {
    this.#spans.set(index, { start, length })
  }

  /** What to keep to restore these records (indexFile.ts): the bundles held whole, and where the others lie. */
  saved(): { held: [number, unknown][]; spans: [number, number, number][] } {
    return { held: [...this.#held], spans: [...this.#spans].map(([index, span]) => [index, span.start, span.length]) }
  }

  static restore(saved: { held: [number, unknown][]; spans: [number, number, number][] }): BundleRecords {
    const records = new BundleRecords()
    for (const [index, value] of saved.held) records.hold(index, value)
    for (const [index, start, length] of saved.spans) records.locate(index, start, length)
    return records
  }

  /** The file as it was read (`stat` taken after reading it): bundles are read back from it while it stays so. */
  attach(path: string, stat: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): void {
    this.#file.attach(path, stat)
  }

  /** The whole bundle at `index`, tokens dropped; a not-found failure when that position holds a plain account. */
  record(index: number): unknown {
    const held = this.#held.get(index)
    if (held !== undefined) return held
    if (this.#last?.index === index) return this.#last.value
    const span = this.#spans.get(index)
    if (!span) {
      throw new AppFailure({
        kind: 'not-found',
        message: `Customer ${index + 1} of this file is a plain account, not a customer bundle: the file holds no sections for it.`,
        hint: 'Read the customer live from a profile, or open a customer bundle exported with Account Inspector.',
      })
    }
    const value = withoutSecrets(this.#read(span))
    this.#last = { index, value }
    return value
  }

  #read(span: Span): unknown {
    const bytes = this.#file.read(span.start, span.length)
    try {
      return JSON.parse(bytes.toString('utf8'))
    } catch {
      throw changedOnDisk()
    }
  }
}
