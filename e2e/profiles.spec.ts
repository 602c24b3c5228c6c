// Many tenants side by side: production asks first, switching never shows one tenant's data
// under another, recent profiles are one keystroke away, and profiles travel without secrets.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, screenshot } from './fixtures'
import { expectAccessible, fillTarget, impersonate, reloadApp } from './helpers'

async function createDemoProfile(page: Page, name: string, production: boolean) {
  await page.getByRole('button', { name: '+ New profile' }).click()
  const editor = page.getByRole('dialog')
  await editor.getByLabel('Name').fill(name)
  await editor.getByText('Built-in demo', { exact: true }).click()
  if (production) await editor.getByRole('checkbox', { name: 'Production' }).check()
  await expectAccessible(page, 'profile editor')
  await screenshot(page, 'profile-editor')
  await editor.getByRole('button', { name: 'Create profile' }).click()
  await expect(editor).toBeHidden()
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Profiles' })
const inspector = (page: Page) => page.getByRole('region', { name: 'Inspector' })

test('a production profile asks before impersonating, naming the tenant', async ({ app }) => {
  await createDemoProfile(app, 'Acme production', true)
  await sidebar(app).getByText('Acme production').click()
  await expect(app.getByTestId('active-profile')).toContainText('PRODUCTION')
  await fillTarget(app, { accountId: '1001' })
  await app.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true }).click()
  const confirm = app.getByRole('dialog', { name: 'Impersonate on production?' })
  await expect(confirm).toContainText('tenant 100001')
  await screenshot(app, 'production-confirm')
  await expectAccessible(app, 'production confirmation')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(inspector(app)).toHaveCount(0)

  await app.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true }).click()
  await app.getByRole('dialog', { name: 'Impersonate on production?' }).getByRole('button', { name: 'Impersonate on production' }).click()
  await expect(inspector(app)).toContainText('#1001')
  // Re-running asks again: no path around the confirmation.
  await app.getByRole('button', { name: 'Re-run' }).click()
  await expect(app.getByRole('dialog', { name: 'Impersonate on production?' })).toBeVisible()
  await app.getByRole('dialog', { name: 'Impersonate on production?' }).getByRole('button', { name: 'Cancel' }).click()
  await expect(inspector(app)).toContainText('#1001')
})

test('switching profiles clears what the other tenant showed; recent profiles are a keystroke away', async ({ app }) => {
  await createDemoProfile(app, 'Second tenant', false)
  await impersonate(app)
  await expect(inspector(app)).toContainText('#1001')

  await sidebar(app).getByText('Second tenant').click()
  await expect(app.getByTestId('active-profile')).toContainText('Second tenant')
  await expect(inspector(app)).toHaveCount(0)
  await screenshot(app, 'profile-switched')

  // Ctrl+1 goes back to the profile used before.
  await app.keyboard.press('Control+1')
  await expect(app.getByTestId('active-profile')).toContainText('Demo tenant')
})

test('duplicate, export and re-import profiles: the file carries no secret', async ({ app, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'inspector-profiles-'))
  try {
    await app.getByRole('button', { name: 'Actions for Demo tenant' }).click()
    await app.getByRole('menuitem', { name: 'Duplicate' }).click()
    await expect(sidebar(app)).toContainText('Demo tenant copy')

    // A file name: the browser host saves in the folder it was started with (--export-folder).
    const file = join(host.exportDir, 'profiles.json')
    await app.getByRole('button', { name: 'Export profiles…' }).click()
    await app.getByLabel('Save the profiles as (file name)').fill('profiles.json')
    await app.getByRole('button', { name: 'Export', exact: true }).click()
    await expect(app.getByText(/Exported 2 profiles/)).toBeVisible()
    const exported = JSON.parse(readFileSync(file, 'utf8'))
    expect(exported.profiles).toHaveLength(2)
    expect(readFileSync(file, 'utf8')).not.toMatch(/secret|token/i)

    // Saving again over it asks first; the file is untouched until the person agrees.
    chmodSync(file, 0o640)
    writeFileSync(file, JSON.stringify(exported))
    await app.getByRole('button', { name: 'Export profiles…' }).click()
    await app.getByLabel('Save the profiles as (file name)').fill('profiles.json')
    await app.getByRole('button', { name: 'Export', exact: true }).click()
    const confirm = app.getByRole('dialog', { name: 'Replace the file?' })
    await expect(confirm).toContainText(`profiles.json already exists: ${file}.`)
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(exported))
    await app.getByRole('button', { name: 'Export', exact: true }).click()
    await app.getByRole('dialog', { name: 'Replace the file?' }).getByRole('button', { name: 'Replace' }).click()
    await expect(app.getByRole('dialog', { name: 'Replace the file?' })).toBeHidden()
    await expect.poll(() => readFileSync(file, 'utf8')).toBe(JSON.stringify(exported, null, 2) + '\n')
    expect(statSync(file).mode & 0o777).toBe(0o640)
    // The export form closes once the answer is back (the file can be written before that).
    await expect(app.getByLabel('Save the profiles as (file name)')).toBeHidden()

    await app.getByRole('button', { name: 'Import profiles…' }).click()
    await app.getByLabel('Import profiles from (file path)').fill(file)
    await app.getByRole('button', { name: 'Import', exact: true }).click()
    await expect(sidebar(app).getByText('Demo tenant copy')).toHaveCount(2)
    await expectAccessible(app, 'profile sidebar')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('profiles reorder from the keyboard, and the order is kept', async ({ app }) => {
  await createDemoProfile(app, 'Zulu tenant', false)
  const names = () => sidebar(app).getByRole('listitem').allTextContents()
  expect((await names())[0]).toContain('Demo tenant')
  await sidebar(app)
    .getByRole('button', { name: /^Zulu tenant/ })
    .focus()
  await app.keyboard.press('Alt+ArrowUp')
  await expect.poll(async () => (await names())[0]).toContain('Zulu tenant')
  await reloadApp(app)
  await expect.poll(async () => (await names())[0]).toContain('Zulu tenant')
})

test('importing a file that is not a profiles file says what is wrong and keeps the profiles', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'inspector-bad-profiles-'))
  try {
    const notJson = join(dir, 'notes.txt')
    writeFileSync(notJson, 'this is not JSON')
    const wrongShape = join(dir, 'accounts.json')
    writeFileSync(wrongShape, JSON.stringify({ format: 'account-inspector-profiles', version: 1, profiles: [{ name: 'x', color: 'red' }] }))
    for (const [file, expected] of [
      [notJson, /not valid JSON/],
      [wrongShape, /profiles\[0\]/],
    ] as const) {
      // The path form stays open after a failure, with what was typed.
      if (!(await app.getByLabel('Import profiles from (file path)').isVisible()))
        await app.getByRole('button', { name: 'Import profiles…' }).click()
      await app.getByLabel('Import profiles from (file path)').fill(file)
      await app.getByRole('button', { name: 'Import', exact: true }).click()
      const banner = app.getByTestId('error-banner')
      await expect(banner).toContainText('kind: bad-file')
      await expect(banner).toContainText(expected)
      await banner.getByRole('button', { name: 'Dismiss the error' }).click()
    }
    await expect(sidebar(app).getByRole('listitem')).toHaveCount(1)
    await expect(sidebar(app)).toContainText('Demo tenant')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
