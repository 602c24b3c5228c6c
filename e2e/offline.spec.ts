// Offline review: open exports (ours and hand-made), browse, sort, search, filter, inspect,
// compare two snapshots, survive a broken file, and export then reopen.
import type { Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateAccounts } from '../src/main/emulator/generate'
import { test, expect, screenshot, startHost } from './fixtures'
import { expectAccessible } from './helpers'

let dir: string
const { accounts } = generateAccounts({ seed: 3, count: 300 })

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-offline-'))
  writeFileSync(join(dir, 'before.jsonl'), accounts.map((a) => JSON.stringify(a)).join('\n') + '\n')
  const changed = structuredClone(accounts)
  changed[0].firstName = 'Renamed'
  changed[0].isLocked = true
  writeFileSync(join(dir, 'after.json'), JSON.stringify(changed))
  writeFileSync(join(dir, 'broken.json'), JSON.stringify(accounts.slice(0, 20)).slice(0, 5000))
  // Accounts with fields of the wrong type open, with a list of what is wrong where.
  const wrong: unknown[] = structuredClone(accounts.slice(0, 40))
  wrong[3] = { ...accounts[3], id: 'not-a-number', contacts: 'nope' }
  wrong[17] = { ...accounts[17], isActive: 'yes', segments: {} }
  writeFileSync(join(dir, 'wrong-types.json'), JSON.stringify(wrong))
})

test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The browser host's way in: a typed path, which main checks and grants (see files.grantTypedPath). */
async function openFile(page: Page, name: string, folder = dir) {
  await page.getByLabel('File path').fill(join(folder, name))
  await page.getByRole('button', { name: 'Open', exact: true }).click()
}

test('open a file, then sort, search, filter and inspect its accounts', async ({ app }) => {
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await openFile(app, 'before.jsonl')
  const grid = app.getByRole('grid')
  await expect(app.getByText(/300 accounts|300 of 300/)).toBeVisible()

  await grid.getByRole('columnheader', { name: /^ID/ }).getByRole('button').click()
  await grid.getByRole('columnheader', { name: /^ID/ }).getByRole('button').click()
  await expect(grid.getByRole('row').nth(1)).toContainText(String(accounts[accounts.length - 1].id))

  const someone = accounts[42]
  await app.getByLabel('Search', { exact: true }).fill(someone.emailAddress!)
  await expect(grid.getByRole('row').nth(1)).toContainText(String(someone.id))
  await app.getByLabel('Search', { exact: true }).fill('')

  const expected = accounts.filter((a) => (a.commerceSummary?.orderCount ?? 0) > 5).length
  await app.getByLabel('Filter', { exact: true }).fill('commerceSummary.orderCount > 5')
  await expect(app.getByText(new RegExp(`${expected.toLocaleString('en-US')} of 300`))).toBeVisible()
  await app.getByLabel('Filter', { exact: true }).fill('commerceSummary.ordrCount > 5')
  await expect(app.getByRole('button', { name: /Use “/ })).toBeVisible()
  await app.getByLabel('Filter', { exact: true }).fill('')

  await grid.getByRole('row').nth(1).click()
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await expect(inspector).toContainText('From a file')
  // The same projection, offline: written against the account, as Kibo would answer it.
  const value = (label: string) => inspector.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]')
  await expect(value('First name')).not.toHaveText('not requested')
  await app.getByLabel(/^responseFields for the account shown/).fill('emailAddress,contacts(email)')
  await expect(value('First name')).toHaveText('not requested')
  await expect(inspector).toContainText('filtered on screen')
  await app.getByLabel(/^responseFields for the account shown/).fill('')
  await screenshot(app, 'dataset-browser')
  await expectAccessible(app, 'dataset browser')
})

test('a broken file gets a clear message and what was open stays open', async ({ app }) => {
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await openFile(app, 'before.jsonl')
  await expect(app.getByText(/300 accounts|300 of 300/)).toBeVisible()
  await openFile(app, 'broken.json')
  const banner = app.getByTestId('error-banner')
  await expect(banner).toBeVisible()
  await expect(banner).toContainText(/broken\.json/)
  await expect(banner).toContainText(/line|byte|offset/i)
  await expect(app.getByText(/300 accounts|300 of 300/)).toBeVisible()
  await screenshot(app, 'broken-file')
})

test('a file whose accounts have wrong-typed fields opens with a problems list that jumps to each', async ({ app }) => {
  test.setTimeout(120_000) // the accessibility scan alone can take most of a minute on a busy machine
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await openFile(app, 'wrong-types.json')
  await expect(app.getByText(/40 accounts|40 of 40/)).toBeVisible()
  const problems = app.getByRole('region', { name: /^Problems in wrong-types\.json: 2 accounts have fields of the wrong type/ })
  await expect(problems).toBeVisible()
  await expect(problems.getByRole('listitem')).toHaveCount(2)
  await expect(problems.getByRole('listitem').first()).toContainText(
    'Row 4 · no usable id id: expected a whole number, found text; contacts: expected a list, found text',
  )
  await expect(problems.getByRole('listitem').nth(1)).toContainText(
    `Row 18 · id ${accounts[17].id} segments: expected a list, found an object; isActive: expected true/false, found text`,
  )
  await screenshot(app, 'dataset-problems')
  await expectAccessible(app, 'dataset problems list')

  await problems.getByRole('button', { name: `Row 18 · id ${accounts[17].id}` }).click()
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await expect(inspector).toContainText('From a file')
  await expect(inspector).toContainText(`Account ${accounts[17].id} · wrong-types.json row 18`)
  await problems.getByRole('button', { name: 'Row 4 · no usable id' }).click()
  await expect(inspector).toContainText('An account with no usable id · wrong-types.json row 4')
  await screenshot(app, 'dataset-problem-opened')
})

test('compare two snapshots of one account', async ({ app }) => {
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await openFile(app, 'before.jsonl')
  await expect(app.getByText(/300 accounts|300 of 300/)).toBeVisible()
  await openFile(app, 'after.json')
  await expect(app.getByLabel('Open files')).toContainText('after.json')

  await app.getByRole('button', { name: 'Compare', exact: true }).click()
  const left = app.getByRole('group', { name: 'Left (before)' })
  const right = app.getByRole('group', { name: 'Right (after)' })
  await left.getByRole('radio', { name: 'Account in an open file' }).check()
  await right.getByRole('radio', { name: 'Account in an open file' }).check()
  await left.getByLabel('File', { exact: true }).selectOption({ label: 'before.jsonl (300)' })
  await left.getByLabel('ID', { exact: true }).fill(String(accounts[0].id))
  await right.getByLabel('File', { exact: true }).selectOption({ label: 'after.json (300)' })
  await right.getByLabel('ID', { exact: true }).fill(String(accounts[0].id))
  await app.getByRole('button', { name: 'Compare', exact: true }).last().click()
  await expect(app.getByText('firstName').first()).toBeVisible()
  await expect(app.getByText('Renamed').first()).toBeVisible()
  await expect(app.getByText('isLocked').first()).toBeVisible()
  await screenshot(app, 'compare')
  await expectAccessible(app, 'compare view')
})

test('export every account of the demo tenant, redacted, then open the export offline', async ({ app, host }) => {
  await app.getByRole('button', { name: 'Search accounts' }).click()
  await app.getByRole('button', { name: 'Export…' }).click()
  const dialog = app.getByRole('dialog')
  await dialog.getByRole('radio', { name: /^Every account of the tenant/ }).check()
  await dialog.getByRole('radio', { name: /JSON Lines/ }).check()
  await dialog.getByLabel(/Mask personal data/).check()
  await dialog.getByLabel(/^Save as/).fill('demo-export.jsonl')
  await expectAccessible(app, 'export dialog')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog).toContainText(/Exported 500 accounts/)
  await expect(dialog).toContainText(join(host.exportDir, 'demo-export.jsonl'))
  await expect(dialog).toContainText('Personal data: masked')
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()

  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await openFile(app, 'demo-export.jsonl', host.exportDir)
  await expect(app.getByText(/500 accounts|500 of 500/)).toBeVisible()
  // Redacted: the demo's first customer's real email is nowhere to be found.
  await app.getByLabel('Search', { exact: true }).fill('oliver.novak@example.com')
  await expect(app.getByText(/0 of 500/)).toBeVisible()
})

test('a file named on the command line opens when the app starts', async ({ page }) => {
  const host = await startHost([join(dir, 'before.jsonl')])
  try {
    await page.goto(host.url)
    await expect(page.getByText(/300 accounts|300 of 300/)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Files', exact: true })).toHaveAttribute('aria-pressed', 'true')
  } finally {
    await host.stop()
  }
})
