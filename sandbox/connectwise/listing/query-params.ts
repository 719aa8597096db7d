import { ReplyError } from '../../shared/reply.js'
import { invalidArgument } from '../vendor-errors.js'

// Query parameter names are case-insensitive, as ASP.NET binds them (`pagesize` is `pageSize`); the first of
// repeated names wins, and a blank value counts as absent.

export function queryParam(query: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [key, value] of query) {
    if (key.toLowerCase() === lower) return value.trim() === '' ? undefined : value
  }
  return undefined
}

/** The parameters other than `names`, in their order. */
export function otherParams(query: URLSearchParams, names: readonly string[]): [string, string][] {
  const dropped = new Set(names.map((name) => name.toLowerCase()))
  return [...query].filter(([key]) => !dropped.has(key.toLowerCase()))
}

/** A whole number of at least `min`; anything else answers 400 at once. */
export function integerParam(query: URLSearchParams, name: string, min: number): number | undefined {
  const text = queryParam(query, name)
  if (text === undefined) return undefined
  const value = /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isSafeInteger(value) || value < min)
    throw new ReplyError(invalidArgument(`${name} must be an integer of at least ${min}, got '${text}'.`))
  return value
}
