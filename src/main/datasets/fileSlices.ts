// Reads parts of an opened file back from disk: a customer bundle's line, or an account of a file
// indexed without holding its accounts (fileAccounts.ts). The file is opened again for each read
// (no descriptor outlives a read, nothing locks the file); one that changed on disk since it was
// read is refused rather than read as something else.
import { closeSync, fstatSync, readSync, type Stats } from 'node:fs'
import { AppFailure } from '../../shared/errors'
import { openRegularFile } from './fileKind'

export function changedOnDisk(): AppFailure {
  return new AppFailure({
    kind: 'bad-file',
    message:
      'The file changed on disk after it was opened, so its accounts and customer bundles can no longer be read from it as they were.',
    hint: 'Open the file again.',
  })
}

/** Someone following a walk through the file: told how far it is, asked whether to stop. */
export interface ScanWatch {
  /** `done` of `total` bytes of the file walked. */
  progress(done: number, total: number): void
  cancelled(): boolean
}

export function scanCancelled(): AppFailure {
  return new AppFailure({ kind: 'cancelled', message: 'Reading the file for the filter was cancelled.' })
}

/** Bytes read in one go when walking many slices in file order. */
const WINDOW = 8 << 20

export class FileSlices {
  #file: { path: string; size: number; mtimeMs: number; ino: number } | null = null
  readonly #window: number

  /** `window`: bytes read in one go by `each` (tests make it small). */
  constructor(window = WINDOW) {
    this.#window = window
  }

  /** The file as it was read (`stat` taken after reading it): slices are read back from it while it stays so. */
  attach(path: string, stat: Pick<Stats, 'size' | 'mtimeMs' | 'ino'>): void {
    this.#file = { path, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino }
  }

  /** The file as it was read, if known. */
  get file(): { path: string; size: number; mtimeMs: number; ino: number } | null {
    return this.#file && { ...this.#file }
  }

  /** The `length` bytes at `start`. */
  read(start: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafe(length)
    this.#withFile((fd) => fill(fd, bytes, length, start))
    return bytes
  }

  /**
   * Each slice in turn (`starts` ascending, as the file holds them), read through one descriptor in
   * windows of a few MB: `visit(bytes, from, to, k)` sees slice k as bytes[from, to). `watch` is
   * told the progress and asked whether to stop before each window is read.
   */
  each(
    count: number,
    startOf: (k: number) => number,
    lengthOf: (k: number) => number,
    visit: (bytes: Buffer, from: number, to: number, k: number) => void,
    watch?: ScanWatch,
  ): void {
    this.#withFile((fd) => {
      let window = Buffer.allocUnsafe(this.#window)
      let base = 0 // file offset of window[0]
      let filled = 0
      for (let k = 0; k < count; k++) {
        const start = startOf(k)
        const length = lengthOf(k)
        if (start < base || start + length > base + filled) {
          if (length > window.length) window = Buffer.allocUnsafe(length)
          base = start
          filled = Math.min(window.length, this.#file!.size - start)
          if (filled < length) throw changedOnDisk()
          if (watch) {
            if (watch.cancelled()) throw scanCancelled()
            watch.progress(start, this.#file!.size)
          }
          fill(fd, window, filled, start)
        }
        visit(window, start - base, start - base + length, k)
      }
      watch?.progress(this.#file!.size, this.#file!.size)
    })
  }

  #withFile(work: (fd: number) => void): void {
    const file = this.#file
    if (!file) throw new AppFailure({ kind: 'internal', message: 'Where the accounts lie in this file was not kept.' })
    let fd: number
    try {
      fd = openRegularFile(file.path).fd
    } catch (error) {
      if (!(error instanceof AppFailure)) throw error
      throw new AppFailure({ ...error.error, message: `The file could not be read again: ${error.error.message}` })
    }
    try {
      const now = fstatSync(fd)
      if (now.size !== file.size || now.mtimeMs !== file.mtimeMs || now.ino !== file.ino) throw changedOnDisk()
      work(fd)
    } finally {
      closeSync(fd)
    }
  }
}

function fill(fd: number, into: Buffer, length: number, position: number): void {
  let done = 0
  while (done < length) {
    const read = readSync(fd, into, done, length - done, position + done)
    if (read === 0) throw changedOnDisk()
    done += read
  }
}
