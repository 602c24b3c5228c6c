/** A problem in a filter, located in its text. `suggestion` may replace [position, position + length). */
export interface AccountFilterError {
  message: string
  position: number
  length: number
  suggestion?: string
}

export type AccountFilterResult =
  | {
      ok: true
      /** True when the account matches. Blank filter text matches every account. */
      test: (account: unknown) => boolean
      /** Every field path the filter reads, once each, in order of appearance. */
      paths: string[][]
    }
  | { ok: false; error: AccountFilterError }
