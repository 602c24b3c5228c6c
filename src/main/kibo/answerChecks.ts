// What the app relies on in Kibo's answers, checked before anything is kept: ids are positive
// 32-bit whole numbers, the account answered is the account asked for, expiries are dates. A value
// that fails is reported as Kibo's (naming the field), so it never turns later into a complaint
// about something the person typed.
import { isPositiveInt32 } from '../../shared/int32'
import { redactSecrets } from './redact'

export const isKiboId = isPositiveInt32

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A value quoted for a person: short, and never a token. */
function quote(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value)
  if (typeof value === 'string') {
    const clipped = value.length > 40 ? `${value.slice(0, 39)}…` : value
    return `“${redactSecrets(clipped)}”`
  }
  return Array.isArray(value) ? 'a list' : 'an object'
}

/** One sentence and the field it is about; null when the answer holds up. */
export interface Unexpected {
  sentence: string
  where: string
}

function accountId(value: unknown, where: string, asked: number | undefined): Unexpected | null {
  if (value === undefined) return null
  if (!isKiboId(value))
    return { sentence: `Kibo answered with account id ${quote(value)} for ${where}; expected a positive whole number.`, where }
  if (asked !== undefined && value !== asked)
    return {
      sentence: `Kibo answered with account id ${value} for ${where}; expected ${asked}, the account asked for.`,
      where,
    }
  return null
}

function dateTime(value: unknown, where: string): Unexpected | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return null
  return { sentence: `Kibo answered with ${quote(value)} for ${where}; expected a date and time.`, where }
}

/** A customer ticket (impersonation or refresh). */
export function checkTicket(ticket: Record<string, unknown>, askedAccountId: number | undefined): Unexpected | null {
  const account = ticket.customerAccount
  if (account !== undefined && account !== null && !isObject(account))
    return { sentence: `Kibo answered with ${quote(account)} for customerAccount; expected an account.`, where: 'customerAccount' }
  return (
    (isObject(account) ? accountId(account.id, 'customerAccount.id', askedAccountId) : null) ??
    dateTime(ticket.accessTokenExpiration, 'accessTokenExpiration') ??
    dateTime(ticket.refreshTokenExpiration, 'refreshTokenExpiration')
  )
}

/** One account, read by its id. */
export function checkAccount(account: Record<string, unknown>, askedAccountId: number): Unexpected | null {
  return accountId(account.id, 'id', askedAccountId)
}

/** A page of accounts. */
export function checkAccountPage(page: { items?: unknown }): Unexpected | null {
  if (!Array.isArray(page.items)) return null
  for (const [index, item] of page.items.entries()) {
    if (!isObject(item))
      return { sentence: `Kibo answered with ${quote(item)} for items[${index}]; expected an account.`, where: `items[${index}]` }
    const problem = accountId(item.id, `items[${index}].id`, undefined)
    if (problem) return problem
  }
  return null
}
