// "Test connection" in the profile editor: an application token and a one-row read with the
// editor's values as they are, saved or not; Kibo's answer, or the problem in plain words.
import { expect, screenshot, test } from './fixtures'
import { expectAccessible } from './helpers'

test('Test connection shows what Kibo answered, and a wrong secret in plain words', async ({ app }) => {
  await app.getByRole('button', { name: 'Actions for Demo tenant' }).click()
  await app.getByRole('menuitem', { name: 'Edit…' }).click()
  const editor = app.getByRole('dialog')
  await editor.getByRole('button', { name: 'Test connection' }).click()
  const outcome = editor.getByRole('status').filter({ hasText: /connected/i })
  await expect(outcome).toContainText('Connected.')
  await expect(outcome).toContainText(/Kibo answered HTTP 200 in \d+ ms/)
  await expect(outcome).toContainText('tenant 100001')
  await expect(outcome).toContainText('Correlation id')
  await screenshot(app, 'test-connection')
  await expectAccessible(app, 'test connection')

  // A secret typed but not saved is what gets tested.
  await editor.getByLabel('Client secret').fill('not-the-secret')
  await editor.getByRole('button', { name: 'Test connection' }).click()
  await expect(outcome).toContainText('Not connected.')
  await expect(outcome).not.toContainText('not-the-secret')
})
