// The account-export filter has one home, passed by the File menu (index.ts) and files.chooseOpen
// alike (handlers/files.test.ts); every file type the installed app claims is one it offers.
import { readFileSync } from 'node:fs'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { accountExportFilters } from './dialogs'

describe('accountExportFilters', () => {
  it('offers every extension the packaged app is associated with, and a way out to all files', () => {
    const config = load(readFileSync(new URL('../../electron.builder.yml', import.meta.url), 'utf8')) as {
      fileAssociations: Array<{ ext: string }>
    }
    const offered = accountExportFilters.flatMap((f) => f.extensions)
    for (const { ext } of config.fileAssociations) expect(offered).toContain(ext)
    expect(accountExportFilters[0]).toEqual({ name: 'Account exports', extensions: ['json', 'jsonl', 'ndjson'] })
    expect(accountExportFilters.at(-1)).toEqual({ name: 'All files', extensions: ['*'] })
  })
})
