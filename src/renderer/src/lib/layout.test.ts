import { describe, expect, it } from 'vitest'
import { DEFAULT_SPLIT, keychainNotice, readSplit, splitPx } from './layout'

describe('the list/detail split', () => {
  it('keeps the remembered fraction when both panes fit', () => {
    expect(splitPx(0.5, 1400)).toBe(700)
  })
  it('never squeezes a pane below its minimum', () => {
    expect(splitPx(0.05, 1400)).toBe(320)
    expect(splitPx(0.95, 1400)).toBe(1400 - 380)
  })
  it('shares a too-narrow width in proportion to the minimums', () => {
    expect(splitPx(0.9, 700)).toBe(Math.round(700 * (320 / 700)))
  })
  it('reads only a sensible stored value', () => {
    expect(readSplit('0.3')).toBe(0.3)
    expect(readSplit(null)).toBe(DEFAULT_SPLIT)
    expect(readSplit('abc')).toBe(DEFAULT_SPLIT)
    expect(readSplit('7')).toBe(DEFAULT_SPLIT)
  })
})

describe('the keychain notice', () => {
  it('is one plain sentence, with the technical detail apart and said once', () => {
    const problem =
      'The system keychain is not available (org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided). You can keep the client secret for this session only; it is then forgotten when the app closes.'
    const notice = keychainNotice(problem)
    expect(notice.sentence).not.toMatch(/DBus|\(/)
    expect(notice.sentence.split('. ').length).toBe(1)
    expect(notice.detail).toBe('org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided')
    expect(notice.detail).not.toMatch(/session only/)
  })
})
