// Writing accounts to files: JSON, JSON Lines or CSV, atomically, without tokens, optionally masked.
export { exportAccounts, type ExportOptions } from './exportAccounts'
export { DEFAULT_CSV_COLUMNS } from './csv'
export { createRedactor, type Redactor } from './redaction'
export { isSecretKey, withoutSecrets } from './secrets'
export { createProgressReporter, type Progress, type ProgressListener } from './progress'
