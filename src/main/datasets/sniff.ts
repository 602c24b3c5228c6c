// A first look at a file's opening bytes, so the wrong kind of file gets a sentence that says what
// it is ("a PNG image", "UTF-16 text", "CSV") instead of "unexpected character at byte 0".
import { AppFailure } from '../../shared/errors'

/** What a person can open instead, for every message about the wrong kind of file. */
export const SAVE_AS =
  'Open a JSON or JSON Lines file of customer accounts: an array, one account per line, a Kibo accounts page, an account or an auth ticket.'

function badFile(message: string, hint = SAVE_AS, where?: string): AppFailure {
  return new AppFailure({ kind: 'bad-file', message, hint, ...(where ? { where } : {}) })
}

const signatures: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Excel .xlsx workbook)'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Office document (.xls or .doc)'],
]

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, k) => bytes[k] === b)
}

/**
 * Checks the file's first bytes (`head`, up to a few KB). Returns how many bytes to skip (a UTF-8
 * BOM); throws a bad-file AppFailure for a file that can't be JSON of accounts.
 */
export function sniff(head: Uint8Array, name: string): { skip: number } {
  if (head.length === 0) throw badFile(`${name} is empty.`)
  if (startsWith(head, [0xff, 0xfe, 0, 0]) || startsWith(head, [0, 0, 0xfe, 0xff]))
    throw badFile(`${name} is UTF-32 text.`, 'Re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8) and open it again.')
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || looksLikeUtf16(head))
    throw badFile(
      `${name} is UTF-16 text; Account Inspector reads UTF-8.`,
      'Re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8) and open it again.',
    )
  for (const [signature, what] of signatures) if (startsWith(head, signature)) throw badFile(`${name} is ${what}, not JSON.`)
  const skip = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0
  let k = skip
  while (k < head.length && (head[k] === 0x20 || head[k] === 0x0a || head[k] === 0x0d || head[k] === 0x09)) k++
  if (k === head.length) return { skip } // white space so far: the scanner decides (empty, or more to come)
  const first = head[k]
  if (first === 0x7b || first === 0x5b) return { skip }
  if (head.subarray(k).includes(0)) throw badFile(`${name} is a binary file, not JSON.`)
  const firstLine = Buffer.from(head.subarray(k, Math.min(head.length, k + 4096)))
    .toString('utf8')
    .split(/\r?\n/)[0]
  if (/^[^{}[\]]*[,;\t][^{}[\]]*$/.test(firstLine))
    throw badFile(
      `${name} looks like CSV (comma- or tab-separated values), not JSON.`,
      `${SAVE_AS} Account Inspector writes CSV for spreadsheets but opens JSON.`,
    )
  const what = first >= 0x21 && first <= 0x7e ? `'${String.fromCharCode(first)}'` : 'a non-ASCII character'
  throw badFile(`${name} is not JSON: it starts with ${what} where '{' or '[' should be.`, SAVE_AS, `byte ${k}`)
}

// ASCII text in UTF-16 has a NUL in every other byte; JSON text in UTF-8 never has NULs.
function looksLikeUtf16(head: Uint8Array): boolean {
  const n = Math.min(head.length, 64) & ~1
  if (n < 4) return false
  let even = 0
  let odd = 0
  for (let k = 0; k < n; k += 2) {
    if (head[k] === 0) even++
    if (head[k + 1] === 0) odd++
  }
  const pairs = n / 2
  return even >= pairs * 0.75 || odd >= pairs * 0.75
}
