import { notFound, validationFailed } from '../errors.js'

/** Record ids of vendors that number their records (ConnectWise, Syncro, HaloPSA). */

// Positive, without leading zeros: an id of 0 means "create" to HaloPSA, and `007` is no id any vendor gave.
const INTEGER_ID = /^[1-9]\d{0,14}$/

/** A canonical field that refers to a record by anything but a positive number is invalid input here. */
export function integerId(vendor: string, value: string, field: string): number {
  if (!INTEGER_ID.test(value)) {
    throw validationFailed(`'${field}' must be a ${vendor} id (digits)`, [
      { field, message: 'must be a positive whole number' },
    ])
  }
  return Number(value)
}

/** In a path, a value that is not a positive number names no record. */
export function integerPathId(vendor: string, value: string): number {
  if (!INTEGER_ID.test(value))
    throw notFound(`${vendor} has no record '${value}': its ids are positive numbers`)
  return Number(value)
}

/** `undefined` stays absent (not sent), `null` clears the reference. */
export const nullableIntegerId = (vendor: string, value: string | null | undefined, field: string) =>
  value === undefined ? undefined : value === null ? null : integerId(vendor, value, field)

export const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
