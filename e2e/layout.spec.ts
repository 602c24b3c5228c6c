// The workspace: one subject per view, errors that belong to what produced them, list and detail
// side by side, a JSON tree whose rows in the DOM stay near what is visible, and the keyboard.
import type { Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateAccounts } from '../src/main/emulator/generate'
import { test, expect, screenshot, startHost } from './fixtures'
import { expectAccessible, fillTarget, impersonate, tab } from './helpers'

const demo = generateAccounts({ seed: 7, count: 500 })
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' })
const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Profiles' })
const impersonateButton = (page: Page) =>
  page.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true })

let dir: string
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-layout-'))
  // One account with long lists: the Account view pages them, the JSON tree virtualizes them.
  const big = structuredClone(demo.accounts[0])
  const note = big.notes?.[0] ?? { content: 'note' }
  big.notes = Array.from({ length: 600 }, (_, i) => ({ ...note, id: i + 1, content: `Note number ${i + 1}` }))
  const contact = big.contacts?.[0] ?? {}
  big.contacts = Array.from({ length: 150 }, (_, i) => ({ ...contact, id: i + 1, label: `Contact label ${i + 1}` }))
  writeFileSync(join(dir, 'big-account.json'), JSON.stringify(big))
  const many = generateAccounts({ seed: 5, count: 40_000 }).accounts
  writeFileSync(join(dir, 'many.jsonl'), many.map((a) => JSON.stringify(a)).join('\n') + '\n')
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function duplicateDemo(page: Page) {
  await page.getByRole('button', { name: 'Actions for Demo tenant' }).click()
  await page.getByRole('menuitem', { name: 'Duplicate' }).click()
  await expect(sidebar(page)).toContainText('Demo tenant copy')
}

test('the Ticket view never shows another customer’s ticket, and offers to impersonate this one', async ({ app }) => {
  await fillTarget(app, { accountId: '1001' })
  await impersonate(app)
  await expect(inspector(app)).toContainText('#1001')
  await tab(app, 'Ticket').click()
  await expect(inspector(app).getByRole('heading', { name: 'Ticket', exact: true })).toBeVisible()

  // Open 1005 from a search: the subject changes, and 1001's claims must go with it.
  await app.getByRole('button', { name: 'Search accounts' }).click()
  await app.getByLabel('Filter (Kibo syntax)').fill('id eq 1005')
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await app.getByRole('button', { name: 'Open account 1005' }).click()
  const subject = app.getByTestId('subject')
  await expect(subject).toContainText('#1005')
  await expect(subject).toContainText('Account (live)')
  await expect(subject).toContainText('Demo tenant')
  await expect(subject).toContainText(/read \d\d:\d\d:\d\d/)
  await tab(app, 'Ticket').click()
  await expect(inspector(app)).toContainText('No ticket for 1005')
  await expect(inspector(app).getByRole('heading', { name: 'JWT access token' })).toHaveCount(0)
  await screenshot(app, 'layout-no-ticket')

  await inspector(app).getByRole('button', { name: 'Impersonate 1005 on Demo tenant' }).click()
  await expect(subject).toContainText('Impersonated (live)')
  await expect(subject).toContainText('#1005')
  await expect(inspector(app).getByRole('heading', { name: 'JWT access token' })).toBeVisible()
})

test('responseFields are written against the account, and an invalid one cannot be sent', async ({ app }) => {
  const fields = app.getByLabel(/^responseFields/)
  await fields.fill('id,firstName,contacts(email)')
  await impersonate(app)
  const value = (label: string) =>
    inspector(app)
      .locator('dt', { hasText: new RegExp(`^${label}$`) })
      .locator('xpath=following-sibling::dd[1]')
  await expect(value('First name')).not.toHaveText('not requested')
  await expect(value('Last name')).toHaveText('not requested')
  // The app asked for the tokens' expiries itself, so the ticket is whole.
  await tab(app, 'Ticket').click()
  await expect(inspector(app)).toContainText(/expires in/)

  await fields.fill('id,,firstName')
  await expect(app.getByText('(at 4)')).toBeVisible()
  await expect(impersonateButton(app)).toBeDisabled()
  await expect(app.getByRole('button', { name: 'Re-run' })).toBeDisabled()
})

test('errors belong to what produced them: stale results are marked, a profile switch clears its error', async ({ app }) => {
  await duplicateDemo(app)
  await impersonate(app)
  await expect(inspector(app)).toContainText('#1001')
  await fillTarget(app, { accountId: '999999' })
  await impersonateButton(app).click()
  await expect(app.getByTestId('error-banner')).toContainText('kind: not-found')
  // What is still on screen was read before the failure, and says so.
  await expect(inspector(app)).toContainText('stale')
  await expect(inspector(app)).toContainText(/The last request failed at \d\d:\d\d:\d\d: what is shown was read at \d\d:\d\d:\d\d/)

  // A success clears both.
  await fillTarget(app, { accountId: '1001' })
  await impersonateButton(app).click()
  await expect(app.getByTestId('error-banner')).toHaveCount(0)
  await expect(inspector(app)).not.toContainText('stale')

  // The other profile's error does not follow into this one.
  await fillTarget(app, { accountId: '999999' })
  await impersonateButton(app).click()
  await expect(app.getByTestId('error-banner')).toBeVisible()
  await sidebar(app).getByText('Demo tenant copy').click()
  await expect(app.getByTestId('active-profile')).toContainText('Demo tenant copy')
  await expect(app.getByTestId('error-banner')).toHaveCount(0)
})

test('a failed search leaves its results marked stale with when they were read, until a search succeeds', async ({ app }) => {
  await app.getByRole('button', { name: 'Search accounts' }).click()
  await app.getByLabel('Search (q)').fill('Smith')
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(
    app
      .getByRole('status')
      .filter({ hasText: /accounts?/ })
      .first(),
  ).toBeVisible()
  await expect(app.getByTestId('search-stale')).toHaveCount(0)
  // Longer than any q the app sends: the search fails, and the results above were read before it.
  await app.getByLabel('Search (q)').fill('x'.repeat(501))
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(app.getByTestId('error-banner')).toBeVisible()
  await expect(app.getByTestId('search-stale')).toContainText(
    /the last search failed at \d\d:\d\d:\d\d; these results were read at\s+\d\d:\d\d:\d\d/,
  )
  await app.getByLabel('Search (q)').fill('Smith')
  await app.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(app.getByTestId('search-stale')).toHaveCount(0)
})

test('Ctrl+1…9 follow the sidebar order; the palette opens Files for “files”', async ({ app }) => {
  await duplicateDemo(app)
  await app.keyboard.press('Control+2')
  await expect(app.getByTestId('active-profile')).toContainText('Demo tenant copy')
  // Pressed again it stays: numbers do not move with use.
  await app.keyboard.press('Control+2')
  await expect(app.getByTestId('active-profile')).toContainText('Demo tenant copy')
  await app.keyboard.press('Control+1')
  await expect(app.getByTestId('active-profile')).not.toContainText('copy')

  await app.keyboard.press('Control+K')
  await app.getByRole('combobox', { name: 'Type a command' }).fill('files')
  await app.keyboard.press('Enter')
  await expect(app.getByRole('button', { name: 'Files', exact: true })).toHaveAttribute('aria-pressed', 'true')
  await expect(app.getByRole('dialog')).toHaveCount(0)
})

test('list and detail side by side, a remembered split, tabs that stay in view', async ({ app }) => {
  await app.setViewportSize({ width: 1440, height: 900 })
  await impersonate(app)
  const list = await app.getByTestId('list-pane').boundingBox()
  const detail = await app.getByTestId('detail-pane').boundingBox()
  expect(list && detail).toBeTruthy()
  expect(detail!.x).toBeGreaterThanOrEqual(list!.x + list!.width)
  expect(detail!.y + detail!.height).toBeLessThanOrEqual(900)

  // The account scrolls inside its pane; the subject and the tabs stay where they were.
  const tabsBefore = await tab(app, 'Account').boundingBox()
  await app.getByRole('tabpanel').evaluate((el) => (el.scrollTop = el.scrollHeight))
  expect(await app.getByRole('tabpanel').evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
  expect((await tab(app, 'Account').boundingBox())!.y).toBe(tabsBefore!.y)

  // The split moves from the keyboard and is remembered.
  const splitter = app.getByRole('separator', { name: 'Resize the list and the detail' })
  await splitter.focus()
  for (let i = 0; i < 5; i++) await app.keyboard.press('ArrowRight')
  const wider = (await app.getByTestId('list-pane').boundingBox())!.width
  expect(wider).toBeGreaterThan(list!.width + 80)
  await app.reload()
  await expect(app.getByTestId('active-profile')).toBeVisible()
  expect(Math.abs((await app.getByTestId('list-pane').boundingBox())!.width - wider)).toBeLessThan(3)
})

async function openFile(page: Page, name: string) {
  await page.getByRole('button', { name: 'Files', exact: true }).click()
  await page.getByLabel('File path').fill(join(dir, name))
  await page.getByRole('button', { name: 'Open', exact: true }).click()
}

test('a big account: the JSON tree keeps a fixed viewport and the Account view pages its lists', async ({ app }) => {
  await openFile(app, 'big-account.json')
  await app.getByRole('grid').getByRole('row').nth(1).click()
  await expect(app.getByTestId('subject')).toContainText('From a file: big-account.json')

  // Notes and contacts come a page at a time, not 600 and 150 at once.
  await expect(inspector(app).getByRole('navigation', { name: 'Pages of notes' })).toContainText('1–20 of 600')
  await expect(inspector(app).getByText(/^Note number \d+$/)).toHaveCount(20)
  await inspector(app).getByRole('navigation', { name: 'Pages of notes' }).getByRole('button', { name: 'Next' }).click()
  await expect(inspector(app).getByText('Note number 21', { exact: true })).toBeVisible()
  await expect(inspector(app).getByRole('navigation', { name: 'Pages of contacts' })).toContainText('1–12 of 150')

  await tab(app, 'Raw JSON').click()
  await app.getByRole('button', { name: 'Expand', exact: true }).click()
  const tree = inspector(app).getByRole('tree')
  await expect(tree.getByRole('treeitem').first()).toBeVisible()
  const counts = await tree.evaluate((el) => {
    const row = el.querySelector('[role="treeitem"]')!.getBoundingClientRect().height
    return { inDom: el.querySelectorAll('[role="treeitem"]').length, visible: Math.ceil(el.clientHeight / row), height: el.clientHeight }
  })
  const total = Number(
    (await inspector(app)
      .getByText(/[\d,]+ rows/)
      .first()
      .textContent())!.replace(/\D/g, ''),
  )
  expect(total).toBeGreaterThan(750)
  expect(counts.height).toBeLessThanOrEqual(900)
  // Visible rows plus the overscan on each side, never the document.
  expect(counts.inDom).toBeLessThanOrEqual(counts.visible + 2 * 10 + 2)
})

test('a file named on the command line shows its progress from the start', async ({ page }) => {
  const host = await startHost([join(dir, 'many.jsonl')])
  try {
    await page.goto(host.url)
    await expect(page.getByRole('progressbar')).toBeVisible()
    await expect(page.getByTestId('progress')).toContainText('Opening many.jsonl')
    await expect(page.getByText(/40,000 accounts|40,000 of 40,000/)).toBeVisible({ timeout: 60_000 })
  } finally {
    await host.stop()
  }
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the workspace at three sizes, ${scheme}`, async ({ app }) => {
    // Six screenshots and four axe scans on a shared two-core machine.
    test.setTimeout(240_000)
    await app.emulateMedia({ colorScheme: scheme })
    await impersonate(app)
    await expect(inspector(app)).toContainText('#1001')
    for (const [width, height] of [
      [1024, 700],
      [1440, 900],
      [1920, 1080],
    ]) {
      await app.setViewportSize({ width, height })
      await tab(app, 'Account').click()
      // Usable: the subject, the tabs and some of the account are on screen without scrolling.
      await expect(tab(app, 'Raw JSON')).toBeInViewport()
      await expect(inspector(app).getByRole('heading', { name: 'Identity' })).toBeInViewport()
      await screenshot(app, `layout-${width}x${height}-${scheme}`)
      await expectAccessible(app, `workspace ${width}×${height} ${scheme}`)
      await tab(app, 'Raw JSON').click()
      await expect(inspector(app).getByRole('tree')).toBeInViewport()
      await screenshot(app, `layout-${width}x${height}-${scheme}-raw`)
    }
    await expectAccessible(app, `raw JSON ${scheme}`)
  })
}
