// Each test gets its own app: a fresh browser host process with its own settings folder and its
// own keychain service name, driven by Debian's Chromium.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { test as base, expect, type Page } from '@playwright/test'

export interface AppHost {
  url: string
  origin: string
  key: string
  userDataDir: string
  /** The folder the host saves exports in (--export-folder): a fresh one per host. */
  exportDir: string
  keychainService: string
  /** Everything the host printed (stdout and stderr), to search for leaks. */
  output(): string
}

export async function startHost(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
  /** Runs on the fresh settings folder before the app starts (to plant a broken file, say). */
  prepare: (userDataDir: string) => void = () => {},
): Promise<AppHost & { stop(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'inspector-e2e-'))
  const exportDir = mkdtempSync(join(tmpdir(), 'inspector-e2e-exports-'))
  prepare(userDataDir)
  const keychainService = `Account Inspector e2e ${randomUUID()}`
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(process.env.APP_OUT_DIR ?? 'out', 'main/web.js'),
      '--port',
      '0',
      '--user-data',
      userDataDir,
      '--keychain-service',
      keychainService,
      '--export-folder',
      exportDir,
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  )
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000)
    const check = () => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)))
  })
  const parsed = new URL(url)
  return {
    url,
    origin: parsed.origin,
    key: parsed.hash.replace('#key=', ''),
    userDataDir,
    exportDir,
    keychainService,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(userDataDir, { recursive: true, force: true })
      rmSync(exportDir, { recursive: true, force: true })
    },
  }
}

export const screenshotDir = 'test-results/screens'

export async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false })
}

export const test = base.extend<{ host: AppHost; app: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test asks for from this pattern
  host: async ({}, use) => {
    const host = await startHost()
    await use(host)
    await host.stop()
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.url)
    // Ready when the profiles have arrived: the forms fill from the active profile then.
    await expect(page.getByTestId('active-profile')).toBeVisible()
    await use(page)
  },
})

/** Calls the host's API directly, as the renderer would: the typed answer, failures included. */
export async function apiResult<T = unknown>(
  host: AppHost,
  name: string,
  input: unknown,
): Promise<{ ok: boolean; value?: T; error?: { kind: string; message: string } }> {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inspector-key': host.key },
    body: JSON.stringify(input),
  })
  return (await response.json()) as { ok: boolean; value?: T; error?: { kind: string; message: string } }
}

/** Calls the host's API directly, as the renderer would, for test setup. */
export async function api<T = unknown>(host: AppHost, name: string, input: unknown): Promise<T> {
  const response = await fetch(`${host.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-inspector-key': host.key },
    body: JSON.stringify(input),
  })
  const result = (await response.json()) as { ok: boolean; value?: T; error?: unknown }
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

export { expect }
