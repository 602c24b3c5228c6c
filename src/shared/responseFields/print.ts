import type { FieldNode } from './types'

/** Canonical text of a selection: no spaces, children in their given order. */
export function printResponseFields(fields: readonly FieldNode[]): string {
  let text = ''
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]
    if (i > 0) text += ','
    text += field.name
    if (field.children !== null) text += `(${printResponseFields(field.children)})`
  }
  return text
}
