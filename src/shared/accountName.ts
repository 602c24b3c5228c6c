// How an account is named to a person, in one place for main (the offline list, the impersonation
// history) and the renderer (the account view's title, search results, the session's labels).
import type { CustomerAccount } from './kibo'

type Named = Pick<CustomerAccount, 'id' | 'firstName' | 'lastName' | 'emailAddress' | 'userName' | 'companyOrOrganization' | 'contacts'>

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function joined(...parts: unknown[]): string {
  return parts.map(text).filter(Boolean).join(' ')
}

/** The name a person would call this account by: their name, else the company, else the first
 *  contact's name; '' when it has none. */
export function accountName(account: Named): string {
  const own = joined(account.firstName, account.lastName)
  if (own) return own
  const company = text(account.companyOrOrganization)
  if (company) return company
  const contact = Array.isArray(account.contacts) ? account.contacts[0] : undefined
  return contact && typeof contact === 'object' ? joined(contact.firstName, contact.lastNameOrSurname) : ''
}

/** The name, else the email address, else the user name: how the account signs in; '' when none. */
export function accountNameOrLogin(account: Named): string {
  return accountName(account) || text(account.emailAddress) || text(account.userName)
}

/** A title that is never empty: the name or login, else "Account <id>". */
export function accountTitle(account: Named): string {
  return accountNameOrLogin(account) || (typeof account.id === 'number' ? `Account ${account.id}` : 'Account')
}
