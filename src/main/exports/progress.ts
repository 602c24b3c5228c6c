// Progress for long file work (exporting accounts, opening a file). At most ten reports a second,
// so a fast loop can't flood the IPC channel and the renderer.

export interface Progress {
  done: number
  /** null while unknown. */
  total: number | null
  ratePerSecond: number | null
  etaSeconds: number | null
}

export type ProgressListener = (progress: Progress) => void

export interface ProgressReporter {
  /** Reports `done` unless the last report was under 100 ms ago. */
  update(done: number): void
  /** Reports `done` now, whatever the throttle says: the final count matters. */
  finish(done: number): void
}

export const PROGRESS_INTERVAL_MS = 100

export function createProgressReporter(
  total: number | null | undefined,
  listener: ProgressListener | undefined,
  now: () => number = () => performance.now(),
  /** When the work began, if before this reporter was made (the rate counts from there). */
  startedAt: number = now(),
): ProgressReporter {
  const started = startedAt
  let last = -Infinity
  const report = (done: number, at: number) => {
    last = at
    const seconds = (at - started) / 1000
    const rate = seconds > 0 ? done / seconds : null
    const knownTotal = total ?? null
    const eta = knownTotal !== null && rate !== null && rate > 0 ? Math.max(0, (knownTotal - done) / rate) : null
    try {
      listener?.({ done, total: knownTotal, ratePerSecond: rate, etaSeconds: eta })
    } catch {
      // A listener's failure must not break the file work it watches.
    }
  }
  return {
    update(done) {
      if (!listener) return
      const at = now()
      if (at - last >= PROGRESS_INTERVAL_MS) report(done, at)
    },
    finish(done) {
      if (listener) report(done, now())
    },
  }
}
