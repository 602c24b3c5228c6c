// The parsed shape of a filter, before it is checked against the field tree and compiled.
// Operators are stored under Kibo's names; the offline aliases (=, >, contains, ...) parse to them.

export interface FieldPath {
  names: string[]
  /** Offset of each name in the source text. */
  positions: number[]
  position: number
  length: number
}

export interface Literal {
  /** Quoted text is a string; unquoted, a number, true, false, null or a bare word (a string). */
  value: string | number | boolean | null
  /** True for 'quoted' or "quoted" text. */
  quoted: boolean
  /** The value as written, without quotes (for numbers, their digits: 007 stays 007 for a text field). */
  text: string
  position: number
  length: number
}

export type CompareOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'
/** sw (starts with), cont (contains), and the offline-only ew (ends with). */
export type TextOperator = 'sw' | 'cont' | 'ew'

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'compare'; path: FieldPath; operator: CompareOperator; operatorPosition: number; operatorLength: number; literal: Literal }
  | { kind: 'text'; path: FieldPath; operator: TextOperator; negated: boolean; literal: Literal }
  | { kind: 'in'; path: FieldPath; negated: boolean; literals: Literal[] }
  | { kind: 'exists'; path: FieldPath; negated: boolean }
  /** A bare boolean field: `isLocked`. */
  | { kind: 'flag'; path: FieldPath }
