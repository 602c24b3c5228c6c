import { defineConfig } from '@playwright/test'

// Debian's Chromium (Playwright's own browser download is not available on these machines).
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  // The browser hosts keep secrets in a real (private, throwaway) Secret Service, as the app would.
  globalSetup: './e2e/globalSetup.ts',
  outputDir: process.env.PW_OUTPUT_DIR ?? 'test-results/playwright',
  timeout: 60_000,
  // One assertion never waits long: a missing element fails fast with a readable message.
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1360, height: 860 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
    permissions: ['clipboard-read', 'clipboard-write'],
    trace: 'off',
    actionTimeout: 15_000,
  },
})
