// File access by capability, in the browser host: a page naming a path outright is refused with a
// typed error; a typed path goes through the one call main checks and logs; writes ask before
// replacing and say what was written, where, and whether personal data was masked.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect, screenshot, apiResult } from './fixtures'
import AxeBuilder from '@axe-core/playwright'
import { fillTarget, impersonate, reloadApp } from './helpers'

let dir: string
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspector-file-access-'))
  writeFileSync(join(dir, 'accounts.jsonl'), '{"id":1001,"firstName":"Ada"}\n')
  execFileSync('mkfifo', [join(dir, 'pipe.jsonl')])
})
test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('a page that names a path to read or write is refused, in types', async ({ host }) => {
  const file = join(dir, 'accounts.jsonl')
  const owned = join(dir, 'owned.json')
  const attempts: [string, unknown][] = [
    ['datasets.open', { path: file }],
    ['datasets.open', { handle: file }],
    ['profiles.importFile', { path: file }],
    ['profiles.exportFile', { path: owned }],
    ['profiles.exportFile', { handle: owned }],
    ['exports.accounts', { profileId: 'demo', scope: { kind: 'all' }, format: 'json', redact: false, path: owned }],
  ]
  for (const [name, input] of attempts) {
    const result = await apiResult(host, name, input)
    expect(result.ok, `${name} ${JSON.stringify(input)}`).toBe(false)
    expect(result.error?.kind, name).toBe('invalid-input')
  }
  expect(() => statSync(owned)).toThrow()

  // Writing is confined to the export folder, whatever the page types.
  const outside = await apiResult(host, 'files.grantTypedPath', { path: owned, purpose: 'save' })
  expect(outside).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
  expect(outside.error?.message).toContain(`Files are saved in ${host.exportDir}`)

  // Reading: a regular file only. A named pipe is refused at once, in words, not opened.
  const pipe = await apiResult(host, 'files.grantTypedPath', { path: join(dir, 'pipe.jsonl'), purpose: 'open' })
  expect(pipe).toMatchObject({
    ok: false,
    error: { kind: 'file', message: `${join(dir, 'pipe.jsonl')} is a named pipe, not a file this app can read.` },
  })

  const granted = await apiResult<{ handle: string }>(host, 'files.grantTypedPath', { path: file, purpose: 'open' })
  expect(granted.ok).toBe(true)
  expect(await apiResult(host, 'datasets.open', { handle: granted.value!.handle })).toMatchObject({ ok: true, value: { count: 1 } })
  // Logged where, never what.
  expect(host.output()).toContain(`file access: open ${file}`)
  expect(host.output()).not.toContain('Ada')
})

test('exporting one account: JSON, not masked, the full path shown, and replacing asks', async ({ app, host }) => {
  await fillTarget(app, { accountId: '1001' })
  await impersonate(app)
  await app.keyboard.press('Control+K')
  await app.getByRole('combobox', { name: 'Type a command' }).fill('Export accounts')
  await app.keyboard.press('Enter')
  const dialog = app.getByRole('dialog', { name: 'Export accounts' })
  await expect(dialog.getByRole('radio', { name: /^This account/ })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: /^JSON array/ })).toBeChecked()
  await expect(dialog.getByLabel(/Mask personal data/)).not.toBeChecked()
  await dialog.getByLabel(/^Save as/).fill('one.json')
  const target = join(host.exportDir, 'one.json')
  await expect(dialog).toContainText(`Will be saved to ${target}`)
  await screenshot(app, 'export-form-one-account')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog).toContainText(`Exported 1 account to ${target}`)
  await expect(dialog).toContainText('Personal data: not masked')
  expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject([{ id: 1001 }])

  chmodSync(target, 0o644)
  writeFileSync(target, 'the person’s notes')
  await dialog.getByRole('button', { name: 'Export again' }).click()
  await dialog.getByLabel(/Mask personal data/).check()
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog).toContainText('one.json already exists.')
  await expect(dialog).toContainText(target)
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await screenshot(app, 'export-replace')
  // The confirmation itself (what is behind the modal is other tests' business).
  const axe = await new AxeBuilder({ page: app }).include('[role="dialog"]').analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  expect(readFileSync(target, 'utf8')).toBe('the person’s notes')
  await dialog.getByRole('button', { name: 'Replace' }).click()
  await expect(dialog).toContainText('Personal data: masked')
  await screenshot(app, 'export-done')
  expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveLength(1)
  expect(statSync(target).mode & 0o777).toBe(0o644)
})

test('a file opened once is one click away after a reload, from main’s recent list', async ({ app }) => {
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  await app.getByLabel('File path').fill(join(dir, 'accounts.jsonl'))
  await app.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(app.getByText(/^1 account$/)).toBeVisible()
  await reloadApp(app)
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  const recent = app.getByRole('list', { name: 'Recent files' })
  await expect(recent).toContainText('accounts.jsonl')
  // The page shows a name; where the file is stays in main.
  await expect(recent).not.toContainText(dir)
  await recent.getByRole('button', { name: 'accounts.jsonl' }).click()
  await expect(app.getByText(/^1 account$/)).toBeVisible()
})
