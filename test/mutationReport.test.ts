// The mutation report: scores per folder, and survivors reviewed as equivalent matched by file,
// mutator and code rather than by a line number that moves with every edit.
import { describe, expect, it } from 'vitest'
// @ts-expect-error a plain .mjs script without types
import { folderOf, matchesEquivalent, render, score, summarize } from '../scripts/mutation-report.mjs'

const source = 'const a = 1\nif (x > 0) run()\nreturn a\n'
const mutant = (status: string, line: number, mutatorName = 'ConditionalExpression', replacement = 'true') => ({
  status,
  mutatorName,
  replacement,
  location: { start: { line, column: 1 }, end: { line, column: 5 } },
})

const report = {
  files: {
    'src/shared/responseFields/parse.ts': {
      source,
      mutants: [mutant('Killed', 1), mutant('Killed', 1), mutant('Timeout', 1), mutant('Survived', 2), mutant('Ignored', 3)],
    },
    'src/main/operations.ts': { source, mutants: [mutant('NoCoverage', 3, 'BlockStatement', '{}'), mutant('Killed', 1)] },
  },
}

describe('mutation report', () => {
  it('groups files by folder; a file at the root of src/main is its own row', () => {
    expect(folderOf('src/shared/responseFields/parse.ts')).toBe('src/shared/responseFields')
    expect(folderOf('src/shared/errors.ts')).toBe('src/shared')
    expect(folderOf('src/main/operations.ts')).toBe('src/main/operations.ts')
  })

  it('counts each status per folder and scores detected over detected plus undetected', () => {
    const { rows } = summarize(report)
    const parse = rows.find((r: { folder: string }) => r.folder === 'src/shared/responseFields')
    expect(parse).toMatchObject({ killed: 2, timeout: 1, survived: 1, noCoverage: 0, ignored: 1, equivalent: 0 })
    expect(score(parse)).toBe(75)
    const operations = rows.find((r: { folder: string }) => r.folder === 'src/main/operations.ts')
    expect(score(operations)).toBe(50)
    expect(score({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0 })).toBeNull()
  })

  it('takes a reviewed equivalent survivor out of the adjusted score, with its reason, and only that one', () => {
    const entry = {
      file: 'src/shared/responseFields/parse.ts',
      mutator: 'ConditionalExpression',
      code: 'if (x > 0)',
      reason: 'x is never negative',
    }
    expect(matchesEquivalent(entry, entry.file, mutant('Survived', 2), source)).toBe(true)
    expect(matchesEquivalent(entry, entry.file, mutant('Survived', 1), source)).toBe(false)
    expect(matchesEquivalent({ ...entry, replacement: 'false' }, entry.file, mutant('Survived', 2), source)).toBe(false)
    expect(matchesEquivalent(entry, 'src/shared/other.ts', mutant('Survived', 2), source)).toBe(false)
    const summary = summarize(report, [entry])
    const parse = summary.rows.find((r: { folder: string }) => r.folder === 'src/shared/responseFields')
    expect(parse.equivalent).toBe(1)
    expect(score(parse, { withoutEquivalent: true })).toBe(100)
    expect(summary.equivalent).toEqual([expect.objectContaining({ line: 2, reason: 'x is never negative' })])
    expect(summary.survivors).toEqual([expect.objectContaining({ file: 'src/main/operations.ts', status: 'NoCoverage' })])
    const text = render(summary, { date: 'd', machine: 'm', runTime: 'r' })
    expect(text).toContain('| src/shared/responseFields | 2 | 1 | 0 | 1 | 75.0% | 1 | 100.0% | yes |')
    expect(text).toContain('| src/main/operations.ts | 1 | 0 | 1 | 0 | 50.0% | 0 | 50.0% | no |')
    expect(text).toContain('x is never negative')
  })
})
