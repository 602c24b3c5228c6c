// Errors are values: a kind the UI can act on, a sentence for a person, and never a secret.

export const errorKinds = [
  'invalid-input', // the request to the app itself was malformed
  'auth-failed', // Kibo refused the application's credentials
  'auth-expired', // a ticket expired and could not be renewed
  'forbidden',
  'not-found',
  'rate-limited',
  'server', // Kibo answered 5xx
  'network', // no answer: DNS, refused, reset, offline
  'timeout',
  'cancelled',
  'bad-response', // Kibo answered something that is not what the spec says
  'keychain-unavailable',
  'confirmation-required', // a production profile: the person must confirm, naming the tenant
  'secret-missing',
  'config', // profile or settings problem
  'file', // reading or writing a file failed
  'bad-file', // a file's contents are not what was expected
  'internal',
] as const

export type ErrorKind = (typeof errorKinds)[number]

export interface AppError {
  kind: ErrorKind
  /** What happened, for a person. */
  message: string
  /** What the person can do about it. */
  hint?: string
  status?: number
  /** Kibo's x-vol-correlation header, worth quoting to Kibo support. */
  correlationId?: string
  /** Where in the input the problem is (a field path, a line, a byte offset). */
  where?: string
  /** What Kibo's error body said, field by field, already free of tokens. */
  kibo?: KiboErrorDetail
  /** The request log entry of the exchange that failed, so the UI can link to it. */
  requestId?: string
}

/** Kibo's error body: { applicationName, errorCode, additionalErrorData, exceptionDetail: { message } }. */
export interface KiboErrorDetail {
  applicationName?: string
  errorCode?: string
  additionalErrorData?: { name: string; value: string }[]
  exceptionMessage?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

/** Thrown inside the main process; turned into an AppError value at the bridge. */
export class AppFailure extends Error {
  readonly error: AppError
  constructor(error: AppError) {
    super(error.message)
    this.name = 'AppFailure'
    this.error = error
  }
}

export function fail(kind: ErrorKind, message: string, extra: Omit<AppError, 'kind' | 'message'> = {}): never {
  throw new AppFailure({ kind, message, ...extra })
}

export function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppError).message === 'string' &&
    (errorKinds as readonly string[]).includes((value as AppError).kind)
  )
}
