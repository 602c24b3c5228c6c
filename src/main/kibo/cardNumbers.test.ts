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

describe('card numbers, edges', () => {
  it('the Luhn check: every digit counts, every second one from the right doubled', () => {
    // Valid numbers of each length from 13 to 19, and the same with the check digit changed.
    const valid = [
      '4222222222222',
      '30569309025904',
      '378282246310005',
      '4111111111111111',
      '6011000990139424',
      '3530111333300000',
      '6304000000000000018',
      '4000056655665556',
    ]
    for (const number of valid) {
      expect(maskCardNumbers(number)).toBe('•'.repeat(number.length - 4) + number.slice(-4))
      const wrong = number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10)
      expect(maskCardNumbers(wrong)).toBe(wrong)
    }
    // 79927398713 is the textbook example; padded with leading zeros to 13 and 19 digits.
    expect(maskCardNumbers('0079927398713')).toBe('•••••••••8713')
    expect(maskCardNumbers('0079927398714')).toBe('0079927398714')
    expect(maskCardNumbers('0000000079927398713')).toBe('•••••••••••••••8713')
  })

  it('a run with separators keeps its text around it; the mask counts digits only', () => {
    expect(maskCardNumbers('a 4111-1111-1111-1111 b 4111 1111 1111 1111 c')).toBe('a ••••••••••••1111 b ••••••••••••1111 c')
    expect(maskCardNumbers('4111--1111-1111-1111')).toBe('4111--1111-1111-1111')
    expect(maskCardNumbers('')).toBe('')
  })

  it('a number part with few digits stays as Kibo wrote it, whatever else it holds', () => {
    expect(maskCardNumberPart('x1234')).toBe('x1234')
    expect(maskCardNumberPart('ending 12 34')).toBe('ending 12 34')
    expect(maskCardNumberPart('')).toBe('')
    expect(maskCardNumberPart('12345')).toBe('•2345')
  })

  it('secret fields in any case are masked whole unless empty; number fields only as strings', () => {
    expect(
      withoutCardNumbers({
        CVV: '999',
        SecurityCode: 0,
        cardPIN: null,
        cvv2: '4111111111111111',
        securitycode: undefined,
        cardNumber: 4111111111111111,
        giftCardCode: ['4111111111111112'],
        CARDNUMBERPARTORMASK: 'xx4111111111111112',
      }),
    ).toEqual({
      CVV: '••••',
      SecurityCode: '••••',
      cardPIN: null,
      cvv2: '••••••••••••1111',
      securitycode: undefined,
      cardNumber: 4111111111111111,
      giftCardCode: ['4111111111111112'],
      CARDNUMBERPARTORMASK: '••••••••••••1112',
    })
  })

  it('values that are not objects, lists or strings pass as they are', () => {
    expect(withoutCardNumbers(null)).toBeNull()
    expect(withoutCardNumbers(undefined)).toBeUndefined()
    expect(withoutCardNumbers(5)).toBe(5)
    expect(withoutCardNumbers('4111111111111111')).toBe('••••••••••••1111')
    expect(withoutCardNumbers([['4111111111111111'], { a: [null] }])).toEqual([['••••••••••••1111'], { a: [null] }])
  })
})
