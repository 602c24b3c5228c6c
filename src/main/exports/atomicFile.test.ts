import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appFailureOf } from '../../../test/failures'
import { AtomicFile, FileExists, writeFileAtomically } from './atomicFile'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-file-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const modeOf = async (path: string) => (await stat(path)).mode & 0o777

describe('writeFileAtomically', () => {
  it('writes a new file readable by its owner only', async () => {
    const path = join(dir, 'new.json')
    expect(await writeFileAtomically(path, '{}\n')).toBe(3)
    expect(await readFile(path, 'utf8')).toBe('{}\n')
    expect(await modeOf(path)).toBe(0o600)
  })

  it('never replaces an existing file unless asked, and leaves no partial file', async () => {
    const path = join(dir, 'profiles.json')
    await writeFile(path, 'keep me')
    const failure = await appFailureOf(writeFileAtomically(path, 'new'))
    expect(failure).toBeInstanceOf(FileExists)
    expect(failure.error).toMatchObject({ kind: 'file', message: `profiles.json already exists in ${dir}.`, where: path })
    expect(await readFile(path, 'utf8')).toBe('keep me')
    expect(await readdir(dir)).toEqual(['profiles.json'])
  })

  it('keeps the mode of the file it replaces', async () => {
    const path = join(dir, 'shared.json')
    await writeFile(path, 'old')
    await chmod(path, 0o644)
    await writeFileAtomically(path, 'new', { replace: true })
    expect(await readFile(path, 'utf8')).toBe('new')
    expect(await modeOf(path)).toBe(0o644)
    await chmod(path, 0o640)
    await writeFileAtomically(path, 'newer', { replace: true })
    expect(await modeOf(path)).toBe(0o640)
    expect(await readdir(dir)).toEqual(['shared.json'])
  })

  it('does not replace a file that appeared while it was being written', async () => {
    const path = join(dir, 'race.json')
    const file = await AtomicFile.create(path)
    file.append('mine')
    await writeFile(path, 'theirs')
    const failure = await appFailureOf(file.commit())
    expect(failure).toBeInstanceOf(FileExists)
    await file.discard()
    expect(await readFile(path, 'utf8')).toBe('theirs')
    expect(await readdir(dir)).toEqual(['race.json'])
  })

  it('refuses to replace a folder, even when asked to replace', async () => {
    const path = join(dir, 'folder.json')
    await mkdir(path)
    const failure = await appFailureOf(writeFileAtomically(path, 'x', { replace: true }))
    expect(failure.error.message).toBe(`Could not write ${path}: it is a folder.`)
    expect((await stat(path)).isDirectory()).toBe(true)
  })
})
