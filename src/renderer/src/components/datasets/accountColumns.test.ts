import { describe, expect, it } from 'vitest'
import type { AccountRow } from '../../../../shared/contract'
import { formatMoney } from '../../lib/format'
import { ACCOUNT_COLUMN_TEMPLATE, ACCOUNT_COLUMNS, accountCells, accountTitle } from './accountColumns'

const row: AccountRow = {
  index: 1233,
  id: 1001,
  name: 'Ada Lovelace',
  emailAddress: 'ada@example.com',
  userName: 'ada',
  orderCount: 12345,
  totalOrderAmount: 1234.5,
  isActive: true,
  updateDate: 'not a date',
}
const blank: AccountRow = {
  index: 0,
  id: null,
  name: '',
  emailAddress: null,
  userName: null,
  orderCount: null,
  totalOrderAmount: null,
  isActive: null,
  updateDate: null,
}

describe('account columns', () => {
  it('has one template track and one cell per column', () => {
    expect(ACCOUNT_COLUMN_TEMPLATE.split(/ (?![^(]*\))/)).toHaveLength(ACCOUNT_COLUMNS.length)
    expect(accountCells(row)).toHaveLength(ACCOUNT_COLUMNS.length)
    expect(new Set(ACCOUNT_COLUMNS.map((c) => c.field)).size).toBe(ACCOUNT_COLUMNS.length)
  })

  it('formats a row, with a dash where a value is missing', () => {
    const cells = accountCells(row)
    expect(cells.slice(0, 6)).toEqual(['1,234', '1001', 'Ada Lovelace', 'ada@example.com', 'ada', '12,345'])
    // Money follows the machine's locale, so compare with the formatter rather than a fixed string.
    expect(cells[6]).toBe(formatMoney(1234.5))
    expect(cells[7]).toBe('Yes')
    expect(cells[8]).toBe('not a date')
    expect(accountCells({ ...row, isActive: false })[7]).toBe('No')
    expect(accountCells(blank)).toEqual(['1', '—', '—', '—', '—', '—', '—', '—', '—'])
  })

  it('names a row by the best thing it has', () => {
    expect(accountTitle(row)).toBe('Ada Lovelace')
    expect(accountTitle({ ...row, name: '' })).toBe('ada@example.com')
    expect(accountTitle({ ...row, name: '', emailAddress: null })).toBe('ada')
    expect(accountTitle({ ...blank, id: 7 })).toBe('Account 7')
    expect(accountTitle({ ...blank, index: 4 })).toBe('Row 5')
  })
})
