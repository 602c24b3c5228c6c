// The unit tests Stryker runs against each mutant: the ones for src/shared and the electron-free
// domain folders of src/main (see stryker.config.mjs). Left out: tests that start child processes
// (a crashing save, the emulator CLI), drive the dataset worker thread, or test the hosts,
// packaging, layering and OpenAPI copies: no mutated file runs inside them.
import { defineConfig } from 'vitest/config'
import base from './vitest.config'

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // A mutant that leaves a promise pending would otherwise hold its worker for the suite's
    // 60 s test timeout; the slowest test here takes about 8 s on a busy machine.
    testTimeout: 15_000,
    hookTimeout: 30_000,
    include: [
      'src/shared/**/*.test.ts',
      'src/main/{kibo,emulator,profiles,secrets,inspector,datasets,exports,settings,bundles}/**/*.test.ts',
      'src/main/*.test.ts',
    ],
    exclude: [
      '**/node_modules/**',
      'src/main/profiles/profileStore.crash.test.ts',
      'src/main/emulator/cli.test.ts',
      // The dataset worker thread loads its modules through tsx from Stryker's sandbox and fails
      // there (SyntaxError); openDataset.ts is left out of the mutated files with it.
      'src/main/datasets/openDataset.test.ts',
      'src/main/bundles/openBundle.test.ts',
      'src/main/webHost.test.ts',
      'src/main/ipc.test.ts',
      'src/main/dispatch.test.ts',
    ],
  },
})
