// One filter grammar, Kibo's: the live search form and the Files filter take the same text, mark
// a problem where it is with a fix to put in, and agree on the answer. Also: a reloaded page's
// files are closed by the browser host.
import type { Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateAccounts } from '../src/main/emulator/generate'
import { api, apiResult, expect, screenshot, test } from './fixtures'
import { expectAccessible, reloadApp } from './helpers'

// The demo tenant's accounts (seed 7, 500 accounts), as a file.
const { accounts } = generateAccounts({ seed: 7, count: 500 })
let dir: string

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-filter-'))
  writeFileSync(join(dir, 'demo.jsonl'), accounts.map((a) => JSON.stringify(a)).join('\n') + '\n')
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

const kiboFilter = "lastName sw 'M' and commerceSummary.orderCount ge 3"
const expected = accounts.filter(
  (a) => (a.lastName ?? '').toLowerCase().startsWith('m') && (a.commerceSummary?.orderCount ?? -1) >= 3,
).length

async function openFile(page: Page) {
  await page.getByRole('button', { name: 'Files', exact: true }).click()
  await page.getByLabel('File path').fill(join(dir, 'demo.jsonl'))
  await page.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByText(/^500 accounts/)).toBeVisible()
}

test('a filter copied from a live search works on a file, and the same mistakes are marked in both', async ({ app }) => {
  expect(expected).toBeGreaterThan(0)
  // Live: the offline spelling is refused before it is sent, with Kibo's spelling to put in.
  await app.getByRole('button', { name: 'Search accounts' }).click()
  const live = app.getByLabel('Filter (Kibo syntax)')
  await live.fill("lastName = 'M'")
  await expect(app.getByText("Kibo's filter has no '=': write eq. (at character 10)")).toBeVisible()
  await expect(app.getByRole('button', { name: 'Search', exact: true })).toBeDisabled()
  await expect(live).toHaveAttribute('aria-invalid', 'true')
  await screenshot(app, 'filter-live-error')
  await expectAccessible(app, 'live filter error')
  await app.getByRole('button', { name: 'Use “eq”' }).click()
  await expect(live).toHaveValue("lastName eq 'M'")
  await expect(app.getByRole('button', { name: 'Search', exact: true })).toBeEnabled()

  await live.fill(kiboFilter)
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(app.getByText(new RegExp(`^${expected} accounts? ·`))).toBeVisible()

  // The same text on the same accounts, offline.
  await openFile(app)
  const files = app.getByLabel('Filter', { exact: true })
  await files.fill(kiboFilter)
  await expect(app.getByText(new RegExp(`^${expected} of 500 accounts`))).toBeVisible()

  // A misspelt field: marked in place, the nearest name offered, in both places.
  await files.fill("lastNme sw 'M' and commerceSummary.orderCount ge 3")
  await expect(app.getByText(/Unknown field 'lastNme'. Did you mean 'lastName'\? \(at character 1\)/)).toBeVisible()
  await screenshot(app, 'filter-files-error')
  await app.getByRole('button', { name: 'Use “lastName”' }).click()
  await expect(files).toHaveValue(kiboFilter)
  await expect(app.getByText(new RegExp(`^${expected} of 500 accounts`))).toBeVisible()
  // The older offline spellings still work on files.
  await files.fill('lastName startswith "M" and commerceSummary.orderCount >= 3')
  await expect(app.getByText(new RegExp(`^${expected} of 500 accounts`))).toBeVisible()

  await app.getByRole('button', { name: 'Live', exact: true }).click()
  await app.getByLabel('Filter (Kibo syntax)').fill("lastNme sw 'M'")
  await expect(app.getByText(/Unknown field 'lastNme'. Did you mean 'lastName'\?/)).toBeVisible()
  await expect(app.getByRole('button', { name: 'Use “lastName”' })).toBeVisible()
})

test('after a reload, the files the page had open are closed in the host', async ({ app, host }) => {
  await openFile(app)
  // The same unchanged file opened again is the same dataset: this is how the test learns its id.
  const granted = await api<{ handle: string }>(host, 'files.grantTypedPath', { path: join(dir, 'demo.jsonl'), purpose: 'open' })
  const { id } = await api<{ id: string }>(host, 'datasets.open', { handle: granted.handle })
  expect((await apiResult(host, 'datasets.query', { datasetId: id, offset: 0, limit: 1 })).ok).toBe(true)
  await reloadApp(app)
  // The page's event stream went away with the old page; after the grace period its files close.
  await expect
    .poll(async () => (await apiResult(host, 'datasets.query', { datasetId: id, offset: 0, limit: 1 })).error?.kind, { timeout: 30_000 })
    .toBe('not-found')
})
