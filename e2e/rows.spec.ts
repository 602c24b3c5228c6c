// The Raw JSON and Account views on a large account, in the real layout: the tree's viewport
// stays fixed (it never grows to its content) and only about the rows on screen are in the DOM,
// however far the document is expanded; the Account view draws a page of each long list.
import type { Page } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateAccounts } from '../src/main/emulator/generate'
import { test, expect } from './fixtures'

let dir: string
const shots = '/tmp/views-scale'

/** One account with long lists: ~BIG_ROWS notes, contacts and attributes (one with thousands of values). */
function bigAccount(n: number): unknown {
  const [account] = generateAccounts({ seed: 5, count: 1 }).accounts
  const contact = account.contacts?.[0] ?? {}
  return {
    ...account,
    contacts: Array.from({ length: n }, (_, i) => ({ ...contact, id: i + 1, email: `c${i}@example.com` })),
    notes: Array.from({ length: n }, (_, i) => ({ id: i + 1, content: `Note ${i}: call before delivery`, auditInfo: account.auditInfo })),
    attributes: [
      { fullyQualifiedName: 'tenant~many', values: Array.from({ length: n }, (_, i) => `value ${i}`) },
      ...Array.from({ length: n }, (_, i) => ({ fullyQualifiedName: `tenant~a${i}`, attributeDefinitionId: i, values: [`v${i}`] })),
    ],
  }
}

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-rows-'))
  writeFileSync(join(dir, 'big-account.json'), JSON.stringify(bigAccount(Number(process.env.BIG_ROWS ?? 20_000))))
  mkdirSync(shots, { recursive: true })
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function openBigAccount(page: Page) {
  await page.getByRole('button', { name: 'Files', exact: true }).click()
  await page.getByLabel('File path').fill(join(dir, 'big-account.json'))
  await page.getByRole('button', { name: 'Open', exact: true }).click()
  await page.getByRole('grid').getByRole('row').nth(1).click()
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('From a file')
}

/** Tree rows in the DOM against the rows the viewport can show, and the viewport against the window. */
async function treeCounts(page: Page) {
  return page.getByRole('tree').evaluate((tree) => {
    const rows = tree.querySelectorAll('[role="treeitem"]')
    const rowH = rows[0]?.getBoundingClientRect().height || 1
    return { inDom: rows.length, visible: Math.ceil(tree.clientHeight / rowH), viewport: tree.clientHeight, window: window.innerHeight }
  })
}

test('Raw JSON keeps a fixed viewport and only the visible rows, expanded deep or scrolled', async ({ app }) => {
  await openBigAccount(app)
  await app.getByRole('tab', { name: 'Raw JSON' }).click()
  const tree = app.getByRole('tree')
  await expect(tree.getByRole('treeitem').first()).toBeVisible()

  await app.getByLabel('Depth').fill('4')
  await app.getByRole('button', { name: /^Expand/ }).click()
  await expect(app.getByText(/[\d,]{6,} rows/)).toBeVisible()
  let counts = await treeCounts(app)
  expect(counts.viewport).toBeLessThanOrEqual(counts.window)
  expect(counts.visible).toBeGreaterThan(5)
  expect(counts.inDom).toBeLessThanOrEqual(2 * counts.visible)

  await tree.evaluate((el) => (el.scrollTop = el.scrollHeight / 2))
  await expect(tree.getByRole('treeitem').first()).not.toHaveAttribute('aria-level', '1')
  counts = await treeCounts(app)
  expect(counts.inDom).toBeLessThanOrEqual(2 * counts.visible)

  await app.getByLabel('Search the JSON').fill('Note 19999')
  await expect(tree.locator('.row.current')).toBeVisible()
  counts = await treeCounts(app)
  expect(counts.inDom).toBeLessThanOrEqual(2 * counts.visible)
  await app.screenshot({ path: join(shots, 'raw-json-big.png') })
})

test('the Account view draws a page of each long list, never all of it', async ({ app }) => {
  await openBigAccount(app)
  await app.getByRole('tab', { name: 'Account' }).click()
  const panel = app.getByRole('tabpanel')
  await expect(panel.getByRole('navigation', { name: 'Pages of notes' })).toBeVisible()
  const elements = await panel.evaluate((el) => el.querySelectorAll('*').length)
  // 20,000 contacts, notes and attributes and one attribute with 20,000 values: a page of each.
  expect(elements).toBeLessThan(5000)
  await expect(panel.getByText(/and 19,980 more/)).toBeVisible()
  await app.screenshot({ path: join(shots, 'account-big.png') })
})
