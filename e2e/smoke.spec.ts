import { test, expect, screenshot } from './fixtures'

test('the renderer makes a round trip over the bridge and shows the answer', async ({ app }) => {
  await expect(app.getByTestId('app-info')).toContainText('web host')
  await app.getByRole('button', { name: 'Check again' }).click()
  await expect(app.getByTestId('app-info')).toContainText('Version')
  await screenshot(app, 'smoke')
})

test('the API refuses a request without the per-run key', async ({ host, request }) => {
  const response = await request.post(`${host.origin}/api/call/app.info`, { data: {} })
  expect(response.status()).toBe(401)
  const keyed = await request.post(`${host.origin}/api/call/app.info`, { data: {}, headers: { 'x-inspector-key': host.key } })
  expect(keyed.status()).toBe(200)
  expect((await keyed.json()).ok).toBe(true)
})
