// Reading the sections' answers as Kibo shapes them, leniently: a list may come as a bare array or
// as a paged collection, and a section that joins two calls (an account and its transactions)
// keeps each under its own name.

/** The items of a Kibo answer: a bare array, or a collection's `items`; anything else has none. */
export function itemsOf<T = Record<string, unknown>>(data: unknown): T[] {
  const list = Array.isArray(data) ? data : isObject(data) && Array.isArray(data.items) ? data.items : []
  return list.filter((x): x is T => isObject(x))
}

/** A collection's totalCount when Kibo gave one. */
export function totalOf(data: unknown): number | null {
  return isObject(data) && typeof data.totalCount === 'number' ? data.totalCount : null
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** One named part of a joined answer ({account, transactions}); the whole answer when it is not joined. */
export function partOf(data: unknown, name: string, fallbackWhen: (d: Record<string, unknown>) => boolean): unknown {
  if (!isObject(data)) return null
  if (name in data) return data[name]
  return fallbackWhen(data) ? data : null
}

/** A card is expired after the last day of its expiry month. */
export function cardExpired(expireMonth: unknown, expireYear: unknown, now: Date = new Date()): boolean {
  if (typeof expireMonth !== 'number' || typeof expireYear !== 'number') return false
  const year = now.getFullYear()
  const month = now.getMonth() + 1
  return expireYear < year || (expireYear === year && expireMonth < month)
}

/** "MM/YYYY", or '—' when Kibo left either out. */
export function cardExpiry(expireMonth: unknown, expireYear: unknown): string {
  if (typeof expireMonth !== 'number' || typeof expireYear !== 'number') return '—'
  return `${String(expireMonth).padStart(2, '0')}/${expireYear}`
}

/** Only the last digits of a card part, whatever Kibo kept of it ("************4242" → "•••• 4242"). */
export function cardDigits(part: unknown): string {
  if (typeof part !== 'string' || part === '') return '—'
  const digits = part.replace(/\D/g, '').slice(-4)
  return digits ? `•••• ${digits}` : '••••'
}

export function money(amount: unknown, currency: unknown): string {
  if (typeof amount !== 'number') return '—'
  const code = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null
  return code
    ? new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).format(amount)
    : amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** What a composite section could not read ("transactions of credit GC-1: …"), for a note under it. */
export function problemsOf(data: unknown): string[] {
  if (!isObject(data) || !Array.isArray(data.problems)) return []
  return data.problems
    .filter(isObject)
    .map(
      (p) =>
        `${typeof p.part === 'string' ? p.part : 'a part'}: ${isObject(p.error) && typeof p.error.message === 'string' ? p.error.message : 'could not be read'}`,
    )
}
