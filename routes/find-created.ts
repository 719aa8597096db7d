import type { CallContext, ListRequest, ListResult } from '../adapters/types.js'
import type { FilterName, ListFilters } from '../src/canonical/list-query.js'

/**
 * The record an earlier create of unknown outcome made, looked up at the vendor: listed with `filters` (the
 * record's parent, created since the attempt, its text), then matched exactly. Undefined unless the vendor
 * honours every filter and exactly one record matches on one page: never a guess.
 */
export async function findCreatedBy<T>(
  list: (request: ListRequest, ctx: CallContext) => Promise<ListResult<T>>,
  honoured: readonly FilterName[],
  filters: ListFilters,
  matches: (record: T) => boolean,
  ctx: CallContext,
): Promise<T | undefined> {
  const used = Object.keys(filters) as FilterName[]
  if (!used.every((name) => honoured.includes(name)) || (filters.q?.length ?? 0) > 200) return undefined
  const { data, nextPosition } = await list({ pageSize: 100, position: null, filters }, ctx)
  if (nextPosition !== null) return undefined
  const found = data.filter(matches)
  return found.length === 1 ? found[0] : undefined
}
