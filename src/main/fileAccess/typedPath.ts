// The browser host has no native dialogs, so there a person types paths. Each typed path is
// checked here before main grants it: to read, an absolute path to a regular, readable file; to
// write, a file name in the one folder the person chose for exports when starting the host.
import { constants } from 'node:fs'
import { access, lstat, mkdir, realpath, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { fail } from '../../shared/errors'

const typeItAgain = 'Type the full path of the file, starting with /.'

/** The real path of a file a person typed to open, after checking it is one this app can read. */
export async function checkTypedOpenPath(typed: string): Promise<string> {
  const path = typed.trim()
  if (path.includes('\0')) fail('invalid-input', 'That path contains a character no file name can hold.', { hint: typeItAgain })
  if (!isAbsolute(path)) {
    fail('invalid-input', `“${path}” is not a full path: the app would not know which folder it is in.`, { hint: typeItAgain })
  }
  let real: string
  try {
    real = await realpath(path)
  } catch (error) {
    return fail('file', `Could not open ${path}: ${reasonOf(error, 'open')}.`, { where: path, hint: typeItAgain })
  }
  const info = await stat(real).catch((error: unknown) =>
    fail('file', `Could not open ${path}: ${reasonOf(error, 'open')}.`, { where: path, hint: typeItAgain }),
  )
  if (!info.isFile()) {
    fail('file', `${path} is ${notAFile(info)}, not a file this app can read.`, {
      where: path,
      hint: 'Type the path of an exported accounts file (.json, .jsonl) or a profiles file.',
    })
  }
  await access(real, constants.R_OK).catch((error: unknown) =>
    fail('file', `Could not open ${path}: ${reasonOf(error, 'open')}.`, { where: path, hint: 'Check the file’s permissions.' }),
  )
  return real
}

/**
 * The full path a typed save name stands for: a bare file name goes in the export folder; a full
 * path is accepted only if its folder is the export folder. Anything else is refused, naming the
 * folder, so a page can never widen where it writes.
 */
export async function checkTypedSavePath(typed: string, exportFolder: string): Promise<string> {
  const text = typed.trim()
  const where = `Files are saved in ${exportFolder}, the folder chosen for exports.`
  const changeIt = 'Type a file name, or start the app with --export-folder DIR to save somewhere else.'
  if (text.includes('\0')) fail('invalid-input', 'That name contains a character no file name can hold.', { hint: changeIt })
  const typedName = isAbsolute(text) ? basename(text) : text
  if (typedName === '' || typedName === '.' || typedName === '..' || text.endsWith('/')) {
    fail('invalid-input', 'Type a name for the file.', { hint: changeIt })
  }
  let target: string
  if (isAbsolute(text)) {
    const folder = await realpath(dirname(resolve(text))).catch(() => null)
    if (folder !== (await realFolder(exportFolder))) fail('invalid-input', `${where} ${text} is not in it.`, { hint: changeIt })
    target = join(exportFolder, basename(text))
  } else if (/[/\\]/.test(text)) {
    fail('invalid-input', `“${text}” names a folder. ${where}`, { hint: changeIt })
  } else {
    target = join(exportFolder, text)
  }
  if (Buffer.byteLength(basename(target)) > 255) fail('invalid-input', 'That file name is too long.', { hint: 'Type a shorter name.' })
  await mkdir(exportFolder, { recursive: true }).catch((error: unknown) =>
    fail('file', `Could not create the export folder ${exportFolder}: ${reasonOf(error, 'create')}.`, { where: exportFolder }),
  )
  const existing = await lstat(target).catch(() => null)
  if (existing && !existing.isFile()) {
    fail('file', `${target} is ${notAFile(existing)}; it cannot be replaced by an export.`, { where: target, hint: 'Type another name.' })
  }
  return target
}

/**
 * Where the browser host saves when no --export-folder was given: the person's Downloads folder
 * if there is one (where a browser would put a file), else "Account Inspector exports" in their
 * home folder, made on first use.
 */
export async function defaultExportFolder(home = homedir()): Promise<string> {
  const downloads = join(home, 'Downloads')
  const info = await stat(downloads).catch(() => null)
  return info?.isDirectory() ? downloads : join(home, 'Account Inspector exports')
}

async function realFolder(folder: string): Promise<string> {
  return realpath(folder).catch(() => resolve(folder))
}

function notAFile(info: {
  isDirectory(): boolean
  isFIFO(): boolean
  isSocket(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
  isSymbolicLink(): boolean
}): string {
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  if (info.isSymbolicLink()) return 'a link'
  return 'not a regular file'
}

const reasons: Record<string, string> = {
  ENOENT: 'there is no such file',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'the path has too many links (or loops through one)',
  ENAMETOOLONG: 'the path is too long',
  EROFS: 'the disk is read-only',
}

function reasonOf(error: unknown, action: 'open' | 'create'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? ''
  if (code === 'ENOENT' && action === 'create') return 'a folder on the way does not exist'
  return reasons[code] ?? 'the system refused'
}
