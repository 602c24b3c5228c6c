// Runs Electronegativity over src and fails on any HIGH or MEDIUM finding, except the few that
// the tool itself marks "review required" and that we reviewed (security/reviewed-findings.json).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const electronVersion = require('electron/package.json').version
const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js')
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
const csv = join(dir, 'findings.csv')
const run = spawnSync(process.execPath, [cli, '-i', 'src', '-e', electronVersion, '-r', '-v', 'false', '-o', csv], {
  encoding: 'utf8',
})
if (run.status !== 0) {
  console.error(run.stdout, run.stderr)
  console.error('Electronegativity did not run.')
  process.exit(1)
}
const reviewed = JSON.parse(readFileSync('security/reviewed-findings.json', 'utf8'))
const rows = readFileSync(csv, 'utf8').split('\n').slice(1).filter(Boolean)
rmSync(dir, { recursive: true, force: true })
let blocking = 0
for (const row of rows) {
  if (!/^[A-Z0-9_]+_CHECK,/.test(row)) continue // a continuation line of a multi-line sample
  const match = /^([A-Z0-9_]+),"(HIGH|MEDIUM|LOW|INFORMATIONAL)","\w+","([^"]*)","([^"]*)"/.exec(row)
  if (!match) {
    // A finding we cannot read is a finding we cannot accept.
    blocking++
    console.log(`FAIL  unreadable finding: ${row.slice(0, 160)}`)
    continue
  }
  const [, check, severity, file, location] = match
  const accepted = reviewed.some((r) => r.check === check && r.file === file)
  const blocks = (severity === 'HIGH' || severity === 'MEDIUM') && !accepted
  if (blocks) blocking++
  console.log(`${blocks ? 'FAIL' : accepted ? 'reviewed' : 'note'}  ${severity.padEnd(7)} ${check} ${file}:${location}`)
}
console.log(`Electronegativity ${electronVersion}: ${rows.length} finding(s), ${blocking} blocking.`)
process.exit(blocking > 0 ? 1 : 0)
