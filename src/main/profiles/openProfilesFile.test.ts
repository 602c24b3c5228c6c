import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadProfilesFile } from './openProfilesFile'

const root = mkdtempSync(join(tmpdir(), 'profiles-file-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('loadProfilesFile: a file that cannot be read', () => {
  it('says why in words, never as a bare error code', () => {
    const loop = join(root, 'loop')
    mkdirSync(loop)
    symlinkSync(join(loop, 'profiles.json'), join(loop, 'profiles.json'))
    const folder = join(root, 'folder')
    mkdirSync(join(folder, 'profiles.json'), { recursive: true })
    const now = new Date('2025-01-31T09:15:02.123Z')
    expect(loadProfilesFile(loop, now).problems.join(' ')).toContain(
      'could not be used (reading it failed: too many symbolic links (a link loop: a link that leads back to itself))',
    )
    const inFolder = loadProfilesFile(folder, now).problems.join(' ')
    expect(inFolder).toContain('could not be used (reading it failed: it is a folder, not a file)')
    expect(inFolder).not.toMatch(/\bE[A-Z]{3,}\b/)
  })
})
