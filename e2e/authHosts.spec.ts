// The profile editor's Kibo environment: Kibo's documented auth hosts for the region and
// environment, what an empty auth URL means, and a Production mark that follows the environment
// until the person sets it.
import { test, expect, screenshot } from './fixtures'

test('auth host choices follow the region and environment; Production follows the environment until set', async ({ app }) => {
  await app.getByRole('button', { name: '+ New profile' }).click()
  const editor = app.getByRole('dialog')
  await editor.getByLabel('Kibo', { exact: true }).check()
  await editor.getByLabel('Tenant', { exact: true }).fill('12345')

  const authHost = editor.getByLabel('Auth host')
  await expect(authHost.locator('option')).toHaveText([
    'US home host, sandbox and production (home.mozu.com)',
    'Tenant host, sandbox (t12345.sandbox.mozu.com)',
  ])
  await expect(editor).toContainText('Empty: the auth host chosen above issues application tokens, https://home.mozu.com/api.')
  await editor.getByLabel('Region').selectOption('euw1')
  await editor.getByLabel('Env').selectOption('tp1')
  await authHost.selectOption('tenant')
  await expect(authHost.locator('option:checked')).toHaveText('Tenant host, production (t12345.tp1.euw1.kibocommerce.com)')
  await expect(editor).toContainText('https://t12345.tp1.euw1.kibocommerce.com/api.')
  await screenshot(app, 'profile-auth-host')

  const production = editor.getByRole('checkbox', { name: 'Production' })
  await expect(production).toBeChecked() // tp1: a live tenant
  await editor.getByLabel('Env').selectOption('sb')
  await expect(production).not.toBeChecked()
  await production.check() // the person's choice now stands
  await editor.getByLabel('Env').selectOption('tp1')
  await editor.getByLabel('Env').selectOption('sb')
  await expect(production).toBeChecked()
})
