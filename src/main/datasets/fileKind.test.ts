import { execFileSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors'
import { displayName, notAFile, openFailure, openRegularFile, printable, reasonFor } from './fileKind'
import { locateInFile } from './position'

const dir = mkdtempSync(join(tmpdir(), 'filekind-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const errno = (code: string) => Object.assign(new Error(`${code}: system text /secret/path`), { code })

function openError(path: string): AppError {
  try {
    closeSync(openRegularFile(path).fd)
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected the open to fail')
}

describe('reasonFor', () => {
  it('says a known code in words, an unknown one with its code, and no code as unexpected', () => {
    expect(reasonFor(errno('ENOENT'))).toBe('there is no file at that path')
    expect(reasonFor(errno('EACCES'))).toBe('permission denied (this user may not read it)')
    expect(reasonFor(errno('EWHATEVER'))).toBe('an unexpected system error (EWHATEVER)')
    expect(reasonFor(new Error('x'))).toBe('an unexpected error')
    expect(reasonFor(null)).toBe('an unexpected error')
    expect(reasonFor(undefined)).toBe('an unexpected error')
  })
})

describe('printable and displayName', () => {
  it('shows control characters as replacement characters', () => {
    expect(printable('a\u0000b\nc\u001fd\u007fe\u0080f é')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\u0080f é')
    expect(printable('plain name.json')).toBe('plain name.json')
  })

  it('names a file by its base name, or the whole path when it has none', () => {
    expect(displayName('/some/folder/accounts\n.json')).toBe('accounts\uFFFD.json')
    expect(displayName('/')).toBe('/')
    expect(displayName('')).toBe('')
  })
})

describe('openFailure', () => {
  it('passes an AppFailure through as it is', () => {
    const failure = new AppFailure({ kind: 'bad-file', message: 'm' })
    expect(openFailure(failure, '/x/a.json')).toBe(failure)
  })

  it('says what failed in words, with the hint for the code, never the system text', () => {
    expect(openFailure(errno('ENOENT'), '/x/a.json').error).toEqual({
      kind: 'file',
      message: 'Could not open a.json: there is no file at that path.',
      hint: 'Check the name and the folder, or choose the file again.',
      where: '/x/a.json',
    })
    expect(openFailure(errno('EIO'), '/x/a\n.json', 'read').error).toEqual({
      kind: 'file',
      message: 'Could not read a\uFFFD.json: the disk reported a read error.',
      hint: 'Copy the file to another disk and open the copy.',
      where: '/x/a\uFFFD.json',
    })
    expect(openFailure(errno('EXYZ'), '/x/a.json').error).toEqual({
      kind: 'file',
      message: 'Could not open a.json: an unexpected system error (EXYZ).',
      where: '/x/a.json',
    })
    expect(openFailure(null, '/x/a.json').error).toEqual({
      kind: 'file',
      message: 'Could not open a.json: an unexpected error.',
      where: '/x/a.json',
    })
  })
})

describe('notAFile and openRegularFile', () => {
  it('opens a regular file', () => {
    const path = join(dir, 'a.json')
    writeFileSync(path, '[]')
    expect(notAFile(statSync(path))).toBe(null)
    const { fd, stat } = openRegularFile(path)
    try {
      expect(stat.isFile()).toBe(true)
      expect(stat.size).toBe(2)
    } finally {
      closeSync(fd)
    }
  })

  it('refuses a missing file and a folder', () => {
    expect(openError(join(dir, 'nope.json'))).toEqual({
      kind: 'file',
      message: 'Could not open nope.json: there is no file at that path.',
      hint: 'Check the name and the folder, or choose the file again.',
      where: join(dir, 'nope.json'),
    })
    expect(notAFile(statSync(dir))).toBe('a folder')
    expect(openError(dir)).toEqual({
      kind: 'file',
      message: `${displayName(dir)} is a folder, not a regular file; only files saved on disk can be opened.`,
      hint: 'Open a file inside the folder instead.',
      where: dir,
    })
  })

  it('refuses a device and a named pipe without waiting for a writer', () => {
    expect(notAFile(statSync('/dev/null'))).toBe('a character device')
    expect(openError('/dev/null')).toEqual({
      kind: 'file',
      message: 'null is a character device, not a regular file; only files saved on disk can be opened.',
      hint: 'Save the accounts to a file on disk first, then open that file.',
      where: '/dev/null',
    })
    const fifo = join(dir, 'pipe.json')
    execFileSync('mkfifo', [fifo])
    expect(notAFile(statSync(fifo))).toBe('a named pipe (FIFO)')
    expect(openError(fifo).message).toBe('pipe.json is a named pipe (FIFO), not a regular file; only files saved on disk can be opened.')
  })

  it('names a socket', async () => {
    const path = join(dir, 's.sock')
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(path, resolve))
    try {
      expect(notAFile(statSync(path))).toBe('a socket')
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('calls anything else not a regular file', () => {
    const stat = {
      isFile: () => false,
      isDirectory: () => false,
      isFIFO: () => false,
      isSocket: () => false,
      isCharacterDevice: () => false,
    }
    expect(notAFile({ ...stat, isBlockDevice: () => true } as never)).toBe('a block device (a disk)')
    expect(notAFile({ ...stat, isBlockDevice: () => false } as never)).toBe('not a regular file')
  })
})

describe('locateInFile', () => {
  const locate = (contents: string | Buffer, offset: number, skip?: number) => {
    const path = join(dir, `pos-${Math.random()}.json`)
    writeFileSync(path, contents)
    const fd = openSync(path, 'r')
    try {
      return locateInFile(fd, offset, skip)
    } finally {
      closeSync(fd)
    }
  }

  it('counts lines and characters, not bytes', () => {
    const text = 'ab\ncdé\nfgh'
    expect(locate(text, 0)).toEqual({ line: 1, column: 1 })
    expect(locate(text, 2)).toEqual({ line: 1, column: 3 })
    expect(locate(text, 3)).toEqual({ line: 2, column: 1 })
    expect(locate(text, Buffer.byteLength('ab\ncdé'))).toEqual({ line: 2, column: 4 })
    expect(locate(text, Buffer.byteLength('ab\ncdé\nf'))).toEqual({ line: 3, column: 2 })
  })

  it('does not count a byte order mark, and stops at the end of the file', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ab\ncd')])
    expect(locate(withBom, 4, 3)).toEqual({ line: 1, column: 2 })
    expect(locate(withBom, 7, 3)).toEqual({ line: 2, column: 2 })
    expect(locate('a\nb', 100)).toEqual({ line: 2, column: 2 })
  })

  it('reads files larger than its chunk', () => {
    const line = 'x'.repeat(99) + '\n'
    const text = line.repeat(15_000) + 'yz'
    expect(locate(text, text.length - 1)).toEqual({ line: 15_001, column: 2 })
    expect(locate(text, 1 << 20)).toEqual({ line: Math.floor((1 << 20) / 100) + 1, column: ((1 << 20) % 100) + 1 })
  })
})
