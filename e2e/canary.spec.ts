// The secret canary: a whole session with a known client secret, then a search of everything the
// app wrote and everything the renderer received, for that secret and for every token issued.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { startEmulator, type Emulator } from '../src/main/emulator'
import { test, expect, screenshot } from './fixtures'
import { fillCustomProfile, fillTarget, impersonate, reloadApp, tab } from './helpers'

let emulator: Emulator

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 11, accounts: 120 })
})

test.afterAll(async () => {
  await emulator.close()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

test('no secret or token reaches a file, a log or the renderer during a whole session', async ({ app, host }) => {
  test.setTimeout(120_000)
  // Record every byte the renderer receives from the app: call answers and the event stream.
  await app.addInitScript(() => {
    const received: string[] = []
    ;(window as unknown as { __received: string[] }).__received = received
    const original = window.fetch.bind(window)
    window.fetch = async (input, init) => {
      const response = await original(input, init)
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      if (!url.includes('/api/') || !response.body) return response
      const [mine, theirs] = response.body.tee()
      void (async () => {
        const reader = theirs.pipeThrough(new TextDecoderStream()).getReader()
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          received.push(value)
        }
      })()
      return new Response(mine, { status: response.status, statusText: response.statusText, headers: response.headers })
    }
  })
  await reloadApp(app)

  const secret = `canary-${randomBytes(12).toString('hex')}`
  await app.getByRole('button', { name: '+ New profile' }).click()
  const editor = app.getByRole('dialog')
  await fillCustomProfile(editor, {
    name: 'Canary tenant',
    url: emulator.url,
    tenant: emulator.tenant,
    site: emulator.site,
    clientId: 'Canary.Inspector.1.0.0.Release',
    secret,
  })
  await editor.getByLabel('Save in system keychain').check()
  await editor.getByRole('button', { name: 'Create profile' }).click()
  await expect(editor).toBeHidden()

  const keytar = createRequire(import.meta.url)('keytar') as {
    findCredentials(service: string): Promise<{ account: string; password: string }[]>
  }
  // The secret went to the keychain (and only there, as the search below shows).
  expect((await keytar.findCredentials(host.keychainService)).some((c) => c.password === secret)).toBe(true)

  await app.getByRole('complementary', { name: 'Profiles' }).getByText('Canary tenant').click()
  await expect(app.getByTestId('active-profile')).toContainText('Canary tenant')
  await fillTarget(app, { accountId: '1005' })
  await impersonate(app)
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('#1005')
  await tab(app, 'Ticket').click()
  await app.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Refresh ticket' }).click()
  await expect(app.getByText('Ticket refreshed.')).toBeVisible()
  await tab(app, 'Raw JSON').click()

  // Export every account of the tenant, and the profiles.
  await app.getByRole('button', { name: 'Search accounts' }).click()
  await app.getByRole('button', { name: 'Export…' }).click()
  const dialog = app.getByRole('dialog')
  await dialog.getByRole('radio', { name: /^Every account of the tenant/ }).check()
  await dialog.getByLabel(/^Save as/).fill('accounts.json')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog).toContainText(/Exported 120 accounts/)
  await screenshot(app, 'canary-export')
  await dialog.getByRole('button', { name: 'Close', exact: true }).click()

  await app.getByRole('button', { name: 'Export profiles…' }).click()
  await app.getByLabel('Save the profiles as (file name)').fill('profiles.json')
  await app.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(app.getByText(/Exported \d+ profiles?/)).toBeVisible()

  // Switch away, then delete the canary profile: its keychain entry goes too.
  await app.getByRole('complementary', { name: 'Profiles' }).getByText('Demo tenant').click()
  await expect(app.getByTestId('active-profile')).toContainText('Demo tenant')
  await app.getByRole('button', { name: 'Actions for Canary tenant' }).click()
  await app.getByRole('menuitem', { name: 'Delete…' }).click()
  await app.getByRole('button', { name: 'Delete profile' }).click()
  await expect(app.getByRole('complementary', { name: 'Profiles' })).not.toContainText('Canary tenant')

  const left = await keytar.findCredentials(host.keychainService)
  expect(left.filter((c) => c.password === secret)).toEqual([])

  // Hostile files: secret keys written with JSON escapes in every file shape, and wrong-typed
  // fields. Each opens; its first account goes to the renderer; none of its tokens may follow.
  const fileTokens: string[] = []
  const fileToken = () => {
    const value = `filetok-${randomBytes(9).toString('hex')}`
    fileTokens.push(value)
    return value
  }
  const hostile = (id: number) =>
    `{"id": ${id}, "emailAddress": "hostile${id}@example.com", "accessTok\\u0065n": "${fileToken()}", ` +
    `"client_s\\u0065cret": "${fileToken()}", "hasExternalPassword": "${fileToken()}", ` +
    `"contacts": [{"id": 1, "email": "c@example.com", "refreshTok\\u0065n": "${fileToken()}"}], "credentials": {"user": "${fileToken()}"}}`
  const files = mkdtempSync(join(tmpdir(), 'canary-files-'))
  const hostileFiles: Record<string, string> = {
    'escaped-array.json': `[${hostile(9001)}, ${hostile(9002)}]`,
    'escaped-lines.jsonl': `${hostile(9003)}\n${hostile(9004)}\n`,
    'escaped-page.json': `{"totalCount": 1, "items": [${hostile(9005)}], "accessTok\\u0065n": "${fileToken()}"}`,
    'escaped-account.json': hostile(9006),
    'escaped-ticket.json': `{"customerAccount": ${hostile(9007)}, "accessTok\\u0065n": "${fileToken()}", "refreshTok\\u0065n": "${fileToken()}"}`,
    'wrong-types.json': `[{"id": "not-a-number", "emailAddress": "wrong@example.com", "contacts": "nope", "accessTok\\u0065n": "${fileToken()}"}, ${hostile(9008)}]`,
  }
  await app.getByRole('button', { name: 'Files', exact: true }).click()
  for (const [name, text] of Object.entries(hostileFiles)) {
    writeFileSync(join(files, name), text)
    await app.getByLabel('File path').fill(join(files, name))
    await app.getByRole('button', { name: 'Open', exact: true }).click()
    await expect(app.getByLabel('Open files')).toContainText(name)
    await expect(app.getByText(/they were dropped and are not kept/)).toBeVisible()
    await app.getByRole('grid').getByRole('row').nth(1).click()
    await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('From a file')
  }
  await expect(app.getByRole('region', { name: /^Problems in wrong-types\.json/ })).toContainText('contacts: expected a list, found text')
  await screenshot(app, 'canary-hostile-files')
  rmSync(files, { recursive: true, force: true })

  // Now search: every token the emulator issued or accepted, and the secret itself.
  const needles = [secret, ...emulator.issuedSecrets(), ...fileTokens].filter((s) => s.length >= 8)
  expect(needles.length).toBeGreaterThan(4)
  const received = (await app.evaluate(() => (window as unknown as { __received: string[] }).__received.join('\n'))) as string
  // The recording works: the impersonation's answer is in it.
  expect(received).toContain('"emailAddress"')
  expect(received).toContain('"jwt"')
  expect(received).toContain('event: progress')
  expect(received).toContain('hostile9001@example.com') // the hostile files' accounts were received, without their tokens
  expect(received).toContain('hostile9007@example.com')
  const haystacks: [string, string][] = [
    ['renderer messages', received],
    ['the page', await app.content()],
    ['host output (logs)', host.output()],
    ...filesUnder(host.userDataDir).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
    ...filesUnder(host.exportDir).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
  ]
  expect(filesUnder(host.exportDir).length).toBe(2)
  const hits = haystacks.flatMap(([where, text]) => needles.filter((n) => text.includes(n)).map((n) => `${where} holds ${n.slice(0, 6)}…`))
  expect(hits).toEqual([])
})
