// Checks a parsed selection against a field tree (kiboFields.ts): unknown names, with the nearest
// sibling as a suggestion, and selections inside fields that have nothing inside.

import type { FieldSpec } from '../kiboFields'
import { parseResponseFields } from './parse'
import { nearestName } from './suggest'
import type { FieldNode, ResponseFieldsProblem } from './types'

/** The spec at a path of names (arrays are transparent), or undefined. */
export function findFieldSpec(root: readonly FieldSpec[], path: readonly string[]): FieldSpec | undefined {
  let level: readonly FieldSpec[] | undefined = root
  let found: FieldSpec | undefined
  for (const name of path) {
    found = level?.find((spec) => spec.name === name)
    if (!found) return undefined
    level = found.children
  }
  return found
}

function where(parents: readonly string[]): string {
  return parents.length === 0 ? '' : ` in '${parents.join('.')}'`
}

function validateLevel(
  nodes: readonly FieldNode[],
  specs: readonly FieldSpec[],
  parents: string[],
  problems: ResponseFieldsProblem[],
): void {
  for (const node of nodes) {
    const spec = specs.find((candidate) => candidate.name === node.name)
    if (!spec) {
      const suggestion = nearestName(
        node.name,
        specs.map((candidate) => candidate.name),
      )
      const hint = suggestion === undefined ? '' : ` Did you mean '${suggestion}'?`
      const problem: ResponseFieldsProblem = {
        message: `Unknown field '${node.name}'${where(parents)}.${hint}`,
        position: node.start,
        length: node.name.length,
      }
      if (suggestion !== undefined) problem.suggestion = suggestion
      problems.push(problem)
      continue
    }
    if (node.children === null || spec.type === 'any') continue
    if (!spec.children || spec.children.length === 0) {
      problems.push({
        message: `'${node.name}' has no fields inside: remove the parentheses to keep it.`,
        position: node.start,
        length: node.end - node.start,
        suggestion: node.name,
      })
      continue
    }
    parents.push(node.name)
    validateLevel(node.children, spec.children, parents, problems)
    parents.pop()
  }
}

/** Problems with a selection against a field tree, in text order; [] when it fits. */
export function validateResponseFields(fields: readonly FieldNode[], root: readonly FieldSpec[]): ResponseFieldsProblem[] {
  const problems: ResponseFieldsProblem[] = []
  validateLevel(fields, root, [], problems)
  return problems.sort((a, b) => a.position - b.position)
}

export interface ResponseFieldsCheck {
  /** The parsed selection; [] when the text is blank or does not parse. */
  fields: FieldNode[]
  /** The syntax error alone when it does not parse, else the validation problems. */
  problems: ResponseFieldsProblem[]
  /** False when the text does not parse (problems[0] is the syntax error). */
  syntaxOk: boolean
}

/** Parse, then validate against `root`. Unknown fields are problems but leave `fields` usable. */
export function checkResponseFields(text: string, root: readonly FieldSpec[]): ResponseFieldsCheck {
  const parsed = parseResponseFields(text)
  if (!parsed.ok) return { fields: [], problems: [parsed.error], syntaxOk: false }
  return { fields: parsed.fields, problems: validateResponseFields(parsed.fields, root), syntaxOk: true }
}
