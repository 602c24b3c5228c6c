// The columns of the dataset browser's account list: what each shows, how it sorts, how wide it
// is, and the text of a row's cells. Pure, so the view only lays them out.
import type { AccountRow } from '../../../../shared/contract'
import type { SortField } from '../../lib/datasetPages'
import { formatDateTime, formatMoney } from '../../lib/format'
import { formatCount } from '../../lib/progress'

export interface AccountColumn {
  field: SortField
  label: string
  /** Right-aligned, tabular figures. */
  numeric?: boolean
}

export const ACCOUNT_COLUMNS: readonly AccountColumn[] = [
  { field: 'index', label: '#', numeric: true },
  { field: 'id', label: 'ID', numeric: true },
  { field: 'name', label: 'Name' },
  { field: 'emailAddress', label: 'Email' },
  { field: 'userName', label: 'User name' },
  { field: 'orderCount', label: 'Orders', numeric: true },
  { field: 'totalOrderAmount', label: 'Total', numeric: true },
  { field: 'isActive', label: 'Active' },
  { field: 'updateDate', label: 'Updated' },
]

/** grid-template-columns for ACCOUNT_COLUMNS; fixed minimums so rows keep the header's widths. */
// '#' fits a seven-digit row number with separators ("1,234,567").
export const ACCOUNT_COLUMN_TEMPLATE = '80px 76px minmax(150px, 1.3fr) minmax(190px, 1.6fr) minmax(110px, 1fr) 64px 96px 60px 150px'

/** The text of each cell of a row, in column order; '—' where the account has no value. */
export function accountCells(row: AccountRow): string[] {
  return [
    formatCount(row.index + 1),
    row.id === null ? '—' : String(row.id),
    row.name || '—',
    row.emailAddress ?? '—',
    row.userName ?? '—',
    row.orderCount === null ? '—' : formatCount(row.orderCount),
    formatMoney(row.totalOrderAmount) ?? '—',
    row.isActive === null ? '—' : row.isActive ? 'Yes' : 'No',
    formatDateTime(row.updateDate) ?? row.updateDate ?? '—',
  ]
}

/** Who a row is, for the inspector's title: the name, else the email, user name, id or row number. */
export function accountTitle(row: AccountRow): string {
  return row.name || row.emailAddress || row.userName || (row.id !== null ? `Account ${row.id}` : `Row ${row.index + 1}`)
}
