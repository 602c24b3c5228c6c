/** One selected field. `children` is null for a bare name (the whole subtree). */
export interface FieldNode {
  name: string
  children: FieldNode[] | null
  /** Offset of the name's first character in the source text. */
  start: number
  /** Offset just past the node: after its name, or after its closing ')'. */
  end: number
}

/**
 * Something wrong with a responseFields expression, located in its text. `suggestion`, when
 * present, is text that could replace the span [position, position + length).
 */
export interface ResponseFieldsProblem {
  message: string
  position: number
  length: number
  suggestion?: string
}

export type ParseResponseFieldsResult = { ok: true; fields: FieldNode[] } | { ok: false; error: ResponseFieldsProblem }
