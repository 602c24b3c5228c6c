// What a person sees when Kibo misbehaves or the machine lacks a keychain: a message saying what
// happened and what to do, Kibo's correlation id, a working Cancel, and nothing lost.
import type { Page } from '@playwright/test'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../src/main/emulator'
import { test, expect, screenshot, startHost, api, type AppHost } from './fixtures'
import { expectAccessible, fillCustomProfile, fillTarget, reloadApp } from './helpers'

let emulator: Emulator

test.beforeAll(async () => {
  // Registered clients, so a wrong secret is refused whatever ran before (no trust on first use).
  emulator = await startEmulator({
    port: 0,
    seed: 5,
    accounts: 50,
    clients: { 'Flaky.App.1.0.0.Release': 'flaky-secret-value', 'NoKeychain.App.1.0.0.Release': 'session-only-secret' },
  })
})
test.afterAll(() => emulator.close())
test.afterEach(() => emulator.setFaults({}))

async function customProfile(host: AppHost, storage: 'keychain' | 'session' = 'session') {
  const profile = await api<{ id: string }>(host, 'profiles.save', {
    profile: {
      name: 'Flaky tenant',
      color: '#b5563c',
      environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
      clientId: 'Flaky.App.1.0.0.Release',
      target: { accountId: 1003 },
      responseFields: '',
      production: false,
    },
  })
  await api(host, 'secrets.setClientSecret', { profileId: profile.id, secret: 'flaky-secret-value', storage })
  await api(host, 'profiles.activate', { id: profile.id })
  return profile
}

const impersonateButton = (page: Page) =>
  page.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true })

test('Kibo failing for good: the kind, Kibo’s message, the correlation id and what to do', async ({ app, host }) => {
  await customProfile(host)
  await reloadApp(app)
  await expect(app.getByTestId('active-profile')).toContainText('Flaky tenant')
  emulator.setFaults({ rules: [{ fault: 'http503', times: 100, match: 'impersonatecart' }] })
  await impersonateButton(app).click()
  const banner = app.getByTestId('error-banner')
  await expect(banner).toContainText('kind: server', { timeout: 30_000 })
  await expect(banner).toContainText('HTTP 503')
  await expect(banner).toContainText('correlation id')
  await screenshot(app, 'kibo-503')
  await expectAccessible(app, 'error banner')
})

test('from an error to its request in the log, and a cURL command with placeholders, never a token', async ({ app, host }) => {
  await customProfile(host)
  await reloadApp(app)
  await expect(app.getByTestId('active-profile')).toContainText('Flaky tenant')
  emulator.setFaults({ rules: [{ fault: 'http503', times: 100, match: 'impersonatecart' }] })
  await impersonateButton(app).click()
  const banner = app.getByTestId('error-banner')
  await expect(banner).toContainText('HTTP 503', { timeout: 30_000 })
  // Kibo's own fields, as its error body gave them.
  await expect(banner).toContainText('error code: SERVICE_UNAVAILABLE')
  await expect(banner).toContainText('application: Customer')
  await banner.getByRole('button', { name: 'Show this request in the log' }).click()

  const log = app.getByRole('dialog', { name: /Request log/ })
  await expect(log).toBeVisible()
  const selected = log.locator('tr.selected')
  await expect(selected).toContainText('/commerce/customer/authtickets/impersonatecart')
  await expect(selected).toContainText('503')
  const detail = log.getByRole('region', { name: 'Request detail' })
  await expect(detail).toContainText('Bearer $KIBO_TOKEN')
  await expect(detail).toContainText('x-vol-correlation')
  // Every attempt is there: the first, three retries, and the application token before them.
  await log.getByLabel('Filter the request log').fill('impersonatecart')
  await expect(log.locator('tbody tr')).toHaveCount(4)
  await screenshot(app, 'request-log')
  await expectAccessible(app, 'request log')

  await detail.getByRole('button', { name: 'Copy as cURL' }).click()
  await expect(detail.getByRole('status')).toContainText('Copied the cURL command')
  const curl = await app.evaluate(() => navigator.clipboard.readText())
  expect(curl).toMatch(/^curl -X POST 'http:\/\/127\.0\.0\.1:\d+\/api\/commerce\/customer\/authtickets\/impersonatecart'/)
  expect(curl).toContain('-H "Authorization: Bearer $KIBO_TOKEN"')
  expect(curl).toContain(`--data-raw '{"accountId":1003}'`)
  const secrets = ['flaky-secret-value', ...emulator.issuedSecrets()].filter((s) => s.length >= 8)
  const shown = `${curl}\n${await log.innerText()}`
  for (const secret of secrets) expect(shown).not.toContain(secret)

  await log.getByRole('button', { name: 'Close' }).click()
  await expect(log).toBeHidden()
  await expect(banner).toBeVisible()
})

test('a slow Kibo can be cancelled, and what was shown stays', async ({ app, host }) => {
  await customProfile(host)
  await reloadApp(app)
  await impersonateButton(app).click()
  const inspector = app.getByRole('region', { name: 'Inspector' })
  await expect(inspector).toContainText('#1003')

  emulator.setFaults({ latencyMs: 20_000 })
  await fillTarget(app, { accountId: '1005' })
  await impersonateButton(app).click()
  await expect(app.getByRole('status').filter({ hasText: 'Impersonating…' })).toBeVisible()
  await app.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(app.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(0)
  await expect(app.getByTestId('error-banner')).toHaveCount(0)
  await expect(inspector).toContainText('#1003')

  emulator.setFaults({})
  await impersonateButton(app).click()
  await expect(inspector).toContainText('#1005')
})

test('a wrong client secret is refused with a plain explanation', async ({ app, host }) => {
  const profile = await customProfile(host)
  await api(host, 'secrets.setClientSecret', { profileId: profile.id, secret: 'not-the-secret-we-used-first', storage: 'session' })
  await reloadApp(app)
  await fillTarget(app, { accountId: '1003' })
  await impersonateButton(app).click()
  const banner = app.getByTestId('error-banner')
  await expect(banner).toContainText('kind: auth-failed')
  await expect(banner).not.toContainText('not-the-secret-we-used-first')
})

test('with no keychain the app says so and keeps secrets for the session only', async ({ page }) => {
  // A Secret Service that is not there: keytar loads, but nobody answers on this bus.
  const host = await startHost([], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/inspector-bus' })
  try {
    await page.goto(host.url)
    await expect(page.getByTestId('app-info')).toContainText('keychain unavailable')
    await page.getByRole('button', { name: '+ New profile' }).click()
    const editor = page.getByRole('dialog')
    await expect(editor.getByLabel('Save in system keychain')).toBeDisabled()
    await expect(editor.getByLabel('Keep for this session only')).toBeChecked()
    await screenshot(page, 'no-keychain')
    await fillCustomProfile(editor, {
      name: 'No keychain tenant',
      url: emulator.url,
      tenant: emulator.tenant,
      site: emulator.site,
      clientId: 'NoKeychain.App.1.0.0.Release',
      secret: 'session-only-secret',
    })
    await editor.getByRole('button', { name: 'Create profile' }).click()
    await expect(editor).toBeHidden()
    await page.getByRole('complementary', { name: 'Profiles' }).getByText('No keychain tenant').click()
    await expect(page.getByTestId('active-profile')).toContainText('No keychain tenant')
    await fillTarget(page, { accountId: '1004' })
    await impersonateButton(page).click()
    await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('#1004')
  } finally {
    await host.stop()
  }
})

test('the request timeout is a setting, and a slow Kibo then fails as a timeout', async ({ app, host }) => {
  await customProfile(host)
  await reloadApp(app)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = app.getByRole('dialog', { name: 'Settings' })
  await expectAccessible(app, 'settings dialog')
  await dialog.getByLabel('Kibo request timeout (seconds)').fill('5')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(app.getByText(/time out after 5 s/)).toBeVisible()
  emulator.setFaults({ latencyMs: 8_000 })
  await impersonateButton(app).click()
  await expect(app.getByTestId('error-banner')).toContainText('kind: timeout', { timeout: 20_000 })
})

test('a corrupt profiles file is moved aside, said so, and the app starts anyway', async ({ page }) => {
  const host = await startHost([], {}, (dir) => writeFileSync(join(dir, 'profiles.json'), '{"version": 1, "profiles": [tr'))
  try {
    await page.goto(host.url)
    const notice = page.getByRole('alert').filter({ hasText: 'About your saved profiles' })
    await expect(notice).toContainText('profiles.corrupt-')
    await expect(page.getByTestId('active-profile')).toContainText('Demo tenant')
    expect(readdirSync(host.userDataDir).some((name) => name.startsWith('profiles.corrupt-'))).toBe(true)
    await screenshot(page, 'corrupt-profiles')
  } finally {
    await host.stop()
  }
})
