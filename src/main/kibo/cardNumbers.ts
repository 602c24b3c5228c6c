// Card numbers never leave the main process: Kibo keeps only a part of a saved card's number
// (cardNumberPart, ccLastFour), and anything in an answer that still looks like a whole number
// (a Luhn-valid run of 13 to 19 digits, spaced or not) is cut to its last four before it goes on.

const MASK = '•'

function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

// Digits in groups separated by at most one space or dash, not glued to other digits.
const candidate = /(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])/g

/** `text` with every card-number-like run replaced by its last four digits behind a mask. */
export function maskCardNumbers(text: string): string {
  return text.replace(candidate, (run) => {
    const digits = run.replace(/[ -]/g, '')
    return luhn(digits) ? MASK.repeat(digits.length - 4) + digits.slice(-4) : run
  })
}

/** A saved card's number part: Kibo's mask as is, but never more than the last four digits in clear. */
export function maskCardNumberPart(part: string): string {
  const digits = part.replace(/[^0-9]/g, '')
  if (digits.length <= 4) return part
  return MASK.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4)
}

/** A copy of `value` with every string passed through maskCardNumbers (and cardNumberPart cut to four). */
export function withoutCardNumbers<T>(value: T): T {
  return scrub(value, '') as T
}

function scrub(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    const lower = key.toLowerCase()
    if (lower === 'cardnumberpart' || lower === 'cardnumberpartormask' || lower === 'cardnumber') return maskCardNumberPart(value)
    return maskCardNumbers(value)
  }
  if (Array.isArray(value)) return value.map((item) => scrub(item, ''))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v, k)
    return out
  }
  return value
}
