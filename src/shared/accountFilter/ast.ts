// The parsed shape of a filter, before it is checked against the field tree and compiled.

export interface FieldPath {
  names: string[]
  /** Offset of each name in the source text. */
  positions: number[]
  position: number
  length: number
}

export interface Literal {
  value: string | number | boolean | null
  position: number
  length: number
}

export type CompareOperator = '=' | '!=' | '>' | '<' | '>=' | '<='
export type TextOperator = 'contains' | 'startswith' | 'endswith'

export type FilterExpression =
  | { kind: 'and' | 'or'; left: FilterExpression; right: FilterExpression }
  | { kind: 'not'; operand: FilterExpression }
  | { kind: 'compare'; path: FieldPath; operator: CompareOperator; operatorPosition: number; literal: Literal }
  | { kind: 'text'; path: FieldPath; operator: TextOperator; negated: boolean; literal: Literal }
  | { kind: 'in'; path: FieldPath; negated: boolean; literals: Literal[] }
  | { kind: 'exists'; path: FieldPath; negated: boolean }
  /** A bare boolean field: `isLocked`. */
  | { kind: 'flag'; path: FieldPath }
