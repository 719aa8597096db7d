import { notFound, validationFailed } from '../errors.js'

/** Record ids of vendors that number their records (ConnectWise, Syncro, HaloPSA, Autotask). */

// Positive, without leading zeros: an id of 0 means "create" to HaloPSA, and `007` is no id any vendor gave.
const INTEGER_ID = /^[1-9]\d{0,14}$/
// Autotask numbers from 0: company 0 is the account's own company.
const ZERO_BASED_ID = /^(0|[1-9]\d{0,14})$/

/** Whether a vendor's ids start at 0 or at 1. */
export type IdBase = 0 | 1
const idPattern = (base: IdBase) => (base === 0 ? ZERO_BASED_ID : INTEGER_ID)
const numberText = (base: IdBase) => (base === 0 ? 'whole number' : 'positive whole number')

/** A canonical field that refers to a record by anything but a positive number is invalid input here. */
export function integerId(vendor: string, value: string, field: string, base: IdBase = 1): number {
  if (!idPattern(base).test(value)) {
    throw validationFailed(
      `'${field}' must be ${/^[aeiou]/i.test(vendor) ? 'an' : 'a'} ${vendor} id (digits)`,
      [{ field, message: `must be a ${numberText(base)}` }],
    )
  }
  return Number(value)
}

/** In a path, a value that is not a positive number names no record. */
export function integerPathId(vendor: string, value: string, base: IdBase = 1): number {
  if (!idPattern(base).test(value))
    throw notFound(`${vendor} has no record '${value}': its ids are ${numberText(base)}s`)
  return Number(value)
}

/** `undefined` stays absent (not sent), `null` clears the reference. */
export const nullableIntegerId = (
  vendor: string,
  value: string | null | undefined,
  field: string,
  base: IdBase = 1,
) => (value === undefined ? undefined : value === null ? null : integerId(vendor, value, field, base))

export const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
