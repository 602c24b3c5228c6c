// Stopping the browser host on SIGTERM or SIGINT: close what is open, but never wait on it for
// long. A worker thread in a system call that does not return (a read from a stalled network
// share) would otherwise keep the process alive for as long as the call lasts.

export interface ShutDownOptions {
  /** How long closing may take before the process exits anyway (default 3 s). */
  graceMs?: number
  exit?: (code: number) => void
  /** Told when closing took too long or failed; never given an error's text. */
  warn?: (message: string) => void
}

/** Runs `close`, then exits: 0 when it finished in time, 1 when it failed or ran past the grace period. */
export async function shutDown(close: () => Promise<void>, options: ShutDownOptions = {}): Promise<void> {
  const { graceMs = 3000, exit = (code: number) => process.exit(code), warn = (message: string) => console.error(message) } = options
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs)
  })
  const outcome = await Promise.race([
    close().then(
      () => 'closed' as const,
      () => 'failed' as const,
    ),
    late,
  ])
  clearTimeout(timer)
  if (outcome === 'late') warn(`Account Inspector: closing took longer than ${graceMs / 1000} s; stopping anyway.`)
  if (outcome === 'failed') warn('Account Inspector: closing failed; stopping anyway.')
  exit(outcome === 'closed' ? 0 : 1)
}
