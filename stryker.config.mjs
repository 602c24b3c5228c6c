// Mutation testing: `npm run mutate` (not part of `npm test`: it takes tens of minutes).
// Results per folder go to mutation/RESULTS.md (scripts/mutation-report.mjs).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'src/shared/**/*.ts',
    'src/main/{kibo,emulator,profiles,secrets,inspector,datasets,exports,settings,bundles}/**/*.ts',
    'src/main/operations.ts',
    '!**/*.test.ts',
    // Generated from Kibo's OpenAPI documents by `npm run gen:kibo`; its test is that it is current.
    '!src/shared/kiboFields.ts',
    // A list of names the compiler already checks against the contract.
    '!src/shared/channels.ts',
    // Seed data tables (first names, streets, ...) for the emulator: any value is as good as another.
    '!src/main/emulator/names.ts',
    // The emulator's seeded account generator: which street or order count it picks is data.
    '!src/main/emulator/generate.ts',
    // Parses the emulator's command line; its tests start the CLI as a child process.
    '!src/main/emulator/cliArgs.ts',
    // Worker entry points: they run in a worker thread, outside the test process.
    '!src/main/datasets/worker.ts',
    '!src/main/datasets/workerScript.ts',
    // Drives the worker thread, which cannot load Stryker's instrumented sandbox (see vitest.stryker.config.ts).
    '!src/main/datasets/openDataset.ts',
    // Re-exports only.
    '!src/main/{datasets,exports,kibo,profiles,secrets,bundles}/index.ts',
  ],
  // Module-level constants need a fresh module graph per mutant (very slow) and are mostly data.
  ignoreStatic: true,
  mutator: {
    // Messages for people make up a third of all mutants and each is as costly to run as any
    // other; tests check kinds, hints and where a message points, not its every word.
    excludedMutations: ['StringLiteral'],
  },
  concurrency: 2,
  // A loaded two-core machine: give each mutant room before calling it a timeout.
  timeoutFactor: 3,
  timeoutMS: 5000,
  incremental: true,
  incrementalFile: 'mutation/incremental.json',
  reporters: ['json', 'html', 'clear-text', 'progress-append-only'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
}
