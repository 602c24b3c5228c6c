// A shopper view reads as the shopper, with the customer ticket an impersonation holds. Before any
// request: a live account with no ticket for it (opened from a search, say) needs an
// impersonation first. After one: Kibo refusing the ticket (expired, revoked) needs a new one.
// A bundle holds what was read then and needs no ticket at all.
import type { SectionSource } from '../../../../shared/customer360'
import type { AppError } from '../../../../shared/errors'
import type { ImpersonationTarget } from '../../../../shared/profile'

export type ShopperAccess =
  /** Read the section (or show it from the bundle). */
  | { state: 'ready' }
  /** Nothing to read from: a plain file's account (no bundle), or an answer with no account id. */
  | { state: 'no-source' }
  /** Live, and no ticket for this customer: offer to impersonate them. */
  | { state: 'needs-impersonation'; accountId: number }
  /** Kibo refused the ticket: offer to impersonate again, then read again. */
  | { state: 'ticket-refused'; accountId: number; message: string }

export function shopperAccess(
  source: SectionSource | null,
  hasTicket: boolean,
  error: Pick<AppError, 'kind' | 'message' | 'where'> | null,
): ShopperAccess {
  if (source === null) return { state: 'no-source' }
  if (source.kind === 'bundle') return { state: 'ready' }
  if (error?.kind === 'auth-expired') return { state: 'ticket-refused', accountId: source.accountId, message: error.message }
  // Main found no ticket for this account (it was dropped, or the profile was pointed elsewhere).
  if (!hasTicket || error?.where === 'ticket') return { state: 'needs-impersonation', accountId: source.accountId }
  return { state: 'ready' }
}

export interface LastImpersonation {
  profileId: string
  target: ImpersonationTarget
  responseFields: string
}

/**
 * What "Impersonate again" sends: the impersonation that gave this customer's ticket, as it was
 * (so a cart named by id is that cart again), or else the account by id.
 */
export function impersonateAgainTarget(
  last: LastImpersonation | null,
  profileId: string,
  accountId: number,
  ticketAccountId: number | null,
): { target: ImpersonationTarget; responseFields: string } {
  if (last && last.profileId === profileId && (last.target.accountId === accountId || ticketAccountId === accountId)) {
    return { target: last.target, responseFields: last.responseFields }
  }
  return { target: { accountId }, responseFields: last?.profileId === profileId ? last.responseFields : '' }
}
