import { describe, expect, it } from 'vitest'
import { loginBadges } from './loginState'

describe('loginBadges', () => {
  it('puts a locked account first, with since when', () => {
    const badges = loginBadges({
      isLocked: true,
      lastLockedOn: '2024-05-01T10:00:00Z',
      failedLoginAttemptCount: 5,
      remainingLoginAttempts: 0,
    })
    expect(badges[0]).toEqual({ tone: 'danger', text: 'Locked', since: '2024-05-01T10:00:00Z' })
    expect(badges.map((b) => [b.text, b.after])).toEqual([
      ['Locked', undefined],
      ['5 failed attempts', '; none left'],
    ])
  })
  it('warns of failed attempts and a required password change on an unlocked account', () => {
    const badges = loginBadges({
      isLocked: false,
      failedLoginAttemptCount: 1,
      remainingLoginAttempts: 4,
      firstFailedLoginAttemptOn: '2024-05-01T09:00:00Z',
      isPasswordChangeRequired: true,
    })
    expect(badges).toEqual([
      { tone: 'warn', text: '1 failed attempt', since: '2024-05-01T09:00:00Z', after: '; 4 left' },
      { tone: 'warn', text: 'Password change required' },
    ])
  })
  it('says plainly when nothing stands in the way, and nothing when Kibo did not say', () => {
    expect(loginBadges({ isLocked: false, failedLoginAttemptCount: 0 })).toEqual([{ tone: 'ok', text: 'Not locked' }])
    expect(loginBadges({})).toEqual([])
  })
  it('drops a lock date that is not a date', () => {
    expect(loginBadges({ isLocked: true, lastLockedOn: 'soon' })[0].since).toBeUndefined()
  })
})
