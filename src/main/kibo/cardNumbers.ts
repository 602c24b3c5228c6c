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

// Digits in groups separated by at most one space or dash, not glued to other digits or letters:
// a run of digits inside a hexadecimal id (an order's, a cart's) is part of the id, not a card.
const candidate = /(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){12,18}(?![0-9A-Za-z])/g

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

/**
 * A copy of `value` with every string passed through maskCardNumbers, a card number field cut to
 * its last four, and a gift card's PIN (or a security code) replaced by a mask whole.
 */
export function withoutCardNumbers<T>(value: T): T {
  return scrub(value, '') as T
}

/** Fields holding a card's number (a saved card's part, a gift card's number or code). */
const numberFields = new Set(['cardnumberpart', 'cardnumberpartormask', 'cardnumber', 'giftcardcode'])
/** Fields holding what proves a card is yours: never shown, not even in part. */
const secretFields = new Set(['cardpin', 'cvv', 'securitycode'])

function scrub(value: unknown, key: string): unknown {
  const lower = key.toLowerCase()
  if (secretFields.has(lower) && value !== null && value !== undefined && value !== '') return MASK.repeat(4)
  if (typeof value === 'string') {
    if (numberFields.has(lower)) return maskCardNumberPart(value)
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
