// Kibo's `filter` query parameter as the emulator answers it: the app's one filter grammar
// (src/shared/accountFilter) in its 'kibo' dialect, so the emulator, the live search form's
// check and the offline Files filter cannot disagree on what a filter means. Field names match
// ignoring case, as Kibo matches them; a filter Kibo would refuse is a 400 naming the position.
import { compileAccountFilter } from '../../shared/accountFilter'

export class KiboFilterError extends Error {
  /** Zero-based offset of the problem in the filter text. */
  readonly position: number
  constructor(message: string, position: number) {
    super(`Invalid filter at character ${position + 1}: ${message}`)
    this.name = 'KiboFilterError'
    this.position = position
  }
}

/** Parses once; the returned predicate can be run over many items. Throws KiboFilterError. */
export function compileKiboFilter(src: string): (item: unknown) => boolean {
  const compiled = compileAccountFilter(src, { dialect: 'kibo' })
  if (!compiled.ok) throw new KiboFilterError(compiled.error.message, compiled.error.position)
  return compiled.test
}

/** Every value at a dotted path, looking through arrays on the way. */
export function valuesAt(item: unknown, path: string): unknown[] {
  let current: unknown[] = [item]
  for (const key of path.split('.')) {
    const next: unknown[] = []
    for (const c of current) {
      const v = c !== null && typeof c === 'object' ? (c as Record<string, unknown>)[key] : undefined
      if (Array.isArray(v)) next.push(...v)
      else if (v !== undefined) next.push(v)
    }
    current = next
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]))
}

/** Compares two items by a field path, the way sortBy does: missing values last in ascending order. */
export function compareAt(a: unknown, b: unknown, path: string): number {
  return compareValues(valuesAt(a, path)[0], valuesAt(b, path)[0])
}

export function compareValues(x: unknown, y: unknown): number {
  const xm = x === null || x === undefined
  const ym = y === null || y === undefined
  if (xm || ym) return xm && ym ? 0 : xm ? 1 : -1
  if (typeof x === 'number' && typeof y === 'number') return x - y
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y)
  const sx = String(x).toLowerCase()
  const sy = String(y).toLowerCase()
  return sx < sy ? -1 : sx > sy ? 1 : 0
}
