// Why a customer cannot log in, in a sentence or two, from Kibo's LoginState.
import { parseDate } from '../../lib/format'

/** GET /commerce/customer/accounts/{accountId}/loginstate (LoginState). */
export interface LoginState {
  isPasswordChangeRequired?: boolean | null
  lastPasswordChangeOn?: string | null
  isLocked?: boolean | null
  lastLockedOn?: string | null
  failedLoginAttemptCount?: number | null
  remainingLoginAttempts?: number | null
  firstFailedLoginAttemptOn?: string | null
  lastLoginOn?: string | null
  createdOn?: string | null
  updatedOn?: string | null
}

export type Tone = 'danger' | 'warn' | 'ok' | 'neutral'
export interface LoginBadge {
  tone: Tone
  text: string
  /** An ISO date the badge speaks of ("Locked since …"), shown as a date after the text. */
  since?: string
  /** What follows the date ("; none left"). */
  after?: string
}

/** The badges that answer "why can't they log in", worst first; one "can log in" badge when nothing stands in the way. */
export function loginBadges(state: LoginState): LoginBadge[] {
  const out: LoginBadge[] = []
  const date = (value: string | null | undefined) => (parseDate(value) !== null ? (value as string) : undefined)
  if (state.isLocked === true) out.push({ tone: 'danger', text: 'Locked', since: date(state.lastLockedOn) })
  const left = state.remainingLoginAttempts
  const failed = state.failedLoginAttemptCount
  if (state.isLocked !== true && typeof left === 'number' && left <= 0) out.push({ tone: 'danger', text: 'No login attempts left' })
  if (typeof failed === 'number' && failed > 0) {
    const badge: LoginBadge = { tone: 'warn', text: `${failed} failed attempt${failed === 1 ? '' : 's'}` }
    const since = date(state.firstFailedLoginAttemptOn)
    if (since) badge.since = since
    if (typeof left === 'number') badge.after = left <= 0 ? '; none left' : `; ${left} left`
    out.push(badge)
  }
  if (state.isPasswordChangeRequired === true) out.push({ tone: 'warn', text: 'Password change required' })
  if (out.length === 0 && state.isLocked === false) out.push({ tone: 'ok', text: 'Not locked' })
  return out
}
