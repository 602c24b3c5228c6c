// `npm run mutate`: runs Stryker (stryker.config.mjs), then writes the score of every folder to
// mutation/RESULTS.md, with the survivors reviewed as equivalent (mutation/equivalent.json) and
// the reason for each.
//
//   node scripts/mutation-report.mjs --run             stryker run, then the report (npm run mutate)
//   node scripts/mutation-report.mjs [report.json ...] the report only, from Stryker's JSON report(s);
//                                                      several are merged, a later one winning per file
//     --before earlier.json --before-note TEXT         adds each folder's score in an earlier report
//     --run-time TEXT                                  the run time to state, when measured elsewhere
//     --note TEXT                                      a paragraph under the scope (e.g. what this run covered)
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const defaultReport = join(root, 'reports/mutation/mutation.json')
const equivalentFile = join(root, 'mutation/equivalent.json')
const resultsFile = join(root, 'mutation/RESULTS.md')

/** Stryker's statuses that count towards the score, and how. */
const counted = { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage' }

/** The folder a mutated file is reported under: its directory, or the file itself at src/main's root. */
export function folderOf(file) {
  const dir = dirname(file)
  return dir === 'src/main' ? file : dir
}

/** The source line a mutant starts on (1-based line numbers, as Stryker reports them). */
function lineOf(source, line) {
  return source.split('\n')[line - 1] ?? ''
}

/**
 * Whether a reviewed entry names this mutant: same file and mutator, the entry's `code` found on
 * the mutant's first line, and, when the entry gives one, the same replacement.
 */
export function matchesEquivalent(entry, file, mutant, source) {
  if (entry.file !== file || entry.mutator !== mutant.mutatorName) return false
  if (entry.replacement !== undefined && entry.replacement !== mutant.replacement) return false
  return lineOf(source, mutant.location.start.line).includes(entry.code)
}

export function summarize(report, equivalents = []) {
  const folders = new Map()
  const equivalent = []
  const unused = new Set(equivalents)
  const survivors = []
  for (const [path, file] of Object.entries(report.files)) {
    const name = relative(root, join(root, path)).replaceAll('\\', '/')
    const folder = folderOf(name)
    const row = folders.get(folder) ?? { folder, killed: 0, survived: 0, noCoverage: 0, timeout: 0, equivalent: 0, ignored: 0, errors: 0 }
    folders.set(folder, row)
    for (const mutant of file.mutants) {
      const key = counted[mutant.status]
      if (!key) {
        if (mutant.status === 'Ignored') row.ignored++
        else row.errors++
        continue
      }
      row[key]++
      if (mutant.status !== 'Survived' && mutant.status !== 'NoCoverage') continue
      const reviewed = equivalents.find((entry) => matchesEquivalent(entry, name, mutant, file.source))
      const line = mutant.location.start.line
      if (reviewed) {
        row.equivalent++
        unused.delete(reviewed)
        equivalent.push({ file: name, line, mutator: mutant.mutatorName, replacement: mutant.replacement, reason: reviewed.reason })
      } else {
        survivors.push({ file: name, line, status: mutant.status, mutator: mutant.mutatorName })
      }
    }
  }
  const rows = [...folders.values()].sort((a, b) => a.folder.localeCompare(b.folder))
  return { rows, equivalent, survivors, unused: [...unused] }
}

/** Stryker's mutation score: detected over detected plus undetected; with `equivalent`, those leave the undetected. */
export function score(row, { withoutEquivalent = false } = {}) {
  const detected = row.killed + row.timeout
  const undetected = row.survived + row.noCoverage - (withoutEquivalent ? row.equivalent : 0)
  return detected + undetected === 0 ? null : (100 * detected) / (detected + undetected)
}

const percent = (value) => (value === null ? 'n/a' : `${value.toFixed(1)}%`)

function total(rows) {
  const sum = { folder: '**all**', killed: 0, survived: 0, noCoverage: 0, timeout: 0, equivalent: 0 }
  for (const row of rows) for (const key of ['killed', 'survived', 'noCoverage', 'timeout', 'equivalent']) sum[key] += row[key]
  return sum
}

/** With `before` (folder → score of an earlier report), a column shows where each folder started. */
function table(rows, before = null) {
  const lines = [
    `| Folder | Killed | Survived | No coverage | Timeout | Score |${before ? ' Score before |' : ''} Equivalent | Score without equivalent | 80% |`,
    `| ------ | -----: | -------: | ----------: | ------: | ----: |${before ? ' -----------: |' : ''} ---------: | -----------------------: | --- |`,
  ]
  for (const row of [...rows, total(rows)]) {
    const adjusted = score(row, { withoutEquivalent: true })
    const pass = adjusted === null ? '' : adjusted >= 80 ? 'yes' : 'no'
    const earlier = before ? ` ${before.has(row.folder) ? percent(before.get(row.folder)) : 'n/a'} |` : ''
    lines.push(
      `| ${row.folder} | ${row.killed} | ${row.survived} | ${row.noCoverage} | ${row.timeout} | ${percent(score(row))} |${earlier} ${row.equivalent} | ${percent(adjusted)} | ${pass} |`,
    )
  }
  return lines.join('\n')
}

export function render(summary, context) {
  const { rows, equivalent, survivors, unused } = summary
  const before = context.before ?? null
  const byFile = new Map()
  for (const s of survivors) byFile.set(s.file, (byFile.get(s.file) ?? 0) + 1)
  const worst = [...byFile.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return `# Mutation testing: score per folder

Written by \`npm run mutate\` (StrykerJS with the vitest runner, \`stryker.config.mjs\`; the tests it
runs: \`vitest.stryker.config.ts\`). Score = (killed + timeout) / (killed + timeout + survived + no
coverage). Target: 80% or more in every folder, not counting survivors reviewed as equivalent
(listed below, each with why no test can tell it from the original).

- Date: ${context.date}
- Machine: ${context.machine}
- Run time: ${context.runTime}
- Scope: src/shared and the domain folders of src/main (kibo, emulator, profiles, secrets,
  inspector, datasets, exports, settings, bundles) plus src/main/operations.ts; what is left out and why is
  in stryker.config.mjs (generated and data files, worker and CLI entry points, re-export
  indexes, string literals, module-level constants)
${context.note ? `\n${context.note}\n` : ''}
${table(rows, before)}
${before ? `\n"Score before": ${context.beforeNote}\n` : ''}
## Equivalent survivors

${
  equivalent.length === 0
    ? 'None reviewed in this run.'
    : equivalent
        .map((e) => `- \`${e.file}:${e.line}\` ${e.mutator} → \`${e.replacement.replaceAll('\n', ' ').slice(0, 80)}\`: ${e.reason}`)
        .join('\n')
}
${unused.length ? `\nReviewed entries that matched no survivor this run (the code moved or a test now kills them): ${unused.length}.\n` : ''}
## Survivors not yet reviewed, by file

${worst.length === 0 ? 'None.' : worst.map(([file, count]) => `- \`${file}\`: ${count}`).join('\n')}

The HTML report with every mutant is \`reports/mutation/mutation.html\` (not committed).
`
}

function machine() {
  const [one] = loadavg()
  return `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 20)} MB, ${process.platform}-${process.arch}, Node ${process.version}; 1-minute load average ${one.toFixed(1)} at the end`
}

function formatDuration(ms) {
  const minutes = Math.floor(ms / 60_000)
  const seconds = Math.round((ms % 60_000) / 1000)
  return `${minutes} min ${seconds} s`
}

/** The value after `--name` (`--name value`), if given. */
function option(args, name) {
  const at = args.indexOf(name)
  return at >= 0 ? args[at + 1] : undefined
}

async function main(args) {
  let runTime = 'not measured (report written from an existing Stryker report)'
  const ours = ['--before', '--run-time', '--before-note', '--note']
  const valued = new Set(ours.map((name) => args.indexOf(name) + 1).filter((at) => at > 0))
  const running = args.includes('--run')
  // With --run the report is Stryker's own; without, the arguments name the reports to read.
  const reports = running ? [] : args.filter((a, at) => a.endsWith('.json') && !valued.has(at))
  // Anything else goes to Stryker, e.g. `npm run mutate -- --mutate 'src/main/kibo/**/*.ts'` for one folder.
  const forStryker = args.filter((a, at) => a !== '--run' && !ours.includes(a) && !valued.has(at) && !reports.includes(a))
  if (!args.includes('--run') && forStryker.length) {
    console.error(`Not understood: ${forStryker.join(' ')} (Stryker options go with --run).`)
    process.exit(2)
  }
  if (args.includes('--run')) {
    const started = Date.now()
    const result = spawnSync('npx', ['stryker', 'run', ...forStryker], { cwd: root, stdio: 'inherit' })
    runTime = `${formatDuration(Date.now() - started)} for \`stryker run\``
    if (result.status !== 0) {
      console.error(`stryker run failed (exit ${result.status ?? result.signal}); no results written.`)
      process.exit(result.status ?? 1)
    }
  }
  const inputs = reports.length ? reports : [defaultReport]
  const merged = { files: {} }
  for (const input of inputs) {
    if (!existsSync(input)) {
      console.error(`${input} does not exist: run \`npm run mutate\` first.`)
      process.exit(1)
    }
    Object.assign(merged.files, JSON.parse(readFileSync(input, 'utf8')).files)
  }
  const equivalents = existsSync(equivalentFile) ? JSON.parse(readFileSync(equivalentFile, 'utf8')) : []
  const summary = summarize(merged, equivalents)
  let before = null
  const beforeFile = option(args, '--before')
  if (beforeFile) {
    const earlier = summarize(JSON.parse(readFileSync(beforeFile, 'utf8')))
    before = new Map([...earlier.rows, total(earlier.rows)].map((row) => [row.folder, score(row)]))
  }
  const text = render(summary, {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    machine: machine(),
    runTime: option(args, '--run-time') ?? runTime,
    before,
    beforeNote: option(args, '--before-note') ?? `from ${relative(root, beforeFile ?? '')}.`,
    note: option(args, '--note'),
  })
  // Formatted as `npm run lint` expects the committed file to be.
  const prettier = await import('prettier')
  const options = (await prettier.resolveConfig(resultsFile)) ?? {}
  writeFileSync(resultsFile, await prettier.format(text, { ...options, filepath: resultsFile }))
  console.log(table(summary.rows))
  console.log(`\nWritten to ${relative(root, resultsFile)}.`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2))
