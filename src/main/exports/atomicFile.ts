// A file that appears whole or not at all. Everything goes to `.<name>.<random>.partial` beside
// the target (same directory, so the final rename stays on one file system and is atomic), is
// fsynced, then renamed over the target. Until that rename, an existing file at the target is
// untouched; a cancelled or failed write deletes the partial file.
//
// An existing file is never replaced unless the caller says so (the person confirmed): without
// `replace`, the partial file is hard-linked to the target, which fails if anything is there by
// then. Replacing keeps the old file's permissions: a file the person made group-readable stays so.
import { randomBytes } from 'node:crypto'
import { link, lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppFailure } from '../../shared/errors'

const FLUSH_AT = 1 << 20 // write in ~1 MB pieces: few syscalls, bounded memory

export class AtomicFile {
  readonly path: string
  readonly tempPath: string
  #handle: FileHandle | null
  #pending: string[] = []
  #pendingLength = 0
  #bytes = 0

  readonly #replace: boolean

  private constructor(path: string, tempPath: string, handle: FileHandle, replace: boolean) {
    this.path = path
    this.tempPath = tempPath
    this.#handle = handle
    this.#replace = replace
  }

  /**
   * Creates the partial file. A new export holds personal data: readable by its owner only. A file
   * being replaced keeps its mode. Without `replace`, an existing target fails with FileExists.
   */
  static async create(path: string, options: { replace?: boolean } = {}): Promise<AtomicFile> {
    const replace = options.replace ?? false
    const existing = await existingFile(path)
    if (existing && !replace) throw new FileExists(path)
    const mode = existing ? existing.mode & 0o777 : 0o600
    const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`)
    let handle: FileHandle | undefined
    try {
      handle = await open(tempPath, 'wx', mode)
      // open() applies the umask; a replaced file keeps exactly the mode it had.
      if (existing) await handle.chmod(mode)
      return new AtomicFile(path, tempPath, handle, replace)
    } catch (error) {
      if (handle) {
        await handle.close().catch(() => undefined)
        await unlink(tempPath).catch(() => undefined)
      }
      throw fileFailure(error, path, 'create')
    }
  }

  /** Queues text; call `flushIfFull` now and then to bound memory. */
  append(text: string): void {
    this.#pending.push(text)
    this.#pendingLength += text.length
  }

  async flushIfFull(): Promise<void> {
    if (this.#pendingLength >= FLUSH_AT) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return
    const data = Buffer.from(this.#pending.join(''), 'utf8')
    this.#pending = []
    this.#pendingLength = 0
    const handle = this.#open()
    try {
      let written = 0
      while (written < data.length) written += (await handle.write(data, written)).bytesWritten
    } catch (error) {
      throw fileFailure(error, this.path, 'write')
    }
    this.#bytes += data.length
  }

  /** Flushes, fsyncs and renames over the target. Returns the bytes written. */
  async commit(): Promise<number> {
    await this.flush()
    const handle = this.#open()
    try {
      await handle.sync()
      this.#handle = null
      await handle.close()
      if (this.#replace) await rename(this.tempPath, this.path)
      else await placeWithoutReplacing(this.tempPath, this.path)
    } catch (error) {
      if (error instanceof FileExists) throw error
      throw fileFailure(error, this.path, 'write')
    }
    await syncDirectory(dirname(this.path))
    return this.#bytes
  }

  /** Drops the partial file. Safe to call at any point, more than once. */
  async discard(): Promise<void> {
    this.#pending = []
    const handle = this.#handle
    this.#handle = null
    await handle?.close().catch(() => undefined)
    await unlink(this.tempPath).catch(() => undefined)
  }

  #open(): FileHandle {
    if (!this.#handle) throw new AppFailure({ kind: 'internal', message: 'The export file was already closed.' })
    return this.#handle
  }
}

/** The target already exists and the person has not agreed to replace it. */
export class FileExists extends AppFailure {
  readonly path: string
  constructor(path: string) {
    super({
      kind: 'file',
      message: `${basename(path)} already exists in ${dirname(path)}.`,
      hint: 'Replace it, or choose another name.',
      where: path,
    })
    this.path = path
  }
}

/** The regular file at `path`, null when nothing is there; anything else there cannot be replaced. */
async function existingFile(path: string): Promise<{ mode: number } | null> {
  try {
    const info = await lstat(path)
    if (info.isFile()) return { mode: info.mode }
    const what = info.isDirectory() ? 'a folder' : info.isSymbolicLink() ? 'a link' : 'not a regular file'
    throw new AppFailure({
      kind: 'file',
      message: `Could not write ${path}: it is ${what}.`,
      hint: 'Choose another name.',
      where: path,
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error instanceof AppFailure ? error : fileFailure(error, path, 'create')
  }
}

/**
 * Moves the finished file into place only if nothing is there: link() fails when the target
 * exists, where rename() would silently replace it. File systems without hard links (FAT, some
 * network shares) fall back to a check and a rename.
 */
async function placeWithoutReplacing(tempPath: string, path: string): Promise<void> {
  try {
    await link(tempPath, path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new FileExists(path)
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error
    if (await existingFile(path)) throw new FileExists(path)
    await rename(tempPath, path)
    return
  }
  await unlink(tempPath)
}

// Makes the rename itself durable. Directories can't be opened this way on Windows: best effort.
async function syncDirectory(path: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(path, 'r')
    await handle.sync()
  } catch {
    // Not supported here; the data itself is already synced.
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

const reasons: Record<string, string> = {
  ENOENT: 'the folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EISDIR: 'a folder has that name',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is in use',
  EEXIST: 'a temporary file of that name exists',
}

/** A person-readable AppFailure for a file-system error; never repeats the error's own text blindly. */
export function fileFailure(error: unknown, path: string, action: 'create' | 'write' | 'read' | 'open'): AppFailure {
  if (error instanceof AppFailure) return error
  const code = (error as NodeJS.ErrnoException | null)?.code ?? ''
  // Reading, a missing path is the file; writing, it is the folder the file would go in.
  const reason =
    code === 'ENOENT' && (action === 'read' || action === 'open')
      ? 'the file does not exist'
      : (reasons[code] ?? (code ? `error ${code}` : 'an unexpected error'))
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'Free some space or choose another disk.'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'Choose a folder you can write to.'
        : undefined
  return new AppFailure({ kind: 'file', message: `Could not ${action} ${path}: ${reason}.`, ...(hint ? { hint } : {}), where: path })
}

/** Writes a whole text file atomically: the old file or the new one, never half of one. */
export async function writeFileAtomically(path: string, text: string, options: { replace?: boolean } = {}): Promise<number> {
  const file = await AtomicFile.create(path, options)
  try {
    file.append(text)
    return await file.commit()
  } catch (error) {
    await file.discard()
    throw error
  }
}
