// `npm test`: every check and test, in order, then one closing line "N passed, N failed".
// Type checks, the build and the security scan count as one check each; vitest and Playwright
// contribute their own counts. Any failure makes the exit code non-zero.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const results = { passed: 0, failed: 0, skipped: 0 }
const failures = []
mkdirSync('test-results', { recursive: true })

function step(name, command, args) {
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`)
  const run = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  return run.status === 0
}

function check(name, command, args) {
  if (step(name, command, args)) results.passed++
  else {
    results.failed++
    failures.push(name)
  }
}

function suite(name, command, args, reportFile, count) {
  rmSync(reportFile, { force: true })
  const ok = step(name, command, args)
  if (!existsSync(reportFile)) {
    results.failed++
    failures.push(`${name} (no report)`)
    return
  }
  const counted = count(JSON.parse(readFileSync(reportFile, 'utf8')))
  results.passed += counted.passed
  results.failed += counted.failed
  results.skipped += counted.skipped
  if (counted.failed > 0 || !ok) failures.push(name)
  if (!ok && counted.failed === 0) {
    // The runner failed without a failing test (a crash, an error outside tests): still a failure.
    results.failed++
  }
}

const npx = 'npx'
check('types (main, preload, shared, tests)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
check('types (end-to-end tests)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.e2e.json'])
check('types (benchmarks)', npx, ['tsc', '--noEmit', '-p', 'tsconfig.bench.json'])
check('types (renderer)', npx, ['svelte-check', '--tsconfig', 'tsconfig.web.json', '--fail-on-warnings'])
check('lint (ESLint, layering rules)', npx, ['eslint', '.'])
check('format (Prettier)', npx, ['prettier', '--check', '.'])
check('build', npx, ['electron-vite', 'build'])
check('security scan (Electronegativity)', process.execPath, ['scripts/security-scan.mjs'])
suite(
  'unit tests (vitest)',
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/vitest.json'],
  'test-results/vitest.json',
  (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) }),
)
suite('end-to-end tests (Playwright, Chromium)', npx, ['playwright', 'test'], 'test-results/playwright.json', (r) => ({
  passed: r.stats.expected,
  failed: r.stats.unexpected + r.stats.flaky,
  skipped: r.stats.skipped,
}))

console.log('')
if (failures.length) console.log(`Failed: ${failures.join('; ')}`)
console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`)
process.exit(results.failed > 0 ? 1 : 0)
