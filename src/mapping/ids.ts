import { notFound, validationFailed } from '../errors.js'

/** Record ids of vendors that number their records (ConnectWise, Syncro, HaloPSA). */

const INTEGER_ID = /^\d{1,15}$/

/** A canonical field that refers to a record by anything but digits is invalid input for such a vendor. */
export function integerId(vendor: string, value: string, field: string): number {
  if (!INTEGER_ID.test(value)) {
    throw validationFailed(`'${field}' must be a ${vendor} id (digits)`, [
      { field, message: 'must be digits' },
    ])
  }
  return Number(value)
}

/** In a path, a value that is not digits names no record. */
export function integerPathId(vendor: string, value: string): number {
  if (!INTEGER_ID.test(value)) throw notFound(`${vendor} has no record '${value}': its ids are digits`)
  return Number(value)
}

/** `undefined` stays absent (not sent), `null` clears the reference. */
export const nullableIntegerId = (vendor: string, value: string | null | undefined, field: string) =>
  value === undefined ? undefined : value === null ? null : integerId(vendor, value, field)

export const withoutUndefined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined))
