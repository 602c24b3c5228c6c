// What a view is about — one subject: the profile, the customer, where the data came from (live or
// which file) and when it was read — and the rules that keep every view on that one subject: a
// ticket belongs to the customer it impersonates, an error to the context that produced it.
import type { CallName, TicketView } from '../../../shared/contract'
import { checkResponseFields, parseResponseFields, printResponseFields, type ResponseFieldsProblem } from '../../../shared/responseFields'
import { customerAccountFields, customerAuthTicketFields, type FieldSpec } from '../../../shared/kiboFields'

export interface SubjectLike {
  source: 'impersonation' | 'account' | 'file'
  profileId: string | null
  account: { id?: number } | null
}

/**
 * The ticket to show for what is on screen, or null when there is none for this customer: a ticket
 * held for account 1001 is never shown beside account 1005, and a file has no ticket at all.
 */
export function ticketFor(shown: SubjectLike | null, ticket: TicketView | null): TicketView | null {
  if (!shown || !ticket || shown.source === 'file') return null
  const id = shown.account?.id
  const ticketAccount = ticket.accountId ?? null
  // Without both ids only the impersonation that produced the ticket can claim it.
  if (ticketAccount === null || id === undefined) return shown.source === 'impersonation' ? ticket : null
  return ticketAccount === id ? ticket : null
}

/** Where an error belongs: the profile whose request failed, the open files, or the app itself. */
export type ErrorScope = `profile:${string}` | 'files' | 'app'

export function errorScopeOf(name: CallName, activeProfileId: string | null): ErrorScope {
  if (name.startsWith('datasets.') || name.startsWith('compare.')) return 'files'
  if ((name.startsWith('kibo.') || name.startsWith('profiles.') || name.startsWith('exports.')) && activeProfileId) {
    return `profile:${activeProfileId}`
  }
  return 'app'
}

/** Calls whose success means the thing that failed before now works, so its error goes away. */
const producing: ReadonlySet<CallName> = new Set<CallName>([
  'kibo.impersonate',
  'kibo.getAccount',
  'kibo.searchAccounts',
  'kibo.refreshTicket',
  'datasets.open',
])

export function successClears(name: CallName): boolean {
  return producing.has(name)
}

/** Whether an error of `scope` still belongs on screen once `activeProfileId` is the active profile. */
export function errorBelongs(scope: ErrorScope, activeProfileId: string | null): boolean {
  return !scope.startsWith('profile:') || scope === `profile:${activeProfileId}`
}

/**
 * What the app sends as impersonatecart's responseFields for an expression written against the
 * customer account: the person's fields inside customerAccount(...), plus what the app needs
 * itself (the account id, the tokens and their expiries, the user). Empty stays empty: Kibo then
 * answers with everything. An expression written the old way, against the ticket, passes as is.
 */
export function ticketRequestFields(accountExpression: string): string {
  const text = accountExpression.trim()
  if (!text) return ''
  const parsed = parseResponseFields(text)
  if (!parsed.ok) return text // never sent: the form refuses an invalid expression
  if (parsed.fields.some((f) => f.name === 'customerAccount')) return text
  const needs = parseResponseFields('customerAccount(id),accessToken,accessTokenExpiration,refreshToken,refreshTokenExpiration,userId')
  if (!needs.ok) return text
  const account = needs.fields[0]
  return printResponseFields([{ ...account, children: [...(account.children ?? []), ...parsed.fields] }, ...needs.fields.slice(1)])
}

/**
 * The schema an impersonate form's expression is checked against: the account, except for an
 * expression saved the old way, against the ticket (`customerAccount(...)` at the top).
 */
export function fieldsFor(expression: string): FieldSpec[] {
  const parsed = parseResponseFields(expression)
  return parsed.ok && parsed.fields.some((f) => f.name === 'customerAccount') ? customerAuthTicketFields : customerAccountFields
}

/** The first problem of an account expression, or null when it can be sent (empty means all fields). */
export function accountFieldsProblem(expression: string): ResponseFieldsProblem | null {
  if (!expression.trim()) return null
  return checkResponseFields(expression, fieldsFor(expression)).problems[0] ?? null
}

/** "14:02:07" for today, a date otherwise: when the data on screen was read. */
export function formatReadAt(readAt: number, now: number): string {
  const read = new Date(readAt)
  const sameDay = new Date(now).toDateString() === read.toDateString()
  const time = read.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  return sameDay ? time : `${read.toLocaleDateString('en-CA')} ${time}`
}
