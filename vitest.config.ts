import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A private D-Bus session with an unlocked gnome-keyring: keychain tests use the real thing.
    globalSetup: ['test/secretService.ts'],
  },
})
