// The one step both transports share: find the call, validate its input against the contract,
// run the handler, and turn every failure into an AppError value. Nothing thrown here crosses a
// transport, so the Electron and HTTP hosts cannot drift apart.
import type { z } from 'zod'
import { calls, type CallName, type CallOutput, type Calls } from '../shared/contract'
import { AppFailure, type AppError, type Result } from '../shared/errors'

export interface CallContext {
  /** Aborted when the caller goes away (window closed, HTTP client disconnected). */
  signal: AbortSignal
}

export type Handlers = {
  [K in CallName]: (input: z.output<Calls[K]['input']>, context: CallContext) => Promise<CallOutput<K>>
}

export type Dispatch = (name: unknown, input: unknown, context: CallContext) => Promise<Result<unknown>>

function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name)
}

function describeIssues(error: z.ZodError): { message: string; where?: string } {
  const first = error.issues[0]
  const where = first && first.path.length > 0 ? first.path.join('.') : undefined
  const message = first ? (where ? `${where}: ${first.message}` : first.message) : 'The request is malformed.'
  return { message, where }
}

export function createDispatch(handlers: Handlers, report: (error: unknown, call: string) => void = () => {}): Dispatch {
  return async (name, input, context) => {
    if (!isCallName(name)) {
      return failure({ kind: 'invalid-input', message: `There is no call named ${JSON.stringify(String(name)).slice(0, 80)}.` })
    }
    const parsed = calls[name].input.safeParse(input)
    if (!parsed.success) {
      const { message, where } = describeIssues(parsed.error)
      return failure({ kind: 'invalid-input', message: `${name}: ${message}`, where, hint: 'This is a bug in the app; please report it.' })
    }
    try {
      const handler = handlers[name] as (input: unknown, context: CallContext) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data, context) }
    } catch (error) {
      if (error instanceof AppFailure) return failure(error.error)
      // Anything else is a bug. Its message may quote internals, so it stays in the main process.
      report(error, name)
      return failure({
        kind: 'internal',
        message: `Account Inspector hit an unexpected problem while running ${name}.`,
        hint: 'Try again; if it keeps happening, restart the app and report it.',
      })
    }
  }
}

function failure(error: AppError): Result<never> {
  return { ok: false, error }
}
