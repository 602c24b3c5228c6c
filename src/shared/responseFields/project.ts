// Applies a selection to a JSON value the way Kibo applies responseFields: the emulator uses it
// on responses, the dataset browser on up to 100k accounts, so it walks the value directly.

import { parseResponseFields } from './parse'
import type { FieldNode, ResponseFieldsProblem } from './types'

/** Selected names at one level: null means "the whole subtree". */
type Level = Map<string, Level | null>

export class ResponseFieldsSyntaxError extends Error {
  constructor(readonly problem: ResponseFieldsProblem) {
    super(`Invalid responseFields at character ${problem.position + 1}: ${problem.message}`)
    this.name = 'ResponseFieldsSyntaxError'
  }
}

function compileLevel(nodes: readonly FieldNode[]): Level {
  const level: Level = new Map()
  for (const node of nodes) {
    const seen = level.get(node.name)
    if (seen === null) continue // a bare name already keeps everything
    if (node.children === null) {
      level.set(node.name, null)
    } else if (seen === undefined) {
      level.set(node.name, compileLevel(node.children))
    } else {
      // Unmerged duplicates (hand-built nodes): union of both selections.
      const merged = compileLevel(node.children)
      for (const [name, sub] of merged) if (!seen.has(name) || sub === null) seen.set(name, sub)
    }
  }
  return level
}

function projectValue(value: unknown, level: Level): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length)
    for (let i = 0; i < value.length; i++) out[i] = projectValue(value[i], level)
    return out
  }
  if (value === null || typeof value !== 'object') return value
  const source = value as Record<string, unknown>
  const out: Record<string, unknown> = {}
  // Walk the value's own keys so the output keeps the source's key order, as Kibo's does.
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue
    const sub = level.get(key)
    if (sub === undefined) continue
    const kept = sub === null ? source[key] : projectValue(source[key], sub)
    if (key === '__proto__') Object.defineProperty(out, key, { value: kept, enumerable: true, writable: true, configurable: true })
    else out[key] = kept
  }
  return out
}

// Parsed text is cached (bounded) so projectFields(value, 'a,b') in a loop does not re-parse.
// Node arrays are compiled on every call: callers may change them between calls.
const compiledText = new Map<string, Level>()

function toNodes(selection: readonly FieldNode[] | string): readonly FieldNode[] {
  if (typeof selection !== 'string') return selection
  const parsed = parseResponseFields(selection)
  if (!parsed.ok) throw new ResponseFieldsSyntaxError(parsed.error)
  return parsed.fields
}

/**
 * A function applying `selection` to values; compile once for many values. Throws
 * ResponseFieldsSyntaxError when `selection` is text that does not parse.
 */
export function compileProjection(selection: readonly FieldNode[] | string): (value: unknown) => unknown {
  const nodes = toNodes(selection)
  if (nodes.length === 0) return (value) => value
  const level = compileLevel(nodes)
  return (value) => projectValue(value, level)
}

/**
 * Keeps only the selected fields of any JSON value. Empty selection: the value itself. Objects
 * keep selected keys that exist (absent stays absent); a bare name keeps the whole subtree;
 * arrays are transparent at every level; primitives and null come back as they are. The input is
 * never modified, but kept subtrees are shared with it, not copied: treat both as read-only.
 * Throws ResponseFieldsSyntaxError when `selection` is text that does not parse.
 */
export function projectFields(value: unknown, selection: readonly FieldNode[] | string): unknown {
  if (typeof selection !== 'string') return selection.length === 0 ? value : projectValue(value, compileLevel(selection))
  let level = compiledText.get(selection)
  if (!level) {
    const nodes = toNodes(selection)
    if (nodes.length === 0) return value
    level = compileLevel(nodes)
    if (compiledText.size >= 64) compiledText.clear()
    compiledText.set(selection, level)
  }
  return projectValue(value, level)
}
