import { castBoolean } from './body-fields.js'
import { parseVendorDate } from './dates.js'
import { ReplyError } from '../shared/reply.js'
import { invalidDate } from './vendor-errors.js'

// Query parameters read the way the vendor's Rails app reads them: the last of repeated keys wins and a
// blank value counts as absent.

export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const value = query.getAll(name).at(-1)
  return value === undefined || value.trim() === '' ? undefined : value
}

/**
 * The parameter as an integer; NaN when it is present but not an integer, so that comparing a record's
 * field with it matches nothing. Undefined when absent.
 */
export function queryInteger(query: URLSearchParams, name: string): number | undefined {
  const value = queryValue(query, name)
  if (value === undefined) return undefined
  return /^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN
}

/** Every integer in `name`, `name[]`, repeated or comma-separated; NaN for the entries that are not. */
export function queryIntegerList(query: URLSearchParams, name: string): number[] | undefined {
  const values = [...query.getAll(name), ...query.getAll(`${name}[]`)]
    .flatMap((value) => value.split(','))
    .filter((value) => value.trim() !== '')
  if (values.length === 0) return undefined
  return values.map((value) => (/^\s*-?\d+\s*$/.test(value) ? Number(value) : Number.NaN))
}

/** Epoch milliseconds; an unparsable date answers 400 at once. */
export function queryDate(query: URLSearchParams, name: string): number | undefined {
  const value = queryValue(query, name)
  if (value === undefined) return undefined
  const ms = parseVendorDate(value)
  if (ms === undefined) throw new ReplyError(invalidDate(name))
  return ms
}

export function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const value = queryValue(query, name)
  return value === undefined ? undefined : castBoolean(value) === true
}

/** 1-based; anything that is not a positive integer means page 1. */
export function queryPage(query: URLSearchParams): number {
  const value = queryValue(query, 'page')
  return value !== undefined && /^\s*\d+\s*$/.test(value) && Number(value) >= 1 ? Number(value) : 1
}
