/** A problem in a filter, located in its text. `suggestion` may replace [position, position + length). */
export interface AccountFilterError {
  message: string
  /** Zero-based offset of the problem; messages for people say `position + 1`. */
  position: number
  length: number
  suggestion?: string
}

/**
 * 'kibo': exactly what Kibo's `filter` parameter takes (eq ne gt ge lt le sw cont in, and, or,
 * parentheses). 'offline': that, plus the aliases and extras files have always taken
 * (= != > >= < <=, contains startswith endswith, not, exists, bare boolean fields).
 */
export type FilterDialect = 'kibo' | 'offline'

export type AccountFilterResult =
  | {
      ok: true
      /** True when the account matches. Blank filter text matches every account. */
      test: (account: unknown) => boolean
      /** Every field path the filter reads (as the schema spells it), once each, in order of appearance. */
      paths: string[][]
    }
  | { ok: false; error: AccountFilterError }
