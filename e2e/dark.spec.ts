// Light and dark follow the OS: the same views, in dark, stay legible (axe checks contrast).
import { test, expect, screenshot } from './fixtures'
import { expectAccessible, impersonate, tab } from './helpers'

test.use({ colorScheme: 'dark' })

test('every inspector view in dark mode', async ({ app }) => {
  // Four views and six axe scans on a shared two-core machine.
  test.setTimeout(180_000)
  await impersonate(app)
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('#1001')
  for (const name of ['Account', 'Audit', 'Raw JSON', 'Ticket'] as const) {
    await tab(app, name).click()
    await screenshot(app, `dark-${name.toLowerCase().replace(' ', '-')}`)
    await expectAccessible(app, `${name} view, dark`)
  }
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await expectAccessible(app, 'files, dark')
  await app.getByRole('button', { name: 'Compare', exact: true }).click()
  await expectAccessible(app, 'compare, dark')
  await screenshot(app, 'dark-compare')
})
