import { describe, expect, it } from 'vitest'
import { fileName, formatBytes, formatCount, formatEta, formatRate, progressPercent, progressText, type ProgressState } from './progress'

const state = (over: Partial<ProgressState>): ProgressState => ({
  phase: 'exporting',
  done: 0,
  total: null,
  ratePerSecond: null,
  etaSeconds: null,
  ...over,
})

describe('formatCount and formatBytes', () => {
  it('groups counts with commas and rounds', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(12345)).toBe('12,345')
    expect(formatCount(4199.6)).toBe('4,200')
    expect(formatCount(-3)).toBe('0')
  })

  it('shows bytes in binary multiples with one decimal only below 10', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1024)).toBe('1 KB')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(12 * 1024 * 1024)).toBe('12 MB')
    expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GB')
    expect(formatBytes(2048 * 1024 ** 4)).toBe('2,048 TB')
  })
})

describe('formatRate and formatEta', () => {
  it('formats rates per unit and hides unknown or zero rates', () => {
    expect(formatRate(4200, 'count')).toBe('4,200/s')
    expect(formatRate(3.1 * 1024 * 1024, 'bytes')).toBe('3.1 MB/s')
    expect(formatRate(null, 'count')).toBeNull()
    expect(formatRate(0, 'count')).toBeNull()
    expect(formatRate(Number.NaN, 'bytes')).toBeNull()
  })

  it('rounds time left up and uses at most two units', () => {
    expect(formatEta(20.2)).toBe('21 s left')
    expect(formatEta(185)).toBe('3 min 5 s left')
    expect(formatEta(3600)).toBe('1 h left')
    expect(formatEta(7830)).toBe('2 h 10 min left')
    expect(formatEta(0.3)).toBe('under 1 s left')
    expect(formatEta(null)).toBeNull()
    expect(formatEta(-1)).toBeNull()
    expect(formatEta(Number.POSITIVE_INFINITY)).toBeNull()
  })
})

describe('progressText', () => {
  it('reads "done of total · rate · time left" for counts', () => {
    expect(progressText(state({ done: 12345, total: 100000, ratePerSecond: 4200, etaSeconds: 20.9 }))).toBe(
      '12,345 of 100,000 · 4,200/s · 21 s left',
    )
  })

  it('reads bytes for file work', () => {
    const p = state({ done: 5 * 1024 * 1024, total: 50 * 1024 * 1024, ratePerSecond: 2.5 * 1024 * 1024, etaSeconds: 18 })
    expect(progressText(p, 'bytes')).toBe('5 MB of 50 MB · 2.5 MB/s · 18 s left')
  })

  it('says "so far" and drops time left when the total is unknown', () => {
    expect(progressText(state({ done: 800, total: null, ratePerSecond: 400, etaSeconds: 3 }))).toBe('800 so far · 400/s')
  })

  it('leaves out what is not known yet', () => {
    expect(progressText(state({ done: 0, total: 10 }))).toBe('0 of 10')
    expect(progressText(null)).toBe('Starting…')
  })
})

describe('progressPercent', () => {
  it('is null without a usable total and clamps to 0–100', () => {
    expect(progressPercent({ done: 5, total: null })).toBeNull()
    expect(progressPercent({ done: 5, total: 0 })).toBeNull()
    expect(progressPercent({ done: 25, total: 100 })).toBe(25)
    expect(progressPercent({ done: 150, total: 100 })).toBe(100)
  })
})

describe('fileName', () => {
  it('takes the last part of POSIX and Windows paths', () => {
    expect(fileName('/home/ada/exports/accounts.jsonl')).toBe('accounts.jsonl')
    expect(fileName('C:\\Users\\ada\\accounts.json')).toBe('accounts.json')
    expect(fileName('plain.csv')).toBe('plain.csv')
  })
})
