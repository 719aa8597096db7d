import type { CallContext, ListRequest, ListResult } from '../adapters/types.js'
import type { FilterName, ListFilters } from '../src/canonical/list-query.js'

/** A record found, none, or no way to tell. */
export type LookupResult<T> = { found: T } | 'none' | 'unknown'

/**
 * The record an earlier create of unknown outcome made, looked up at the vendor: listed with `filters` (the
 * record's parent, created since the attempt, its text), then matched exactly. Found only when exactly one
 * record matches; 'none' when the vendor, honouring every filter, lists no match on one page; otherwise
 * 'unknown': never a guess.
 */
export async function findCreatedBy<T>(
  list: (request: ListRequest, ctx: CallContext) => Promise<ListResult<T>>,
  honoured: readonly FilterName[],
  filters: ListFilters,
  matches: (record: T) => boolean,
  ctx: CallContext,
): Promise<LookupResult<T>> {
  const used = Object.keys(filters) as FilterName[]
  if (!used.every((name) => honoured.includes(name)) || (filters.q?.length ?? 0) > 200) return 'unknown'
  const { data, nextPosition } = await list({ pageSize: 100, position: null, filters }, ctx)
  if (nextPosition !== null) return 'unknown'
  const found = data.filter(matches)
  if (found.length === 1) return { found: found[0]! }
  return found.length === 0 ? 'none' : 'unknown'
}
