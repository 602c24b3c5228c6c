// How an atomic write fails: every file-system error becomes a sentence naming the file, the
// reason and what to do, and nothing half-written is left behind.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppFailure } from '../../shared/errors'
import { appFailureOf } from '../../../test/failures'
import { AtomicFile, FileExists, fileFailure, writeFileAtomically } from './atomicFile'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-failures-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const errno = (code: string) => Object.assign(new Error(`${code}: raw system text`), { code })

describe('fileFailure', () => {
  it.each([
    ['EACCES', 'permission denied', 'Choose a folder you can write to.'],
    ['EPERM', 'permission denied', 'Choose a folder you can write to.'],
    ['EROFS', 'the disk is read-only', 'Choose a folder you can write to.'],
    ['ENOSPC', 'the disk is full', 'Free some space or choose another disk.'],
    ['EDQUOT', 'the disk quota is exceeded', 'Free some space or choose another disk.'],
    ['EISDIR', 'a folder has that name', undefined],
    ['ENAMETOOLONG', 'the name is too long', undefined],
    ['EBUSY', 'the file is in use', undefined],
    ['EEXIST', 'a temporary file of that name exists', undefined],
    ['EIO', 'error EIO', undefined],
  ])('%s when writing says "%s"', (code, reason, hint) => {
    const { error } = fileFailure(errno(code), '/data/out.json', 'write')
    expect(error).toEqual({
      kind: 'file',
      message: `Could not write /data/out.json: ${reason}.`,
      where: '/data/out.json',
      ...(hint ? { hint } : {}),
    })
  })

  it('names the folder when writing and the file when reading a missing path', () => {
    expect(fileFailure(errno('ENOENT'), '/x/a.json', 'write').error.message).toBe('Could not write /x/a.json: the folder does not exist.')
    expect(fileFailure(errno('ENOENT'), '/x/a.json', 'create').error.message).toBe('Could not create /x/a.json: the folder does not exist.')
    expect(fileFailure(errno('ENOENT'), '/x/a.json', 'read').error.message).toBe('Could not read /x/a.json: the file does not exist.')
    expect(fileFailure(errno('ENOENT'), '/x/a.json', 'open').error.message).toBe('Could not open /x/a.json: the file does not exist.')
  })

  it('never repeats an error without a code, and passes an AppFailure through as it is', () => {
    expect(fileFailure(new Error('secret detail'), '/a', 'read').error.message).toBe('Could not read /a: an unexpected error.')
    expect(fileFailure(null, '/a', 'read').error.message).toBe('Could not read /a: an unexpected error.')
    const own = new AppFailure({ kind: 'bad-file', message: 'mine' })
    expect(fileFailure(own, '/a', 'read')).toBe(own)
  })
})

describe('AtomicFile', () => {
  it('counts bytes, not characters, and writes them all', async () => {
    const path = join(dir, 'names.json')
    expect(await writeFileAtomically(path, '"Émile 🙂"')).toBe(Buffer.byteLength('"Émile 🙂"'))
    expect(await readFile(path, 'utf8')).toBe('"Émile 🙂"')
  })

  it('writes to the partial file only once a megabyte is queued, and everything on commit', async () => {
    const path = join(dir, 'big.jsonl')
    const file = await AtomicFile.create(path)
    const partialSize = async () => (await stat(file.tempPath)).size
    file.append('x'.repeat(1000))
    await file.flushIfFull()
    expect(await partialSize()).toBe(0)
    file.append('y'.repeat((1 << 20) - 1000))
    await file.flushIfFull()
    expect(await partialSize()).toBe(1 << 20)
    file.append('z')
    await file.flush()
    expect(await partialSize()).toBe((1 << 20) + 1)
    await file.flush()
    expect(await file.commit()).toBe((1 << 20) + 1)
    expect((await stat(path)).size).toBe((1 << 20) + 1)
    expect(await readdir(dir)).toEqual(['big.jsonl'])
  })

  it('puts its partial file beside the target, hidden, and removes it on discard, twice safely', async () => {
    const path = join(dir, 'accounts.json')
    const file = await AtomicFile.create(path)
    expect(file.tempPath.startsWith(join(dir, '.accounts.json.'))).toBe(true)
    expect(file.tempPath.endsWith('.partial')).toBe(true)
    file.append('data')
    await file.discard()
    await file.discard()
    expect(await readdir(dir)).toEqual([])
    const failure = await appFailureOf(file.commit())
    expect(failure.error).toMatchObject({ kind: 'internal', message: 'The export file was already closed.' })
  })

  it('cannot append after commit', async () => {
    const file = await AtomicFile.create(join(dir, 'once.json'))
    file.append('1')
    await file.commit()
    file.append('2')
    expect((await appFailureOf(file.flush())).error.kind).toBe('internal')
    expect(await readFile(join(dir, 'once.json'), 'utf8')).toBe('1')
  })

  it('says the folder does not exist and leaves nothing behind', async () => {
    const path = join(dir, 'missing', 'out.json')
    const failure = await appFailureOf(writeFileAtomically(path, 'x'))
    expect(failure.error.message).toBe(`Could not create ${path}: the folder does not exist.`)
    expect(await readdir(dir)).toEqual([])
  })

  it('refuses to write through a link, even when asked to replace', async () => {
    const target = join(dir, 'real.json')
    await writeFile(target, 'real')
    const path = join(dir, 'link.json')
    await symlink(target, path)
    const failure = await appFailureOf(writeFileAtomically(path, 'x', { replace: true }))
    expect(failure.error.message).toBe(`Could not write ${path}: it is a link.`)
    expect(await readFile(target, 'utf8')).toBe('real')
  })

  it('refuses a path that is not a regular file', async () => {
    const path = join(dir, 'pipe')
    execFileSync('mkfifo', [path])
    const failure = await appFailureOf(writeFileAtomically(path, 'x', { replace: true }))
    expect(failure.error).toMatchObject({
      kind: 'file',
      message: `Could not write ${path}: it is not a regular file.`,
      hint: 'Choose another name.',
    })
  })

  it('reports a target that appeared during the write as FileExists, naming the file and folder', async () => {
    const path = join(dir, 'late.json')
    const file = await AtomicFile.create(path)
    await writeFile(path, 'theirs')
    const failure = await appFailureOf(file.commit())
    expect(failure).toBeInstanceOf(FileExists)
    expect((failure as FileExists).path).toBe(path)
    expect(failure.error.hint).toBe('Replace it, or choose another name.')
  })
})
