import { Type } from '@sinclair/typebox'
import { AGENT_FILTERS, type ListFilters } from '../../src/canonical/list-query.js'
import { notFound } from '../../src/errors.js'
import { readPosition } from '../../src/paging/cursor.js'
import type { CallContext, ListRequest, ListResult, ReadOperations } from '../types.js'

/** The filters a whole list honours: it is held by the gateway, so it applies them itself. */
export const WHOLE_LIST_FILTERS = AGENT_FILTERS

const matchesText = (record: { name: string; email?: string | null }, q: string) => {
  const text = q.toLowerCase()
  return record.name.toLowerCase().includes(text) || (record.email ?? '').toLowerCase().includes(text)
}

const matching = <T extends { name: string; email?: string | null }>(records: T[], filters: ListFilters) =>
  filters.q === undefined ? records : records.filter((record) => matchesText(record, filters.q!))

const Offset = Type.Integer({ minimum: 0 })

/**
 * list and get of a resource the vendor answers whole and the gateway caches like reference data (agents):
 * `all` reads it through the reference cache; pages are slices of it, the position an offset.
 */
export function wholeListOperations<T extends { id: string; name: string; email?: string | null }>(
  singular: string,
  all: (ctx: CallContext) => Promise<T[]>,
): ReadOperations<T> {
  return {
    async list(request: ListRequest, ctx: CallContext): Promise<ListResult<T>> {
      const records = matching(await all(ctx), request.filters)
      const offset = request.position === null ? 0 : readPosition(Offset, request.position)
      const end = offset + request.pageSize
      return { data: records.slice(offset, end), nextPosition: end < records.length ? end : null }
    },
    async get(id: string, ctx: CallContext): Promise<T> {
      const record = (await all(ctx)).find((candidate) => candidate.id === id)
      if (!record) throw notFound(`${singular} '${id}' not found`)
      return record
    },
  }
}
