// Card numbers in Kibo's answers: a whole number is cut to its last four wherever it sits, a
// number field keeps at most four digits, a PIN is never shown, and what only looks like a card
// (a failed Luhn check, digits inside an id) stays as it is.
import { describe, expect, it } from 'vitest'
import { maskCardNumberPart, maskCardNumbers, withoutCardNumbers } from './cardNumbers'

describe('maskCardNumbers', () => {
  it('cuts a Luhn-valid run of 13 to 19 digits, spaced, dashed or not, to its last four', () => {
    expect(maskCardNumbers('4111111111111111')).toBe('••••••••••••1111')
    expect(maskCardNumbers('card 4111 1111 1111 1111.')).toBe('card ••••••••••••1111.')
    expect(maskCardNumbers('5555-5555-5555-4444 and 378282246310005')).toBe('••••••••••••4444 and •••••••••••0005')
    expect(maskCardNumbers('4222222222222')).toBe('•••••••••2222')
  })
  it('leaves what is not a card: a failed check, too short or too long, digits glued to letters', () => {
    expect(maskCardNumbers('4111111111111112')).toBe('4111111111111112')
    expect(maskCardNumbers('411111111111')).toBe('411111111111')
    expect(maskCardNumbers('41111111111111111111')).toBe('41111111111111111111')
    expect(maskCardNumbers('ab4111111111111111cd')).toBe('ab4111111111111111cd')
    expect(maskCardNumbers('order 1001, total 12.50')).toBe('order 1001, total 12.50')
  })
})

describe('maskCardNumberPart', () => {
  it('keeps Kibo’s mask and at most the last four digits in clear', () => {
    expect(maskCardNumberPart('************1111')).toBe('************1111')
    expect(maskCardNumberPart('1111')).toBe('1111')
    expect(maskCardNumberPart('4111111111111112')).toBe('••••••••••••1112')
    expect(maskCardNumberPart('GC-6006491111112222')).toBe('••••••••••••2222')
  })
})

describe('withoutCardNumbers', () => {
  it('walks objects and lists, masks by field name and by look, and does not change its input', () => {
    const input = {
      cardNumberPart: '4111111111111112',
      CardNumber: '12345678',
      giftCardCode: '6006493333333333',
      cardPin: '8421',
      cvv: 123,
      nested: [{ note: 'card 4111111111111111' }, 7, null, true],
      empty: { cardPin: '' },
    }
    const copy = structuredClone(input)
    expect(withoutCardNumbers(input)).toEqual({
      cardNumberPart: '••••••••••••1112',
      CardNumber: '••••5678',
      giftCardCode: '••••••••••••3333',
      cardPin: '••••',
      cvv: '••••',
      nested: [{ note: 'card ••••••••••••1111' }, 7, null, true],
      empty: { cardPin: '' },
    })
    expect(input).toEqual(copy)
  })
})
