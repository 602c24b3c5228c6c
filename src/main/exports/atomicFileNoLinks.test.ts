// File systems without hard links (FAT, some network shares): the finished file is moved into
// place with a check and a rename instead, and still never replaces a file unasked.
import type * as fsPromises from 'node:fs/promises'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appFailureOf } from '../../../test/failures'
import { FileExists, writeFileAtomically } from './atomicFile'

const linkError = vi.hoisted(() => ({ code: 'EPERM' as string | null }))
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof fsPromises>()
  return {
    ...actual,
    link: async (from: string, to: string) => {
      if (linkError.code) throw Object.assign(new Error(linkError.code), { code: linkError.code })
      return actual.link(from, to)
    },
  }
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-nolinks-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomically where hard links are not supported', () => {
  it.each(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS'])('%s: falls back to a checked rename', async (code) => {
    linkError.code = code
    const path = join(dir, 'out.json')
    expect(await writeFileAtomically(path, 'new')).toBe(3)
    expect(await readFile(path, 'utf8')).toBe('new')
    expect(await readdir(dir)).toEqual(['out.json'])
  })

  it('still refuses to replace an existing file', async () => {
    linkError.code = 'EPERM'
    const path = join(dir, 'out.json')
    await writeFile(path, 'keep')
    expect(await appFailureOf(writeFileAtomically(path, 'new'))).toBeInstanceOf(FileExists)
    expect(await readFile(path, 'utf8')).toBe('keep')
    expect(await readdir(dir)).toEqual(['out.json'])
  })

  it('a target that exists when linking fails as FileExists', async () => {
    linkError.code = 'EEXIST'
    const path = join(dir, 'out.json')
    expect(await appFailureOf(writeFileAtomically(path, 'new'))).toBeInstanceOf(FileExists)
    expect(await readdir(dir)).toEqual([])
  })

  it('any other link error is a write failure, with the partial file removed', async () => {
    linkError.code = 'EIO'
    const path = join(dir, 'out.json')
    const failure = await appFailureOf(writeFileAtomically(path, 'new'))
    expect(failure.error.message).toBe(`Could not write ${path}: error EIO.`)
    expect(await readdir(dir)).toEqual([])
  })

  it('with links working, the partial file is gone after linking', async () => {
    linkError.code = null
    const path = join(dir, 'out.json')
    await writeFileAtomically(path, 'linked')
    expect(await readdir(dir)).toEqual(['out.json'])
  })
})
