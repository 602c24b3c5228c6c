// The customer side of the 360: who changed a field and from what (the audit timeline), why they
// cannot log in (the login state), which cards and store credit they hold, which B2B company and
// role they have; each section loading, failing and cancelling on its own.
import type { Locator, Page } from '@playwright/test'
import { startEmulator, type Emulator } from '../src/main/emulator'
import { generateAccounts } from '../src/main/emulator/generate'
import { auditEntries, cards, loginState } from '../src/main/emulator/generate360'
import { buildB2bIndex } from '../src/main/emulator/generateB2b'
import { credits } from '../src/main/emulator/generateLedger'
import { test, expect, screenshot, api } from './fixtures'
import { expectAccessible, fillTarget, impersonate, reloadApp } from './helpers'

// The built-in demo tenant is seeded (seed 7, 500 accounts): the test can know who is locked, who
// holds cards and store credit, which accounts are B2B companies and what each audit log says.
const demo = generateAccounts({ seed: 7, count: 500 })
const account1001 = demo.accounts.find((a) => a.id === 1001)!
const log1001 = auditEntries(7, account1001, demo.site)
// A locked account that also holds cards and store credit. The first credit's code and its
// issuing transaction are drawn before anything that depends on the account's orders.
const locked = demo.accounts.find((a) => loginState(7, a).isLocked && cards(7, a).length > 0 && credits(7, a, []).length > 0)!
const lockedLogin = loginState(7, locked)
const lockedCards = cards(7, locked)
const firstCredit = credits(7, locked, [])[0]
const b2b = buildB2bIndex(7, demo.accounts, demo.tenant)
// A B2B account in the middle of its hierarchy: a parent above and children below.
const middle = [...b2b.parent.entries()].find(([id, parent]) => parent !== undefined && (b2b.children.get(id)?.length ?? 0) > 0)![0]
const middleParent = b2b.parent.get(middle)!
const middleChild = b2b.children.get(middle)![0]
const middleUsers = b2b.users.get(middle)!
// A user of the company other than the account's own login: impersonating them is a different session.
const colleague = middleUsers.find((u) => b2b.extraUsers.has(u.userId))!
const companyOf = (id: number) => demo.accounts.find((a) => a.id === id)!.companyOrOrganization!

const inspector = (app: Page) => app.getByRole('region', { name: 'Inspector' })
const tabNamed = (app: Page, name: string) => app.getByRole('tab', { name, exact: true })
const logRows = (table: Locator) => table.locator('tbody tr[data-source="log"]')
const stampRows = (table: Locator) => table.locator('tbody tr[data-source="stamp"]')
const fieldsOf = (table: Locator) => table.locator('tbody tr td.path .field').allInnerTexts()
const peopleOf = (table: Locator) => table.locator('tbody tr td.who .by').allInnerTexts()

async function open(app: Page, accountId: number) {
  await fillTarget(app, { accountId: String(accountId) })
  await impersonate(app)
  await expect(inspector(app)).toContainText(`#${accountId}`)
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(scheme, () => {
    test.use({ colorScheme: scheme })
    // axe over a whole workspace takes its time on two shared cores.
    test.describe.configure({ timeout: 180_000 })

    test(`field-level audit timeline, each filter and one field's history (${scheme})`, async ({ app }) => {
      await open(app, 1001)
      await expect(app.getByTestId('login-state')).toBeVisible()
      await screenshot(app, `c360-account-${scheme}`)
      await expectAccessible(app, `account with login state, ${scheme}`)

      // Who changed this email and from what: one click from the field to its own history.
      await app.getByRole('button', { name: 'History of emailAddress' }).first().click()
      await expect(tabNamed(app, 'Audit')).toHaveAttribute('aria-selected', 'true')
      await expect(app.getByTestId('audit-field')).toHaveValue('emailAddress')
      const table = app.getByTestId('audit-table')
      const emailLog = log1001.filter((e) => e.fieldPath === 'emailAddress')
      await expect(logRows(table)).toHaveCount(emailLog.length)
      await expect(stampRows(table)).toHaveCount(0)
      expect(await fieldsOf(table)).toEqual(emailLog.map(() => 'emailAddress'))
      const change = emailLog.find((e) => e.oldValue !== null)!
      const changeRow = logRows(table).filter({ hasText: change.newValue! })
      await expect(changeRow.locator('.old')).toHaveText(change.oldValue!)
      await expect(changeRow).toContainText(change.application!)
      await screenshot(app, `c360-audit-field-${scheme}`)
      await expectAccessible(app, `audit, one field, ${scheme}`)

      // Every row again: the log and the stamps, each marked with its source.
      await app.getByRole('button', { name: 'Reset filters' }).first().click()
      await expect(logRows(table)).toHaveCount(log1001.length)
      await expect(stampRows(table).first()).toBeVisible()
      const everything = await table.locator('tbody tr').count()
      await expect(logRows(table).first().locator('.source')).toHaveText('audit log')
      await expect(stampRows(table).first().locator('.source')).toHaveText('auditInfo')
      await screenshot(app, `c360-audit-${scheme}`)
      await expectAccessible(app, `audit, every row, ${scheme}`)

      // Person: a merchant's admin, then the customer, whom Kibo records by user id.
      const person = log1001.find((e) => e.entryUser !== account1001.auditInfo!.createBy && e.entryUser !== account1001.userId)!.entryUser!
      await app.getByTestId('audit-person').selectOption(person)
      await expect(logRows(table)).toHaveCount(log1001.filter((e) => e.entryUser === person).length)
      expect(new Set(await peopleOf(table))).toEqual(new Set([person]))
      await app.getByTestId('audit-person').selectOption({ label: 'The customer' })
      await expect(logRows(table)).toHaveCount(log1001.filter((e) => e.entryUser === account1001.userId).length)
      expect(new Set(await peopleOf(table))).toEqual(new Set(['The customer']))
      await app.getByTestId('audit-person').selectOption('')

      // Application (stamps carry none, so only the log's rows remain).
      await app.getByTestId('audit-application').selectOption('Storefront')
      await expect(table.locator('tbody tr')).toHaveCount(log1001.filter((e) => e.application === 'Storefront').length)
      await expect(stampRows(table)).toHaveCount(0)
      await app.getByTestId('audit-application').selectOption('')

      // Kind.
      await app.getByTestId('audit-kind').selectOption('change')
      await expect(stampRows(table)).toHaveCount(0)
      await expect(logRows(table)).toHaveCount(log1001.length)
      await app.getByTestId('audit-kind').selectOption('stamp')
      await expect(logRows(table)).toHaveCount(0)
      await expect(stampRows(table).first()).toBeVisible()
      await app.getByTestId('audit-kind').selectOption('')

      // Date range: the days of one change only.
      const userNameChange = log1001.find((e) => e.fieldPath === 'userName' && e.oldValue !== null)!
      const day = userNameChange.entryDate.slice(0, 10)
      const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10)
      await app.getByLabel('From', { exact: true }).fill(shift(day, -1))
      await app.getByLabel('To', { exact: true }).fill(shift(day, 1))
      await expect(logRows(table).filter({ hasText: userNameChange.newValue! })).toHaveCount(1)
      expect(await table.locator('tbody tr').count()).toBeLessThan(everything)
      // A range that ends before it starts says so instead of showing nothing without a word.
      await app.getByLabel('From', { exact: true }).fill(shift(day, 2))
      await expect(app.getByText('“From” is after “To”: no day fits.')).toBeVisible()
      await expect(app.getByText('No rows match these filters')).toBeVisible()
      await app.getByRole('button', { name: 'Reset filters' }).first().click()

      // Words in the old or new values.
      const word = userNameChange.oldValue!.split('@')[0]
      await app.getByTestId('audit-search').fill(word)
      const mentions = log1001.filter((e) => [e.oldValue, e.newValue, e.description].some((v) => v?.includes(word)))
      await expect(logRows(table)).toHaveCount(mentions.length)
      await expect(app.getByTestId('audit-count')).toHaveText(`${mentions.length} of ${everything} rows`)
      await screenshot(app, `c360-audit-search-${scheme}`)
    })

    test(`why a locked account cannot log in, its cards and its credit's transactions (${scheme})`, async ({ app }) => {
      await open(app, locked.id!)
      const login = app.getByTestId('login-state')
      await expect(login).toContainText('Locked since')
      await expect(login).toContainText(`${lockedLogin.failedLoginAttemptCount} failed attempts since`)
      await expect(login).toContainText('none left')
      const fact = (label: string) =>
        login
          .locator('dl > div')
          .filter({ has: app.getByText(label, { exact: true }) })
          .locator('dd')
      await expect(fact('Failed attempts')).toHaveText(String(lockedLogin.failedLoginAttemptCount))
      await expect(fact('Attempts left')).toHaveText(String(lockedLogin.remainingLoginAttempts))
      await expect(fact('Password change required')).toHaveText(lockedLogin.isPasswordChangeRequired ? 'Yes' : 'No')
      await expect(fact('Last login')).not.toHaveText('—')
      if (lockedLogin.isPasswordChangeRequired) await expect(login).toContainText('Password change required')
      await screenshot(app, `c360-locked-${scheme}`)
      await expectAccessible(app, `locked account, ${scheme}`)

      await tabNamed(app, 'Customer').click()
      const cardSection = app.getByTestId('section-cards')
      await expect(cardSection.locator('tbody tr')).toHaveCount(lockedCards.length)
      for (const card of lockedCards) await expect(cardSection).toContainText(`•••• ${card.cardNumberPart.replace(/\D/g, '').slice(-4)}`)
      // Only Kibo's masked part ever reaches the screen: never eight digits in a row.
      expect(await cardSection.locator('table').innerText()).not.toMatch(/\d{8}/)

      const creditSection = app.getByTestId('section-credits')
      await expect(creditSection.locator('tbody tr').filter({ hasText: firstCredit.credit.code })).toBeVisible()
      await creditSection.getByRole('button', { name: `Show transactions and audit of ${firstCredit.credit.code}` }).click()
      const detail = creditSection.getByTestId('credit-detail')
      const issued = firstCredit.transactions[0] as { transactionType: string; comments: string }
      await expect(detail.getByRole('region', { name: `Transactions of ${firstCredit.credit.code}` })).toContainText(issued.comments)
      await expect(detail.getByRole('region', { name: `Audit of ${firstCredit.credit.code}` })).toContainText('Created')
      // Kibo's list repeats a transaction id: every row is still shown, the section never blank.
      await expect(app.getByTestId('section-transactions').locator('tbody tr').first()).toBeVisible()
      await expect(app.getByTestId('section-visits')).not.toHaveAttribute('aria-busy', 'true')
      await screenshot(app, `c360-customer-${scheme}`)
      await detail.scrollIntoViewIfNeeded()
      await screenshot(app, `c360-credit-${scheme}`)
      await expectAccessible(app, `customer tab, ${scheme}`)
    })

    test(`a B2B account's hierarchy and users, and impersonating one of them (${scheme})`, async ({ app }) => {
      await open(app, middle)
      await tabNamed(app, 'B2B').click()
      const parents = app.getByTestId('b2b-parents')
      await expect(parents.getByRole('button', { name: new RegExp(`^${companyOf(middleParent)} ${middleParent}$`) })).toBeVisible()
      await expect(parents.locator('[aria-current="true"]')).toContainText(String(middle))
      await expect(app.getByTestId('b2b-children').getByRole('listitem')).toHaveCount(b2b.children.get(middle)!.length)

      // Users with their roles.
      const users = app.getByTestId('b2b-users')
      await expect(users.locator('tbody tr')).toHaveCount(middleUsers.length)
      for (const user of middleUsers) {
        const row = users.locator('tbody tr').filter({ hasText: user.emailAddress })
        for (const role of user.roles) await expect(row).toContainText(role.roleName)
      }
      // Every row's Impersonate button is within the pane, not pushed past its edge.
      const pane = await app.getByTestId('detail-pane').boundingBox()
      const button = await users
        .getByRole('button', { name: /^Impersonate/ })
        .first()
        .boundingBox()
      expect(button!.x + button!.width).toBeLessThanOrEqual(pane!.x + pane!.width)
      await screenshot(app, `c360-b2b-${scheme}`)
      await expectAccessible(app, `b2b tab, ${scheme}`)

      // Down to a child, then up to a parent through the hierarchy.
      await app.getByTestId('b2b-children').getByRole('button').first().click()
      await expect(app.getByText(`Looking at B2B account ${middleChild}`)).toBeVisible()
      await expect(parents.locator('[aria-current="true"]')).toContainText(String(middleChild))
      await expect(app.getByTestId('section-b2b')).toContainText(companyOf(middleChild))
      await parents.getByRole('button', { name: new RegExp(`^${companyOf(middleParent)} ${middleParent}$`) }).click()
      await expect(app.getByText(`Looking at B2B account ${middleParent}`)).toBeVisible()
      await expect(parents.locator('[aria-current="true"]')).toContainText(String(middleParent))
      await screenshot(app, `c360-b2b-parent-${scheme}`)
      await app.getByRole('button', { name: "Back to this customer's account" }).click()
      await expect(parents.locator('[aria-current="true"]')).toContainText(String(middle))

      // Impersonating a colleague from the users list: the inspector then holds their session.
      const name = [colleague.firstName, colleague.lastName].filter(Boolean).join(' ') || colleague.userName
      await users.getByRole('button', { name: `Impersonate ${name}` }).click()
      await expect(inspector(app)).toContainText('Impersonated (live)')
      await expect(app.getByTestId('signed-in-as')).toHaveText(`· signed in as ${colleague.userId}`)
      await tabNamed(app, 'Ticket').click()
      await expect(inspector(app)).toContainText(`User ${colleague.userId}`)
      await screenshot(app, `c360-b2b-impersonated-${scheme}`)
    })
  })
}

test.describe('each section on its own', () => {
  let emulator: Emulator
  test.beforeAll(async () => {
    emulator = await startEmulator({ port: 0, data: demo, clients: { 'Sections.App.1.0.0.Release': 'sections-secret-value' } })
  })
  test.afterAll(() => emulator.close())
  test.describe.configure({ timeout: 180_000 })

  test('progress, Cancel, not requested, a refused section and a stale one: the others stay', async ({ app, host }) => {
    const profile = await api<{ id: string }>(host, 'profiles.save', {
      profile: {
        name: 'Sections tenant',
        color: '#3c7bb5',
        environment: { kind: 'custom', tenant: emulator.tenant, site: emulator.site, baseUrl: emulator.url },
        clientId: 'Sections.App.1.0.0.Release',
        target: { accountId: locked.id },
        responseFields: '',
        production: false,
      },
    })
    await api(host, 'secrets.setClientSecret', { profileId: profile.id, secret: 'sections-secret-value', storage: 'session' })
    await api(host, 'profiles.activate', { id: profile.id })
    await reloadApp(app)
    await expect(app.getByTestId('active-profile')).toContainText('Sections tenant')
    await impersonate(app)
    await expect(inspector(app)).toContainText(`#${locked.id}`)

    // Slow answers: every section shows its own progress with its own Cancel.
    emulator.setFaults({ latencyMs: 2000 })
    await tabNamed(app, 'Customer').click()
    const cardSection = app.getByTestId('section-cards')
    const creditSection = app.getByTestId('section-credits')
    const visitSection = app.getByTestId('section-visits')
    await expect(cardSection).toHaveAttribute('aria-busy', 'true')
    await expect(creditSection).toHaveAttribute('aria-busy', 'true')
    await screenshot(app, 'c360-sections-loading')
    await cardSection.getByRole('button', { name: 'Cancel: Reading Payment cards' }).click()
    await expect(cardSection.getByTestId('section-idle')).toContainText('Not requested yet.')
    // The others carry on and arrive (credits read each credit's details too, each call slowed).
    await expect(creditSection.locator('tbody tr').filter({ hasText: firstCredit.credit.code })).toBeVisible({ timeout: 60_000 })
    await expect(visitSection).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 })
    await expect(cardSection.getByTestId('section-idle')).toBeVisible()

    // Kibo refuses the cards: the error in Kibo's words, in that section only.
    emulator.setFaults({ rules: [{ fault: 'http401', times: 100, match: '/cards' }] })
    await cardSection.getByRole('button', { name: 'Load Payment cards' }).click()
    const cardError = cardSection.getByTestId('section-error')
    await expect(cardError).toContainText('HTTP 401', { timeout: 30_000 })
    // What is missing and where to add it, said once.
    await expect(cardError).toContainText('lacks the behaviour')
    await expect(cardError).toContainText('In Dev Center, give the application')
    await expect(cardError).not.toContainText('may lack the behavior')
    await expect(creditSection.getByTestId('section-error')).toHaveCount(0)
    await expect(creditSection.locator('tbody tr').filter({ hasText: firstCredit.credit.code })).toBeVisible()
    await expect(app.getByTestId('error-banner')).toHaveCount(0)

    // A reload that fails keeps the last answer on screen, marked stale.
    emulator.setFaults({ rules: [{ fault: 'http401', times: 100, match: '/customer/credits' }] })
    await creditSection.getByRole('button', { name: 'Reload: Store credits and gift cards' }).click()
    await expect(creditSection.getByTestId('section-error')).toContainText('HTTP 401', { timeout: 30_000 })
    await expect(creditSection.getByText('stale', { exact: true })).toBeVisible()
    await expect(creditSection.locator('tbody tr').filter({ hasText: firstCredit.credit.code })).toBeVisible()
    await expect(cardError).toContainText('HTTP 401')
    await screenshot(app, 'c360-sections-failed')
    await expectAccessible(app, 'customer tab with failed sections')
  })
})

test('customer and audit views at 1024 px: the audit rows start on the first screen', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 860 })
  await open(app, 1001)
  await tabNamed(app, 'Customer').click()
  await expect(app.getByTestId('section-cards')).not.toHaveAttribute('aria-busy', 'true')
  await screenshot(app, 'c360-customer-1024')
  await tabNamed(app, 'Audit').click()
  const firstRow = app.getByTestId('audit-table').locator('tbody tr').first()
  await expect(firstRow).toBeVisible()
  const box = await firstRow.boundingBox()
  expect(box!.y + box!.height).toBeLessThan(860)
  await screenshot(app, 'c360-audit-1024')
})
