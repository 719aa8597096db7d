import { ReplyError } from '../shared/reply.js'
import { parseHaloDate } from './dates.js'
import { bindingError } from './vendor-errors.js'

// Query parameters bound the way ASP.NET binds them: names case-insensitively (the pipeline lower-cases them),
// the first of repeated keys, a blank value as absent, and a value that does not convert answers 400 at once.

export function lowerCaseNames(query: URLSearchParams): URLSearchParams {
  return new URLSearchParams([...query].map(([name, value]): [string, string] => [name.toLowerCase(), value]))
}

export function queryText(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name)
  return value === null || value.trim() === '' ? undefined : value
}

export function queryInteger(query: URLSearchParams, name: string): number | undefined {
  const value = queryText(query, name)
  if (value === undefined) return undefined
  if (!/^\s*-?\d{1,10}\s*$/.test(value)) throw invalidValue(name, value)
  return Number(value)
}

/** One id or a comma-separated list of them. */
export function queryIntegerList(query: URLSearchParams, name: string): number[] | undefined {
  const value = queryText(query, name)
  if (value === undefined) return undefined
  const parts = value.split(',').filter((part) => part.trim() !== '')
  if (!parts.every((part) => /^\s*-?\d{1,10}\s*$/.test(part))) throw invalidValue(name, value)
  return parts.map(Number)
}

export function queryBoolean(query: URLSearchParams, name: string): boolean | undefined {
  const value = queryText(query, name)
  if (value === undefined) return undefined
  const lower = value.trim().toLowerCase()
  if (lower !== 'true' && lower !== 'false') throw invalidValue(name, value)
  return lower === 'true'
}

/** Epoch milliseconds. */
export function queryDate(query: URLSearchParams, name: string): number | undefined {
  const value = queryText(query, name)
  if (value === undefined) return undefined
  const ms = parseHaloDate(value)
  if (ms === undefined) throw invalidValue(name, value)
  return ms
}

export function invalidValue(name: string, value: string): ReplyError {
  return new ReplyError(bindingError(name, `The value '${value}' is not valid for ${name}.`))
}
