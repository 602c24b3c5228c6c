// For tests: the AppFailure a piece of work ends with. Success, or any other error, fails the test.
import { AppFailure, type AppError } from '../src/shared/errors'

export async function appFailureOf(work: Promise<unknown> | (() => unknown)): Promise<AppFailure> {
  try {
    await (typeof work === 'function' ? work() : work)
  } catch (error) {
    if (error instanceof AppFailure) return error
    throw error
  }
  throw new Error('expected an AppFailure, but the work succeeded')
}

export async function appErrorOf(work: Promise<unknown> | (() => unknown)): Promise<AppError> {
  return (await appFailureOf(work)).error
}
