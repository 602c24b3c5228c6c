// Text for long-running work: "12,345 of 100,000 · 4,200/s · 21 s left". Pure and locale-pinned
// (en-US grouping), so the same numbers read the same everywhere and tests are deterministic.
import { formatSpan } from './format'

export type ProgressUnit = 'count' | 'bytes'

/** The part of a `progress` event the views show. */
export interface ProgressState {
  phase: string
  done: number
  /** null while unknown. */
  total: number | null
  ratePerSecond: number | null
  etaSeconds: number | null
}

const grouping = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const finite = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n)

export function formatCount(n: number): string {
  return grouping.format(Math.max(0, Math.round(n)))
}

const byteUnits = ['KB', 'MB', 'GB', 'TB']

/** "512 B", "1.5 KB", "12 MB", "1.2 GB": binary multiples, as file managers on most systems show. */
export function formatBytes(n: number): string {
  let value = Math.max(0, n)
  if (value < 1024) return `${Math.round(value)} B`
  let unit = -1
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024
    unit++
  }
  // One decimal below 10 (1.5 MB), none above (120 MB): steady width, enough precision.
  const text = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : grouping.format(value)
  return `${text} ${byteUnits[unit]}`
}

export function formatAmount(n: number, unit: ProgressUnit): string {
  return unit === 'bytes' ? formatBytes(n) : formatCount(n)
}

/** "4,200/s", "3.1 MB/s"; null when the rate is unknown or not positive. */
export function formatRate(rate: number | null | undefined, unit: ProgressUnit): string | null {
  if (!finite(rate) || rate <= 0) return null
  return `${formatAmount(rate, unit)}/s`
}

/** "21 s left", "3 min 5 s left", "2 h 10 min left"; null when unknown. */
export function formatEta(seconds: number | null | undefined): string | null {
  if (!finite(seconds) || seconds < 0) return null
  if (seconds < 1) return 'under 1 s left'
  return `${formatSpan(Math.ceil(seconds), 2)} left`
}

/** 0–100, or null when the total is unknown (an indeterminate bar). */
export function progressPercent(progress: Pick<ProgressState, 'done' | 'total'>): number | null {
  const { done, total } = progress
  if (!finite(total) || total <= 0) return null
  return Math.min(100, Math.max(0, (done / total) * 100))
}

/** The one line under a progress bar. */
export function progressText(progress: ProgressState | null, unit: ProgressUnit = 'count'): string {
  if (!progress) return 'Starting…'
  const amount = finite(progress.total)
    ? `${formatAmount(progress.done, unit)} of ${formatAmount(progress.total, unit)}`
    : `${formatAmount(progress.done, unit)} so far`
  const eta = finite(progress.total) ? formatEta(progress.etaSeconds) : null
  return [amount, formatRate(progress.ratePerSecond, unit), eta].filter(Boolean).join(' · ')
}

/** The last part of a path, whichever separator the OS uses. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean)
  return parts.length > 0 ? parts[parts.length - 1] : path
}
