// Kibo's ids and counters are 32-bit signed integers (format int32 in its OpenAPI documents): the
// one statement of that range, for the app's checks, the emulator's flags and the tests' validator.

export const MAX_INT32 = 2_147_483_647
export const MIN_INT32 = -2_147_483_648

/** An id Kibo can hold: a whole number from 1 to the int32 maximum. */
export function isPositiveInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_INT32
}
