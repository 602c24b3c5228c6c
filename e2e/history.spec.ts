// Impersonation history per profile: recent subjects, reopen one, compare the account now with
// how it was then; kept across a reload, never holding a token.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, screenshot, test } from './fixtures'
import { expectAccessible, fillTarget, impersonate, reloadApp } from './helpers'

test('recent impersonations: listed newest first, reopened, compared now with then', async ({ app, host }) => {
  await fillTarget(app, { accountId: '1001' })
  await impersonate(app)
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await expect(inspector).toContainText('#1001')
  await fillTarget(app, { accountId: '1002' })
  await impersonate(app)
  await expect(inspector).toContainText('#1002')

  await app.getByRole('button', { name: 'History', exact: true }).click()
  const history = app.getByRole('region', { name: 'Recent impersonations' })
  const entries = history.getByTestId('history-entry')
  await expect(entries).toHaveCount(2)
  await expect(entries.nth(0)).toContainText('by account id 1002')
  await expect(entries.nth(1)).toContainText('by account id 1001')

  // Reopen: impersonates that customer again.
  await entries
    .nth(1)
    .getByRole('button', { name: /^Reopen / })
    .click()
  await expect(inspector).toContainText('#1001')
  await expect(entries).toHaveCount(3)

  // Now against then: the emulator's account has not changed.
  await entries
    .nth(2)
    .getByRole('button', { name: /now with then$/ })
    .click()
  await expect(history.getByText('Nothing changed since then.')).toBeVisible()
  await screenshot(app, 'history')
  await expectAccessible(app, 'history')

  // Kept in the settings folder, without a token, across a reload.
  const file = readFileSync(join(host.userDataDir, 'impersonation-history.json'), 'utf8')
  expect(file).not.toMatch(/accessToken|refreshToken/)
  await reloadApp(app)
  await app.getByRole('button', { name: 'History', exact: true }).click()
  await expect(app.getByRole('region', { name: 'Recent impersonations' }).getByTestId('history-entry')).toHaveCount(3)
  await app.getByRole('button', { name: 'Clear history' }).click()
  await expect(app.getByText(/No impersonations with “Demo tenant” yet/)).toBeVisible()
})
