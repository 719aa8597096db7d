import { vendorUnavailable } from '../errors.js'

/** Checks on the shape of a vendor's 2xx answer: a surprise is a 502, never an empty page or a 500. */

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const unexpected = (vendor: string, what: string) =>
  vendorUnavailable(502, `${vendor} answered without the ${what} it documents`)

/** `{ [key]: { ... } }` -> the record. */
export function recordIn<T>(body: unknown, key: string, vendor: string): T {
  const record = isRecord(body) ? body[key] : undefined
  if (!isRecord(record) || record.id === undefined) throw unexpected(vendor, `'${key}' record`)
  return record as T
}

/** `{ [key]: [ ... ] }` -> the records. */
export function recordsIn<T>(body: unknown, key: string, vendor: string): T[] {
  const records = isRecord(body) ? body[key] : undefined
  if (!Array.isArray(records) || !records.every(isRecord)) throw unexpected(vendor, `'${key}' list`)
  return records as T[]
}

/** A bare record (ConnectWise, HaloPSA single records). */
export function bareRecord<T>(body: unknown, vendor: string, what: string): T {
  if (!isRecord(body) || body.id === undefined) throw unexpected(vendor, `${what} record`)
  return body as T
}

/** A bare array of records (ConnectWise lists, HaloPSA reference lists). */
export function bareRecords<T>(body: unknown, vendor: string, what: string): T[] {
  if (!Array.isArray(body) || !body.every(isRecord)) throw unexpected(vendor, `${what} list`)
  return body as T[]
}
