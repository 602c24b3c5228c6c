// Turns a byte offset into "line 12, column 7" for messages. Only on the failure path, so it can
// afford to read the file again from the start; it never decodes more than it counts.
import { readSync } from 'node:fs'

export interface TextPosition {
  line: number
  column: number
}

/** 1-based line and column (in characters) of byte `offset` of the open file `fd`. */
export function locateInFile(fd: number, offset: number, skip = 0): TextPosition {
  const chunk = Buffer.allocUnsafe(1 << 20)
  let line = 1
  let column = 1
  let position = skip // a BOM is not a character of line 1
  while (position < offset) {
    const want = Math.min(chunk.length, offset - position)
    const read = readSync(fd, chunk, 0, want, position)
    if (read <= 0) break
    for (let k = 0; k < read; k++) {
      const b = chunk[k]
      if (b === 0x0a) {
        line++
        column = 1
      } else if ((b & 0xc0) !== 0x80) column++ // count characters, not UTF-8 continuation bytes
    }
    position += read
  }
  return { line, column }
}
