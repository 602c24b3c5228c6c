// An account id Kibo answers with that the app cannot rely on is reported as Kibo's, when it
// arrives: it is never held, so a later refresh cannot blame the person for it.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Profile } from '../../shared/profile'
import { Inspector } from './inspector'
import { json, startStub, withAppAuth, type Stub } from '../../../test/stubKibo'
import { appErrorOf } from '../../../test/failures'

let stub: Stub
beforeAll(async () => {
  stub = await startStub(
    withAppAuth((req, res) =>
      json(res, 200, {
        accessToken: 'customer-access-7e6d5c4b3a29181716151413',
        refreshToken: 'customer-refresh-0a1b2c3d4e5f60718293a4b5',
        customerAccount: { id: -5 },
      }),
    ),
  )
})
afterAll(() => stub.close())

it('a negative account id from Kibo names the field, and a refresh afterwards does not ask for an account id', async () => {
  const profile: Profile = {
    id: 'odd',
    name: 'Odd Kibo',
    color: '#3b6fb6',
    environment: { kind: 'custom', tenant: 1, site: 2, baseUrl: stub.url },
    clientId: 'Odd.App',
    target: {},
    responseFields: '',
    production: false,
  }
  const inspector = new Inspector({ getProfile: () => profile, getSecret: async () => 'odd-secret', demoUrl: async () => stub.url })
  const signal = new AbortController().signal
  const impersonated = await appErrorOf(inspector.impersonate('odd', { target: { cartId: 'c-1' } }, signal))
  expect(impersonated.message).toContain('Kibo answered with account id -5 for customerAccount.id; expected a positive whole number')
  expect(inspector.ticketView('odd')).toBeNull()
  const refreshed = await appErrorOf(inspector.refreshTicket('odd', signal))
  expect(refreshed.message).not.toContain('Enter an account id')
  expect(refreshed.hint).not.toContain('Enter an account id')
  expect(stub.to('/commerce/customer/authtickets/refresh')).toHaveLength(0)
})
