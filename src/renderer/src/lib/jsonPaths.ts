// Paths into a parsed JSON document: printing one for people, turning one into a Kibo
// responseFields expression, and reading the value one points at.

import { responseFieldsForPath as fieldsForNames } from '../../../shared/responseFields'

export type JsonPath = (string | number)[]

/** Objects and arrays: the values a path can go into. */
export function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** `customerAccount.contacts[0].address.cityOrTown`; odd keys quoted: `a["b c"]`. */
export function pathToString(path: JsonPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`
    else out += `[${JSON.stringify(seg)}]`
  }
  return out
}

/** The responseFields expression selecting this path; arrays are transparent so indexes drop out. */
export function responseFieldsForPath(path: JsonPath): string {
  return fieldsForNames(path.filter((seg): seg is string => typeof seg === 'string'))
}

/** The value at a path, or undefined when the path does not exist. */
export function valueAtPath(root: unknown, path: JsonPath): unknown {
  let node: unknown = root
  for (const seg of path) {
    if (!isContainer(node)) return undefined
    if (Array.isArray(node)) {
      if (typeof seg !== 'number') return undefined
      node = node[seg]
    } else {
      if (typeof seg !== 'string' || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined
      node = (node as Record<string, unknown>)[seg]
    }
  }
  return node
}
