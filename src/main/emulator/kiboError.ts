// Kibo's error body, as its services send it: a message, a code, the application that raised it.

export interface KiboErrorBody {
  message: string
  errorCode: string
  applicationName: string
  additionalErrorData: Array<{ name: string; value: string }>
  items: unknown[]
}

/** Thrown by a route; the server turns it into a Kibo error response. */
export class KiboHttpError extends Error {
  readonly status: number
  readonly errorCode: string
  readonly applicationName: string
  readonly additionalErrorData: Array<{ name: string; value: string }>
  readonly headers: Record<string, string>

  constructor(
    status: number,
    errorCode: string,
    message: string,
    extra: { applicationName?: string; data?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(message)
    this.name = 'KiboHttpError'
    this.status = status
    this.errorCode = errorCode
    this.applicationName = extra.applicationName ?? 'Customer'
    this.additionalErrorData = Object.entries(extra.data ?? {}).map(([name, value]) => ({ name, value }))
    this.headers = extra.headers ?? {}
  }

  body(): KiboErrorBody {
    return {
      message: this.message,
      errorCode: this.errorCode,
      applicationName: this.applicationName,
      additionalErrorData: this.additionalErrorData,
      items: [],
    }
  }
}

export const unauthorized = (message: string, applicationName?: string): KiboHttpError =>
  new KiboHttpError(401, 'UNAUTHORIZED', message, { applicationName })

export const invalidParameter = (name: string, message: string, applicationName?: string): KiboHttpError =>
  new KiboHttpError(400, 'MISSING_OR_INVALID_PARAMETER', `Missing or invalid parameter: ${name} ${message}`, {
    applicationName,
    data: { parameter: name },
  })

export const notFound = (message: string): KiboHttpError => new KiboHttpError(404, 'ITEM_NOT_FOUND', message)

export const conflict = (message: string): KiboHttpError => new KiboHttpError(400, 'VALIDATION_CONFLICT', message)
