// What the JSON scanner (scanner.ts) reports: elements and fields as it finds them, and where
// the structure breaks.

export type TopShape = 'array' | 'object' | 'lines'

export interface ScanEvents {
  /** One element: bytes [start, end) of `buf`, at `offset` in the file. `index` counts from 0. */
  element(buf: Buffer, start: number, end: number, offset: number, index: number): void
  /** One field of the top-level object (not `items` when it is streamed as elements). */
  field(key: string, buf: Buffer, start: number, end: number, offset: number): void
  /** The top-level object has an `items` array: its elements come through `element`. */
  itemsStart?(): void
  /** The top-level object was the first line of JSON Lines: it is element 0, the rest follow. */
  linesStart?(): void
}

export type ScanProblem = 'syntax' | 'truncated' | 'empty' | 'too-deep'

/**
 * Where and why the file's structure is wrong. `offset` is a byte offset in the file;
 * `valueStart`, where the element (account, JSON line) that broke starts, when inside one.
 */
export class ScanError extends Error {
  constructor(
    readonly problem: ScanProblem,
    message: string,
    readonly offset: number,
    readonly valueStart?: number,
  ) {
    super(message)
    this.name = 'ScanError'
  }
}

export function describeByte(c: number | undefined): string {
  if (c === undefined) return 'the end of the file'
  if (c >= 0x21 && c <= 0x7e) return `'${String.fromCharCode(c)}'`
  if (c >= 0x80) return 'a non-ASCII character'
  return `byte 0x${c.toString(16).padStart(2, '0')}`
}
