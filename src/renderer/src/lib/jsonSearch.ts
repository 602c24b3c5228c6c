// Searching a parsed JSON document for keys and values. Documents can be 50 MB, so the walk is a
// generator that pauses every few hundred nodes, and searchJson runs it in short slices that
// give the event loop back in between: typing stays responsive and a newer query can abort.

import { isContainer, type JsonPath } from './jsonPaths'

export interface SearchOptions {
  keys: boolean
  values: boolean
}

export interface SearchResult {
  matches: JsonPath[]
  /** True when the search stopped at the match limit; more matches exist. */
  truncated: boolean
}

export interface SearchControl {
  signal?: AbortSignal
  /** How long one slice may run before yielding, in ms. */
  sliceMs?: number
  maxMatches?: number
}

export const MAX_MATCHES = 10_000

/** Runs a search without blocking: works in slices of ~sliceMs, yielding to the event loop between them. */
export async function searchJson(root: unknown, query: string, options: SearchOptions, control: SearchControl = {}): Promise<SearchResult> {
  const steps = searchSteps(root, query, options, control.maxMatches ?? MAX_MATCHES)
  const sliceMs = control.sliceMs ?? 8
  for (;;) {
    control.signal?.throwIfAborted()
    const started = performance.now()
    let step = steps.next()
    while (!step.done && performance.now() - started < sliceMs) step = steps.next()
    if (step.done) return step.value
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : String(value)
}

/**
 * Depth-first, document-order search as a generator that yields every few hundred nodes so a
 * caller can share the thread. Matches are the paths whose key (keys) or scalar value (values)
 * contains the query, case-insensitively.
 */
export function* searchSteps(
  root: unknown,
  query: string,
  options: SearchOptions,
  maxMatches = MAX_MATCHES,
): Generator<void, SearchResult> {
  const needle = query.toLowerCase()
  const matches: JsonPath[] = []
  if (needle === '' || (!options.keys && !options.values)) return { matches, truncated: false }
  const path: JsonPath = []
  const hit = (key: string | number | null, value: unknown): boolean =>
    (options.keys && typeof key === 'string' && key.toLowerCase().includes(needle)) ||
    (options.values && !isContainer(value) && scalarText(value).toLowerCase().includes(needle))

  if (hit(null, root)) matches.push([])
  if (!isContainer(root)) return { matches, truncated: false }
  type Frame = { value: object; keys: string[] | null; i: number; size: number }
  const frameOf = (value: object): Frame => {
    const keys = Array.isArray(value) ? null : Object.keys(value)
    return { value, keys, i: 0, size: keys ? keys.length : (value as unknown[]).length }
  }
  const stack: Frame[] = [frameOf(root)]
  let budget = 256
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.i >= frame.size) {
      stack.pop()
      path.pop()
      continue
    }
    const i = frame.i++
    const key = frame.keys ? frame.keys[i] : i
    const value = frame.keys ? (frame.value as Record<string, unknown>)[frame.keys[i]] : (frame.value as unknown[])[i]
    path.push(key)
    if (hit(key, value)) {
      matches.push(path.slice())
      if (matches.length >= maxMatches) return { matches, truncated: true }
    }
    if (isContainer(value)) stack.push(frameOf(value))
    else path.pop()
    if (--budget === 0) {
      budget = 256
      yield
    }
  }
  return { matches, truncated: false }
}
