// One filter language for Kibo's `filter` parameter and for filtering opened accounts offline:
//   commerceSummary.orderCount gt 5 and segments.code eq 'VIP'
//   (isActive eq true or taxExempt eq true) and lastName sw 'Sm'
//   contacts.address.countryCode in ('US', 'CA')
// Paths are dotted field names of CustomerAccount, matched ignoring case as Kibo matches them;
// arrays are transparent with "any element" semantics; text compares ignoring case; dates
// compare as instants. `a ne b` holds when no element equals b. Files also take the older
// spellings (=, >, contains, startswith, ...) and a few extras (not, exists, endswith, bare
// boolean fields); the 'kibo' dialect refuses those, with the Kibo spelling as a suggestion.

import { customerAccountFields, type FieldSpec } from '../kiboFields'
import { FilterCompiler } from './compile'
import { FilterSyntaxError } from './lexer'
import { parseAccountFilter } from './parser'
import type { AccountFilterResult, FilterDialect } from './types'

export type { AccountFilterError, AccountFilterResult, FilterDialect } from './types'
export { isoInstant } from './compile'

const matchAll = (): boolean => true

export interface AccountFilterOptions {
  /** The fields to check paths against: CustomerAccount's unless given. */
  root?: readonly FieldSpec[]
  /** 'offline' (the default) or 'kibo'. */
  dialect?: FilterDialect
}

/**
 * Compiles filter text once; `test` is then cheap per account. Field paths are checked against
 * the field tree, with a suggestion for unknown names.
 */
export function compileAccountFilter(text: string, options: AccountFilterOptions | readonly FieldSpec[] = {}): AccountFilterResult {
  const { root = customerAccountFields, dialect = 'offline' } = Array.isArray(options)
    ? { root: options as readonly FieldSpec[] }
    : (options as AccountFilterOptions)
  try {
    const expression = parseAccountFilter(text, dialect)
    if (expression === null) return { ok: true, test: matchAll, paths: [] }
    const compiler = new FilterCompiler(root)
    const test = compiler.compile(expression)
    return { ok: true, test, paths: [...compiler.paths.values()] }
  } catch (e) {
    if (e instanceof FilterSyntaxError) return { ok: false, error: e.error }
    throw e
  }
}

/** The error as one line for a person: what is wrong and where (1-based). */
export function describeFilterError(error: { message: string; position: number }): string {
  return `${error.message} (at character ${error.position + 1})`
}
