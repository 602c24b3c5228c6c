// Clipboard writes can be refused (no permission, window not focused, insecure context);
// callers get a result to show rather than an exception.

export type CopyResult = { ok: true } | { ok: false; message: string }

export async function copyText(text: string): Promise<CopyResult> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
  if (!clipboard?.writeText) return { ok: false, message: 'The clipboard is not available in this window.' }
  try {
    await clipboard.writeText(text)
    return { ok: true }
  } catch {
    return { ok: false, message: 'The clipboard refused the copy (permission denied or the window lost focus).' }
  }
}
