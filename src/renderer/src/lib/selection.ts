// How a responseFields expression (always written against the ticket, as the builder shows it)
// applies to what is on screen: the part under customerAccount for an account, and the
// intersection when the server already filtered and the view narrows further.
import { parseResponseFields, type FieldNode } from '../../../shared/responseFields'

/** null: everything selected (no filter). */
export type Selection = FieldNode[] | null

export function parseSelection(text: string | null | undefined): Selection {
  if (!text || !text.trim()) return null
  const parsed = parseResponseFields(text)
  if (!parsed.ok || parsed.fields.length === 0) return null
  return parsed.fields
}

const ticketOnly = new Set(['accessToken', 'accessTokenExpiration', 'refreshToken', 'refreshTokenExpiration', 'userId', 'jwtAccessToken'])

/**
 * The account's part of a selection. Written against the ticket (`customerAccount(…)`, as sent
 * to impersonatecart) it is what is inside customerAccount; written against the account itself
 * (`emailAddress,contacts(email)`, natural for a file) it is the selection as it is.
 */
export function accountPart(selection: Selection): Selection {
  if (selection === null) return null
  const node = selection.find((n) => n.name === 'customerAccount')
  if (node) return node.children
  return selection.some((n) => !ticketOnly.has(n.name)) ? selection : []
}

/** Fields selected by both; null stands for "everything". */
export function intersect(a: Selection, b: Selection): Selection {
  if (a === null) return b
  if (b === null) return a
  const result: FieldNode[] = []
  for (const left of a) {
    const right = b.find((n) => n.name === left.name)
    if (!right) continue
    const children = intersect(left.children, right.children)
    result.push({ ...left, children })
  }
  return result
}
