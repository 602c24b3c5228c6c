// A file indexed instead of held (Settings → Index files from): the list, search and sort come
// from the index, an account is read back from the file when shown, and a filter on fields outside
// the columns reads the file through with progress and a Cancel that keeps what was there.
import type { Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileAccountFilter } from '../src/shared/accountFilter'
import { generateAccounts } from '../src/main/emulator/generate'
import { test, expect, screenshot } from './fixtures'
import { expectAccessible } from './helpers'

let dir: string
// Large enough (about 150 MB) that reading it through for a filter takes a few seconds here.
const COUNT = 40_000
const { accounts } = generateAccounts({ seed: 5, count: COUNT })
const countText = (n: number) => `${n.toLocaleString('en-US')} of ${COUNT.toLocaleString('en-US')}`
/** How many accounts a filter keeps, by the app's own filter language. */
function matching(text: string): number {
  const compiled = compileAccountFilter(text)
  if (!compiled.ok) throw new Error(compiled.error.message)
  return accounts.filter((account) => compiled.test(account)).length
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-indexed-'))
  writeFileSync(join(dir, 'tenant.jsonl'), accounts.map((a) => JSON.stringify(a)).join('\n') + '\n')
})

test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function indexEveryFile(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByLabel('Index files from (MB)').fill('0')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/files from 0 MB on are indexed/)).toBeVisible()
}

test('an indexed file lists, shows accounts from disk, and a filter reading it through can be cancelled and read again', async ({
  app,
}) => {
  test.setTimeout(180_000)
  await indexEveryFile(app)
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await app.getByLabel('File path').fill(join(dir, 'tenant.jsonl'))
  await app.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(app.getByText(`${COUNT.toLocaleString('en-US')} accounts`)).toBeVisible({ timeout: 60_000 })

  // An account is read back from the file: the Raw JSON is the line, whole.
  const grid = app.getByRole('grid')
  const someone = accounts[31_337]
  await app.getByLabel('Search', { exact: true }).fill(someone.emailAddress!)
  // Generated names repeat: pick the row by its id.
  const row = grid.getByRole('row').filter({ has: app.getByRole('gridcell', { name: String(someone.id), exact: true }) })
  await expect(row).toHaveCount(1)
  await row.click()
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await inspector.getByRole('tab', { name: 'Raw JSON' }).click()
  await expect(inspector).toContainText(someone.emailAddress!)
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await app.getByLabel('Search', { exact: true }).fill('')
  await expect(app.getByText(`${COUNT.toLocaleString('en-US')} accounts`)).toBeVisible()

  // A filter on a field outside the columns: the file is read through, with progress and Cancel.
  const filter = 'notes.content contains "delivery"'
  await app.getByLabel('Filter', { exact: true }).fill(filter)
  const progress = app.getByTestId('progress').filter({ hasText: 'for the filter' })
  await expect(progress).toBeVisible({ timeout: 30_000 })
  await progress.getByRole('button', { name: /^Cancel/ }).click()
  const note = app.getByRole('status').filter({ hasText: 'for this filter was cancelled' })
  await expect(note).toBeVisible()
  await expect(progress).toBeHidden()
  await expectAccessible(app, 'a filter reading an indexed file, cancelled')
  await expect(note).toContainText('the list still shows the results from before it')
  // What was typed stays, and the list still has every account.
  await expect(app.getByLabel('Filter', { exact: true })).toHaveValue(filter)
  await expect(grid.getByRole('row')).not.toHaveCount(1)
  await screenshot(app, 'indexed-filter-cancelled')

  await note.getByRole('button', { name: 'Read again' }).click()
  await expect(progress).toBeVisible({ timeout: 30_000 })
  await screenshot(app, 'indexed-filter-progress')
  const expected = matching(filter)
  expect(expected).toBeGreaterThan(0)
  expect(expected).toBeLessThan(COUNT)
  await expect(app.getByText(countText(expected))).toBeVisible({ timeout: 60_000 })
  await expect(note).toBeHidden()
  await expect(progress).toBeHidden()
  // The fields the filter read are kept: a narrower filter on them answers without reading again.
  await app.getByLabel('Filter', { exact: true }).fill(`${filter} and isActive = false`)
  const narrower = matching(`${filter} and isActive = false`)
  expect(narrower).toBeLessThan(expected)
  await expect(app.getByText(countText(narrower))).toBeVisible()
})
