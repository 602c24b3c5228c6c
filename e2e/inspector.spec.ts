import { generateAccounts } from '../src/main/emulator/generate'
import { test, expect, screenshot } from './fixtures'
import { expectAccessible, fillTarget, impersonate, tab } from './helpers'

// The built-in demo tenant is seeded (seed 7, 500 accounts): the test can know its carts.
const demo = generateAccounts({ seed: 7, count: 500 })

test('impersonate by account id, then by cart id and by user id', async ({ app }) => {
  await fillTarget(app, { accountId: '1001' })
  await impersonate(app)
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await expect(inspector).toContainText('#1001')
  await screenshot(app, 'account-view')
  await expectAccessible(app, 'account view')

  const cart = demo.carts.find((c) => c.accountId !== 1001)!
  await fillTarget(app, { cartId: cart.cartId })
  await impersonate(app)
  await expect(inspector).toContainText(`#${cart.accountId}`)

  const account = demo.accounts.find((a) => a.id === 1002 && a.userId)!
  await fillTarget(app, { userId: account.userId! })
  await impersonate(app)
  await expect(inspector).toContainText(`#${account.id}`)
})

test('an unknown account is a clear error and keeps what was shown', async ({ app }) => {
  await impersonate(app)
  await fillTarget(app, { accountId: '999999' })
  await app.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true }).click()
  const banner = app.getByTestId('error-banner')
  await expect(banner).toContainText('kind: not-found')
  await expect(banner).toContainText('correlation id')
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('#1001')
  await screenshot(app, 'error-banner')
})

test('search accounts, page, and open one', async ({ app }) => {
  const someone = demo.accounts[10]
  await app.getByRole('button', { name: 'Search accounts' }).click()
  await app.getByLabel('Search (q)').fill(someone.lastName!)
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  const results = app.getByRole('table').first()
  await expect(results).toContainText(someone.emailAddress!)
  await app.getByRole('button', { name: `Open account ${someone.id}` }).click()
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('Account (live)')
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText(`#${someone.id}`)

  await app.getByLabel('Search (q)').fill('')
  await app.getByLabel('Filter (Kibo syntax)').fill('isActive eq true')
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(app.getByText(/showing 1–25/)).toBeVisible()
  await app.getByRole('button', { name: 'Next' }).click()
  await expect(app.getByText(/showing 26–50/)).toBeVisible()
  await screenshot(app, 'search')
  await expectAccessible(app, 'search results')
})

test('responseFields narrow the request and, identically, what is on screen', async ({ app }) => {
  const fields = app.getByLabel(/^responseFields/)
  // Written against the account, as on every form: the app wraps it for the ticket call.
  await fields.fill('id,firstName,contacts(email)')
  await impersonate(app)
  const inspector = app.getByRole('region', { name: 'Inspector' })
  // Asked for, so shown; not asked for, so marked as such rather than blank.
  const value = (label: string) => inspector.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]')
  await expect(value('Last name')).toHaveText('not requested')
  await expect(value('First name')).not.toHaveText('not requested')

  // Narrowing the expression narrows what is shown now, without a new request.
  await fields.fill('id')
  await expect(inspector).toContainText('filtered on screen')
  await expect(value('First name')).toHaveText('not requested')

  await tab(app, 'Raw JSON').click()
  await app.getByRole('button', { name: 'Expand', exact: true }).click()
  await expect(inspector.getByRole('treeitem', { name: /^id\b/ }).first()).toBeVisible()
  await expect(inspector.getByRole('treeitem', { name: /^firstName\b/ })).toHaveCount(0)
  await screenshot(app, 'filtered-raw')

  // A typo is caught as you type, with a one-click fix.
  await fields.fill('emailAdress')
  await app.getByRole('button', { name: /Use “emailAddress”/ }).click()
  await expect(fields).toHaveValue('emailAddress')
})

test('audit timeline sorts and filters', async ({ app }) => {
  await impersonate(app)
  await tab(app, 'Audit').click()
  const table = app.getByRole('region', { name: 'Inspector' }).getByRole('table')
  await expect(table).toBeVisible()
  // One timeline of Kibo's audit log and the auditInfo stamps: count once the log's page is in.
  await expect(table.locator('tbody tr[data-source="log"]').first()).toBeVisible()
  const before = await table.getByRole('row').count()
  expect(before).toBeGreaterThan(2)
  const sortable = table.getByRole('columnheader').first()
  const initial = await sortable.getAttribute('aria-sort')
  await sortable.getByRole('button').click()
  await expect(sortable).not.toHaveAttribute('aria-sort', initial ?? '')
  await app.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Created / updated stamps (auditInfo)' })
  await expect.poll(() => table.getByRole('row').count()).toBeLessThan(before)
  await expect(table.locator('tbody tr[data-source="log"]')).toHaveCount(0)
  await screenshot(app, 'audit-view')
  await expectAccessible(app, 'audit view')
})

test('raw JSON: search, move between matches, copy a path', async ({ app }) => {
  await impersonate(app)
  await tab(app, 'Raw JSON').click()
  await app.getByLabel('Search the JSON').fill('cityOrTown')
  await app.getByLabel('Search the JSON').press('Enter')
  await expect(app.getByText(/\d+ of \d+/)).toBeVisible()
  await app.getByRole('button', { name: 'Copy path' }).click()
  const copied = await app.evaluate(() => navigator.clipboard.readText())
  expect(copied).toMatch(/^customerAccount\.contacts\[\d+\]\.address\.cityOrTown$/)
  await app.getByRole('button', { name: 'Copy responseFields' }).click()
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('customerAccount(contacts(address(cityOrTown)))')
  await screenshot(app, 'raw-json-view')
  await expectAccessible(app, 'raw JSON view')
})

test('ticket: countdowns, decoded claims, refresh', async ({ app }) => {
  await impersonate(app)
  await tab(app, 'Ticket').click()
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await expect(inspector).toContainText(/expires in/)
  // Every ticket carries a fresh jti: a refresh that changed nothing would show the same one.
  const jti = inspector.getByRole('row', { name: /^jti\b/ })
  const before = await jti.textContent()
  expect(before).toMatch(/jti\s*[0-9a-f]{24}/)
  await inspector.getByRole('button', { name: 'Refresh ticket' }).click()
  await expect(app.getByText('Ticket refreshed.')).toBeVisible()
  await expect(jti).not.toHaveText(before!)
  expect(before).not.toContain('eyJ')
  expect(await inspector.textContent()).not.toContain('eyJ')
  await screenshot(app, 'ticket-view')
  await expectAccessible(app, 'ticket view')
})

test('the command palette switches profiles and runs actions from the keyboard', async ({ app }) => {
  await app.keyboard.press('Control+K')
  const palette = app.getByRole('combobox', { name: 'Type a command' })
  await expect(palette).toBeFocused()
  await palette.fill('impersonate')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('#1001')
  await app.keyboard.press('Control+K')
  await palette.fill('audit trail')
  await app.keyboard.press('Enter')
  await expect(tab(app, 'Audit')).toHaveAttribute('aria-selected', 'true')
  await app.keyboard.press('Control+K')
  await palette.fill('new profile')
  await screenshot(app, 'command-palette')
  await expectAccessible(app, 'command palette')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('dialog')).toBeVisible()
})

test('the field builder writes the expression from checkboxes and the inspector follows it', async ({ app }) => {
  await impersonate(app)
  await app.getByRole('button', { name: 'Fields…' }).click()
  const builder = app.getByRole('dialog', { name: 'responseFields' })
  await builder.getByLabel('Find a field').fill('emailAddress')
  await builder.getByRole('checkbox', { name: 'emailAddress' }).first().check()
  await expect(builder.getByLabel('Fields to request and show', { exact: true })).toHaveValue(/(^|,)emailAddress\b/)
  await screenshot(app, 'field-builder')
  await expectAccessible(app, 'field builder')
  await app.keyboard.press('Escape')
  await expect(builder).toBeHidden()
  await expect(app.getByLabel(/^responseFields/)).toHaveValue(/(^|,)emailAddress\b/)
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('filtered on screen')
})
