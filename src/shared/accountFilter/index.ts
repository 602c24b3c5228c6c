// A small language for filtering opened accounts offline, e.g.
//   commerceSummary.orderCount > 5 and segments.code = "VIP"
//   (isActive = true or taxExempt = true) and lastName startswith "Sm"
// Paths are dotted field names of CustomerAccount; arrays are transparent with "any element"
// semantics; text compares ignoring case for = != in contains startswith endswith; dates are
// ISO text and order as text. `a != b` is `not (a = b)`, so it holds when no element equals b.

import { customerAccountFields, type FieldSpec } from '../kiboFields'
import { FilterCompiler } from './compile'
import { FilterSyntaxError } from './lexer'
import { parseAccountFilter } from './parser'
import type { AccountFilterResult } from './types'

export type { AccountFilterError, AccountFilterResult } from './types'

const matchAll = (): boolean => true

/**
 * Compiles filter text once; `test` is then cheap per account. Field paths are checked against
 * `root` (CustomerAccount's fields unless given), with a suggestion for unknown names.
 */
export function compileAccountFilter(text: string, root: readonly FieldSpec[] = customerAccountFields): AccountFilterResult {
  try {
    const expression = parseAccountFilter(text)
    if (expression === null) return { ok: true, test: matchAll, paths: [] }
    const compiler = new FilterCompiler(root)
    const test = compiler.compile(expression)
    return { ok: true, test, paths: [...compiler.paths.values()] }
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, error: e.error }
    throw e
  }
}
