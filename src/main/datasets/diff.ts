// What differs between two versions of an account, field by field. Lists are matched by meaning,
// not position, where they can be: items with an `id` by id, attributes by fullyQualifiedName,
// so a reordered contacts list shows no change and an edited contact shows only its edited field.
import type { DiffChange } from '../../shared/contract'
import { withoutSecrets } from '../exports/secrets'
import { isPlainObject } from './accountShape'

type Json = Record<string, unknown>

const plainKey = /^[A-Za-z_$][\w$]*$/

function child(path: string, key: string): string {
  if (plainKey.test(key)) return path === '' ? key : `${path}.${key}`
  return `${path}[${JSON.stringify(key)}]`
}

/** The field that identifies every element of both lists, or null to match by position. */
function identity(before: unknown[], after: unknown[]): 'id' | 'fullyQualifiedName' | null {
  for (const field of ['id', 'fullyQualifiedName'] as const) {
    const seen = [new Set<unknown>(), new Set<unknown>()]
    const usable = [before, after].every((list, side) =>
      list.every((item) => {
        if (!isPlainObject(item)) return false
        const value = item[field]
        if ((typeof value !== 'number' && typeof value !== 'string') || seen[side].has(value)) return false
        seen[side].add(value)
        return true
      }),
    )
    if (usable && before.length + after.length > 0) return field
  }
  return null
}

function walk(before: unknown, after: unknown, path: string, out: DiffChange[]): void {
  if (Object.is(before, after)) return
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key)) out.push({ path: child(path, key), kind: 'removed', before: before[key] })
      else walk(before[key], after[key], child(path, key), out)
    }
    for (const key of Object.keys(after)) {
      if (!Object.hasOwn(before, key)) out.push({ path: child(path, key), kind: 'added', after: after[key] })
    }
    return
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const field = identity(before, after)
    if (field) {
      const keyOf = (item: unknown) => (item as Json)[field] as string | number
      const label = (key: string | number) => `${path}[${field}=${key}]`
      const afterByKey = new Map(after.map((item) => [keyOf(item), item]))
      const beforeKeys = new Set(before.map(keyOf))
      for (const item of before) {
        const key = keyOf(item)
        if (afterByKey.has(key)) walk(item, afterByKey.get(key), label(key), out)
        else out.push({ path: label(key), kind: 'removed', before: item })
      }
      for (const item of after) if (!beforeKeys.has(keyOf(item))) out.push({ path: label(keyOf(item)), kind: 'added', after: item })
      return
    }
    const shared = Math.min(before.length, after.length)
    for (let i = 0; i < shared; i++) walk(before[i], after[i], `${path}[${i}]`, out)
    for (let i = shared; i < before.length; i++) out.push({ path: `${path}[${i}]`, kind: 'removed', before: before[i] })
    for (let i = shared; i < after.length; i++) out.push({ path: `${path}[${i}]`, kind: 'added', after: after[i] })
    return
  }
  if (before === undefined) out.push({ path, kind: 'added', after })
  else if (after === undefined) out.push({ path, kind: 'removed', before })
  else out.push({ path, kind: 'changed', before, after })
}

/**
 * Structural differences from `before` to `after`, in field order. Paths read like
 * `emailAddress`, `contacts[id=12].address.cityOrTown`, `attributes[fullyQualifiedName=tenant~tier].values[0]`;
 * the root itself is ''. Secrets are dropped from both sides first: a diff goes to the screen.
 */
export function diffAccounts(before: unknown, after: unknown): DiffChange[] {
  const out: DiffChange[] = []
  walk(withoutSecrets(before), withoutSecrets(after), '', out)
  return out
}
