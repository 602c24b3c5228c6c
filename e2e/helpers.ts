import AxeBuilder from '@axe-core/playwright'
import { expect, type Locator, type Page } from '@playwright/test'

/** Impersonates with what the form holds now and waits for the inspector. */
export async function impersonate(page: Page) {
  await page.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Inspector' })).toBeVisible()
}

export async function fillTarget(page: Page, target: { accountId?: string; cartId?: string; userId?: string }) {
  const form = page.getByRole('form', { name: 'Impersonate a customer' })
  await form.getByLabel('Account id').fill(target.accountId ?? '')
  await form.getByLabel('Cart id').fill(target.cartId ?? '')
  await form.getByLabel('User id').fill(target.userId ?? '')
}

export function tab(page: Page, name: 'Account' | 'Audit' | 'Raw JSON' | 'Ticket') {
  return page.getByRole('tab', { name, exact: true })
}

/** No axe violation of serious or critical impact on what is on screen now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    bad.map(
      (v) =>
        `${what}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    ),
  ).toEqual([])
}

/** Fills the open profile editor for an emulator reached by its URL (a "Custom URL" profile). */
export async function fillCustomProfile(
  editor: Locator,
  p: { name: string; url: string; tenant: number; site: number; clientId: string; secret: string },
) {
  await editor.getByLabel('Name').fill(p.name)
  await editor.getByText('Custom URL').click()
  await editor.getByLabel('Base URL').fill(p.url)
  await editor.getByLabel('Tenant').fill(String(p.tenant))
  await editor.getByLabel('Site').fill(String(p.site))
  await editor.getByLabel('Application client id').fill(p.clientId)
  await editor.getByLabel('Client secret').fill(p.secret)
}

/** Reloads and waits until the profiles have arrived (the forms fill from the active profile). */
export async function reloadApp(page: Page) {
  await page.reload()
  await expect(page.getByTestId('active-profile')).toBeVisible()
}
