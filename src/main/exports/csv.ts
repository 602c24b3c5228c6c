// CSV for spreadsheets: RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so Excel reads accents
// right, and cells that a spreadsheet would run as a formula defused with a leading apostrophe
// (OWASP "CSV injection"): account data is typed by shoppers, so "=HYPERLINK(...)" is possible.
import { fail } from '../../shared/errors'

/** What a person usually wants to scan in a spreadsheet: identity, status, commerce, segments. */
export const DEFAULT_CSV_COLUMNS: readonly string[] = [
  'id',
  'externalId',
  'userName',
  'emailAddress',
  'firstName',
  'lastName',
  'companyOrOrganization',
  'accountType',
  'customerSet',
  'isActive',
  'isLocked',
  'isAnonymous',
  'acceptsMarketing',
  'taxExempt',
  'commerceSummary.orderCount',
  'commerceSummary.totalOrderAmount.amount',
  'commerceSummary.totalOrderAmount.currencyCode',
  'commerceSummary.lastOrderDate',
  'segments.code',
  'customerSinceDate',
  'auditInfo.updateDate',
]

export const CSV_BOM = '\uFEFF'
export const CSV_NEWLINE = '\r\n'
/** Several values in one cell (an array along the path) are joined with this. */
export const CSV_JOIN = '; '

const formulaStart = /^[=+\-@\t\r]/
const needsQuotes = /[",\r\n]/

/** One cell: defused if a spreadsheet would evaluate it, then quoted if RFC 4180 requires. */
export function csvCell(text: string): string {
  let cell = formulaStart.test(text) ? `'${text}` : text
  if (needsQuotes.test(cell)) cell = `"${cell.replace(/"/g, '""')}"`
  return cell
}

/** Splits and checks the dotted column paths once, before any row is written. */
export function parseColumns(columns: readonly string[] | undefined): string[][] {
  const list = columns === undefined || columns.length === 0 ? DEFAULT_CSV_COLUMNS : columns
  return list.map((column) => {
    const path = column.split('.')
    if (path.some((part) => part.trim() === '' || part !== part.trim()))
      fail('invalid-input', `The column "${column}" is not a dotted field path like commerceSummary.orderCount.`, { where: column })
    return path
  })
}

// Every value at `path`, stepping through arrays: segments.code gives each segment's code.
function collect(value: unknown, path: string[], at: number, out: unknown[]): void {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, at, out)
    return
  }
  if (at === path.length) {
    out.push(value)
    return
  }
  if (typeof value !== 'object') return
  const key = path[at]
  if (Object.hasOwn(value, key)) collect((value as Record<string, unknown>)[key], path, at + 1, out)
}

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value)
}

/** The raw text of one cell before quoting: scalars as they are, several values joined. */
export function cellText(account: unknown, path: string[]): string {
  const values: unknown[] = []
  collect(account, path, 0, values)
  if (values.length === 1 && typeof values[0] === 'number') return String(values[0])
  return values.map(text).join(CSV_JOIN)
}

export function csvHeader(columns: string[][]): string {
  return columns.map((path) => csvCell(path.join('.'))).join(',') + CSV_NEWLINE
}

export function csvRow(account: unknown, columns: string[][]): string {
  let line = ''
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) line += ','
    const raw = cellText(account, columns[i])
    // A number is data, not a formula: -12.5 stays a negative amount a spreadsheet can sum.
    line += /^-?\d/.test(raw) && Number.isFinite(Number(raw)) && raw === String(Number(raw)) ? raw : csvCell(raw)
  }
  return line + CSV_NEWLINE
}
