import { queryIntegerList } from '../query-params.js'

/**
 * Records whose `value` is among the ids the named parameters give (each one id or a comma list; Halo pairs a
 * single-id parameter like `status_id` with a list one like `status`); undefined when none is given.
 */
export function idFilter<T>(
  query: URLSearchParams,
  names: readonly string[],
  value: (record: T) => number | null,
): ((record: T) => boolean) | undefined {
  const given = names.map((name) => queryIntegerList(query, name)).filter((ids) => ids !== undefined)
  if (given.length === 0) return undefined
  const ids = new Set(given.flat())
  return (record) => {
    const id = value(record)
    return id !== null && ids.has(id)
  }
}

/** A timestamp within [from, to): the lower bound inclusive, the upper exclusive (our choice). */
export function withinDates(timestamp: string | null, from: number | undefined, to: number | undefined) {
  if (from === undefined && to === undefined) return true
  if (timestamp === null) return false
  const ms = Date.parse(timestamp)
  return (from === undefined || ms >= from) && (to === undefined || ms < to)
}
