import { describe, expect, it } from 'vitest'
import { AppFailure, type AppError } from '../../shared/errors'
import { SAVE_AS, sniff } from './sniff'

const UTF_HINT = 'Re-save it as UTF-8 (in most editors: Save As, Encoding: UTF-8) and open it again.'

function refusal(head: Uint8Array | string): AppError {
  try {
    sniff(typeof head === 'string' ? Buffer.from(head, 'latin1') : head, 'a.json')
  } catch (error) {
    if (error instanceof AppFailure) return error.error
    throw error
  }
  throw new Error('expected the head to be refused')
}

const bytes = (...list: number[]) => Uint8Array.from(list)

describe('sniff', () => {
  it('lets JSON through, skipping a UTF-8 byte order mark', () => {
    expect(sniff(Buffer.from('[]'), 'a.json')).toEqual({ skip: 0 })
    expect(sniff(Buffer.from('{"id":1}'), 'a.json')).toEqual({ skip: 0 })
    expect(sniff(Buffer.from(' \t\r\n[1]'), 'a.json')).toEqual({ skip: 0 })
    expect(sniff(bytes(0xef, 0xbb, 0xbf, 0x5b, 0x5d), 'a.json')).toEqual({ skip: 3 })
    expect(sniff(bytes(0xef, 0xbb, 0xbf, 0x20, 0x0a, 0x7b), 'a.json')).toEqual({ skip: 3 })
  })

  it('leaves white space alone to the scanner', () => {
    expect(sniff(Buffer.from('  \n\t\r'), 'a.json')).toEqual({ skip: 0 })
    expect(sniff(bytes(0xef, 0xbb, 0xbf), 'a.json')).toEqual({ skip: 3 })
    expect(sniff(bytes(0xef, 0xbb, 0xbf, 0x20), 'a.json')).toEqual({ skip: 3 })
  })

  it('refuses an empty file', () => {
    expect(refusal('')).toEqual({ kind: 'bad-file', message: 'a.json is empty.', hint: SAVE_AS })
  })

  it('refuses UTF-32 and UTF-16, with or without a byte order mark', () => {
    const utf32 = { kind: 'bad-file', message: 'a.json is UTF-32 text.', hint: UTF_HINT }
    const utf16 = { kind: 'bad-file', message: 'a.json is UTF-16 text; Account Inspector reads UTF-8.', hint: UTF_HINT }
    expect(refusal(bytes(0xff, 0xfe, 0, 0, 0x5b, 0, 0, 0))).toEqual(utf32)
    expect(refusal(bytes(0, 0, 0xfe, 0xff, 0, 0, 0, 0x5b))).toEqual(utf32)
    expect(refusal(bytes(0xff, 0xfe))).toEqual(utf16)
    expect(refusal(bytes(0xfe, 0xff))).toEqual(utf16)
    expect(refusal(bytes(0xff, 0xfe, 0x5b, 0))).toEqual(utf16)
    expect(refusal(bytes(0xfe, 0xff, 0, 0x5b))).toEqual(utf16)
    expect(refusal(Buffer.from('[{"id":1}]', 'utf16le'))).toEqual(utf16)
    expect(refusal(Buffer.from('[{"id":1}]', 'utf16le').swap16())).toEqual(utf16)
    // Four bytes are enough to tell.
    expect(refusal(bytes(0x5b, 0, 0x7b, 0))).toEqual(utf16)
    expect(refusal(bytes(0, 0x5b, 0, 0x7b))).toEqual(utf16)
  })

  it('takes UTF-16 for three NULs in four pairs, not two', () => {
    const utf16 = { kind: 'bad-file', message: 'a.json is UTF-16 text; Account Inspector reads UTF-8.', hint: UTF_HINT }
    expect(refusal(bytes(0x5b, 0, 0x7b, 0, 0x22, 0, 0x61, 0x62))).toEqual(utf16)
    expect(refusal(bytes(0, 0x5b, 0, 0x7b, 0, 0x22, 0x61, 0x62))).toEqual(utf16)
    expect(sniff(bytes(0x5b, 0, 0x7b, 0, 0x22, 0x61, 0x62, 0x63), 'a.json')).toEqual({ skip: 0 })
    expect(sniff(bytes(0x5b, 0x61, 0, 0x62, 0, 0x63, 0x64, 0x65), 'a.json')).toEqual({ skip: 0 })
    // Too short to tell: then the first byte decides.
    expect(sniff(bytes(0x5b, 0, 0x7b), 'a.json')).toEqual({ skip: 0 })
  })

  it('looks for UTF-16 in the first 64 bytes only', () => {
    const head = Buffer.concat([Buffer.from('[' + ' '.repeat(63)), Buffer.from('a'.repeat(500), 'utf16le')])
    expect(sniff(head, 'a.json')).toEqual({ skip: 0 })
  })

  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], 'a PNG image'],
    [[0xff, 0xd8, 0xff, 0xe0], 'a JPEG image'],
    [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'a GIF image'],
    [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
    [[0x50, 0x4b, 0x03, 0x04, 0x14], 'a ZIP archive (or an Excel .xlsx workbook)'],
    [[0x1f, 0x8b], 'a gzip-compressed file'],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1], 'an old Office document (.xls or .doc)'],
  ])('names a file that starts %j as %s', (head, what) => {
    expect(refusal(bytes(...head))).toEqual({ kind: 'bad-file', message: `a.json is ${what}, not JSON.`, hint: SAVE_AS })
  })

  it('needs every byte of a signature', () => {
    expect(refusal(bytes(0x89, 0x41, 0x41, 0x41, 0x41))).toEqual({
      kind: 'bad-file',
      message: "a.json is not JSON: it starts with a non-ASCII character where '{' or '[' should be.",
      hint: SAVE_AS,
      where: 'byte 0',
    })
    expect(refusal(bytes(0x1f)).message).toBe("a.json is not JSON: it starts with a non-ASCII character where '{' or '[' should be.")
  })

  it('refuses a binary file', () => {
    // Two NULs in three even places of six bytes: short of UTF-16, and the seventh byte is not counted.
    expect(refusal(bytes(0, 0x5b, 0, 0x7b, 0x41, 0x42, 0))).toEqual({
      kind: 'bad-file',
      message: 'a.json is a binary file, not JSON.',
      hint: SAVE_AS,
    })
    expect(refusal('hello\0world')).toEqual({ kind: 'bad-file', message: 'a.json is a binary file, not JSON.', hint: SAVE_AS })
  })

  it.each(['id,emailAddress\n1,a@example.com', 'id;email', 'id\temail\r\n1\ta'])('takes %j for CSV', (head) => {
    expect(refusal(head)).toEqual({
      kind: 'bad-file',
      message: 'a.json looks like CSV (comma- or tab-separated values), not JSON.',
      hint: `${SAVE_AS} Account Inspector writes CSV for spreadsheets but opens JSON.`,
    })
  })

  it.each([
    ['hello world', "'h'", 0],
    ['  x,{"a":1}', "'x'", 2],
    ['x{,', "'x'", 0],
    ['x,]', "'x'", 0],
    ['x[,', "'x'", 0],
    ['x,}', "'x'", 0],
    ['hello\na,b', "'h'", 0],
    ['hello\r\na,b', "'h'", 0],
    ['!', "'!'", 0],
    ['~', "'~'", 0],
    ['\x7f', 'a non-ASCII character', 0],
    ['\xc3\xa9t\xc3\xa9', 'a non-ASCII character', 0],
  ])('says what %j starts with instead of JSON', (head, what, at) => {
    expect(refusal(head)).toEqual({
      kind: 'bad-file',
      message: `a.json is not JSON: it starts with ${what} where '{' or '[' should be.`,
      hint: SAVE_AS,
      where: `byte ${at}`,
    })
  })

  it('reads the first line only as far as the first 4096 bytes', () => {
    expect(refusal('x'.repeat(4095) + ',y').message).toBe('a.json looks like CSV (comma- or tab-separated values), not JSON.')
    expect(refusal('x'.repeat(4096) + ',y').message).toBe("a.json is not JSON: it starts with 'x' where '{' or '[' should be.")
  })

  it('counts the byte order mark in where it points', () => {
    expect(refusal(bytes(0xef, 0xbb, 0xbf, 0x20, 0x78)).where).toBe('byte 4')
  })
})
