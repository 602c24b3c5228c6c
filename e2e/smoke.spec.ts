import { test, expect, screenshot } from './fixtures'

test('the renderer makes a round trip over the bridge and shows the answer', async ({ app }) => {
  // app.info and profiles.list answered: the status line and the demo profile are shown.
  await expect(app.getByTestId('app-info')).toContainText('web host')
  await expect(app.getByTestId('active-profile')).toContainText('Demo tenant')
  // A click that crosses the bridge to the emulator and back.
  await app.getByRole('form', { name: 'Impersonate a customer' }).getByRole('button', { name: 'Impersonate', exact: true }).click()
  await expect(app.getByRole('region', { name: 'Inspector' })).toContainText('#1001')
  await screenshot(app, 'smoke')
})

test('the API refuses a request without the per-run key, from another origin, or for another host', async ({ host, request }) => {
  const call = `${host.origin}/api/call/app.info`
  expect((await request.post(call, { data: {} })).status()).toBe(401)
  expect((await request.post(call, { data: {}, headers: { 'x-inspector-key': 'guess' } })).status()).toBe(401)
  expect((await request.post(call, { data: {}, headers: { 'x-inspector-key': host.key, origin: 'http://evil.example' } })).status()).toBe(
    403,
  )
  expect((await request.post(call, { data: {}, headers: { 'x-inspector-key': host.key, host: 'evil.example' } })).status()).toBe(421)
  const keyed = await request.post(call, { data: {}, headers: { 'x-inspector-key': host.key } })
  expect(keyed.status()).toBe(200)
  expect(await keyed.json()).toMatchObject({ ok: true, value: { host: 'web' } })
  const wrong = await request.post(`${host.origin}/api/call/kibo.impersonate`, {
    data: { profileId: 42 },
    headers: { 'x-inspector-key': host.key },
  })
  expect(await wrong.json()).toMatchObject({ ok: false, error: { kind: 'invalid-input' } })
})

test('the page’s Content-Security-Policy meta tag and the header it is served with are one policy', async ({ app, host, request }) => {
  const header = (await request.get(`${host.origin}/`)).headers()['content-security-policy']
  const meta = await app.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(meta).toContain("default-src 'none'")
  // frame-ancestors counts only in a header (browsers ignore it in a meta tag): the one difference.
  expect(header).toBe(`${meta}; frame-ancestors 'none'`)
})
