// Opening a file someone named, in words: what an errno means, and why a named pipe, a device, a
// socket or a folder is refused before a byte is read. Messages name the file, never its content.
import { closeSync, constants, fstatSync, openSync, type Stats } from 'node:fs'
import { basename } from 'node:path'
import { AppFailure } from '../../shared/errors'

const SAVE_FIRST = 'Save the accounts to a file on disk first, then open that file.'

// Why an open or a read failed, by error code, in a person's words. A code not listed here is
// still said in words ("an unexpected system error"), with the code in brackets for support.
const reasons: Record<string, { reason: string; hint?: string }> = {
  ENOENT: { reason: 'there is no file at that path', hint: 'Check the name and the folder, or choose the file again.' },
  ENOTDIR: { reason: 'a part of the path is a file, not a folder', hint: 'Check the path, or choose the file again.' },
  EACCES: {
    reason: 'permission denied (this user may not read it)',
    hint: 'Ask for read access, or copy the file somewhere you can read.',
  },
  EPERM: { reason: 'the system does not allow reading it', hint: 'Copy the file somewhere you can read and open the copy.' },
  EISDIR: { reason: 'it is a folder, not a file', hint: 'Open a file inside the folder instead.' },
  ELOOP: {
    reason: 'too many symbolic links (a link loop: a link that leads back to itself)',
    hint: 'Open the file the link should point to.',
  },
  ENAMETOOLONG: { reason: 'the path is too long', hint: 'Move the file to a shorter path.' },
  EMFILE: { reason: 'too many files are open in this app', hint: 'Close some open files and try again.' },
  ENFILE: { reason: 'too many files are open on this computer', hint: 'Close some programs and try again.' },
  EIO: { reason: 'the disk reported a read error', hint: 'Copy the file to another disk and open the copy.' },
  ENXIO: { reason: 'it is a device or socket with nothing behind it', hint: SAVE_FIRST },
  ENODEV: { reason: 'it is a device, not a file', hint: SAVE_FIRST },
  EAGAIN: { reason: 'nothing could be read from it yet (it is not a regular file)', hint: SAVE_FIRST },
  EBUSY: { reason: 'the file is in use', hint: 'Close the program that holds it and try again.' },
  ETIMEDOUT: { reason: 'the network share stopped answering', hint: 'Copy the file to this computer and open the copy.' },
  ESTALE: { reason: 'the network share no longer has that file', hint: 'Copy the file to this computer and open the copy.' },
  EOVERFLOW: { reason: 'the file is too large for this system to read', hint: 'Split the file into smaller ones.' },
  EFBIG: { reason: 'the file is too large for this system to read', hint: 'Split the file into smaller ones.' },
  ERR_INVALID_ARG_VALUE: {
    reason: 'the path is not valid (it holds a character no path can hold, such as a NUL)',
    hint: 'Choose the file again instead of typing its path.',
  },
  ERR_INVALID_ARG_TYPE: { reason: 'the path is not valid', hint: 'Choose the file again instead of typing its path.' },
}

/** Why a file operation failed, in words, from its error: never a bare code. */
export function reasonFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? ''
  return reasons[code]?.reason ?? (code ? `an unexpected system error (${code})` : 'an unexpected error')
}

/** A path or name fit for a message: control characters (a NUL, a newline) shown as '�'. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD')
}

/** The name to show for a path, even one that does not parse. */
export function displayName(path: string): string {
  return printable(basename(path) || path)
}

/** A person-readable AppFailure for a failed open or read; never the system's own text. */
export function openFailure(error: unknown, path: string, action: 'open' | 'read' = 'open'): AppFailure {
  if (error instanceof AppFailure) return error
  const known = reasons[(error as NodeJS.ErrnoException | null)?.code ?? '']
  const reason = reasonFor(error)
  return new AppFailure({
    kind: 'file',
    message: `Could not ${action} ${displayName(path)}: ${reason}.`,
    ...(known?.hint ? { hint: known.hint } : {}),
    where: printable(path),
  })
}

/** What a non-regular file is, in words; null for a regular file. */
export function notAFile(stat: Stats): string | null {
  if (stat.isFile()) return null
  if (stat.isDirectory()) return 'a folder'
  if (stat.isFIFO()) return 'a named pipe (FIFO)'
  if (stat.isSocket()) return 'a socket'
  if (stat.isCharacterDevice()) return 'a character device'
  if (stat.isBlockDevice()) return 'a block device (a disk)'
  return 'not a regular file'
}

// Non-blocking, so opening a named pipe with no writer returns at once instead of waiting for
// one (which no cancel could interrupt); a regular file reads the same either way. Windows has
// no such flag and no FIFOs that block this way.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** Opens `path` for reading only if it is a regular file: fstat on the opened descriptor, so what was checked is what is read. */
export function openRegularFile(path: string): { fd: number; stat: Stats } {
  let fd: number
  try {
    fd = openSync(path, OPEN_FLAGS)
  } catch (error) {
    throw openFailure(error, path)
  }
  try {
    const stat = fstatSync(fd)
    const what = notAFile(stat)
    if (what)
      throw new AppFailure({
        kind: 'file',
        message: `${displayName(path)} is ${what}, not a regular file; only files saved on disk can be opened.`,
        hint: what === 'a folder' ? 'Open a file inside the folder instead.' : SAVE_FIRST,
        where: printable(path),
      })
    return { fd, stat }
  } catch (error) {
    closeSync(fd)
    throw openFailure(error, path)
  }
}
