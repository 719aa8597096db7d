import type { FastifyRequest } from 'fastify'
import type { Adapter, ListableResource, ListRequest, ListResult } from '../adapters/types.js'
import {
  PRIORITY_LEVELS,
  STATUS_CATEGORIES,
  type PriorityLevel,
  type StatusCategory,
} from '../src/canonical/common.js'
import type { FilterName, ListFilters, PagingQuery } from '../src/canonical/list-query.js'
import { unsupportedFilter } from '../src/errors.js'
import { decodeCursor, encodeCursor, type CursorScope } from '../src/paging/cursor.js'
import { shapeRemote } from './common.js'

const sortedUnique = <T extends string>(values: T[], order: readonly T[]) =>
  order.filter((value) => values.includes(value))

/** Query-string filters as adapters receive them: comma lists split and put in a fixed order. */
export function filtersOf(query: Record<string, unknown>): ListFilters {
  const filters: ListFilters = {}
  const text = (name: FilterName) => (typeof query[name] === 'string' ? (query[name] as string) : undefined)
  const status = text('status')
  if (status) filters.status = sortedUnique(status.split(',') as StatusCategory[], STATUS_CATEGORIES)
  const priority = text('priority')
  if (priority) filters.priority = sortedUnique(priority.split(',') as PriorityLevel[], PRIORITY_LEVELS)
  for (const name of [
    'statusId',
    'customerId',
    'assigneeId',
    'agentId',
    'updatedSince',
    'createdSince',
    'startedSince',
    'q',
  ] as const) {
    const value = text(name)
    if (value !== undefined) filters[name] = value
  }
  const customField = text('customField')
  if (customField !== undefined) {
    const separator = customField.indexOf(':')
    filters.customField = { id: customField.slice(0, separator), value: customField.slice(separator + 1) }
  }
  return filters
}

export interface PageAnswer<T> {
  data: T[]
  nextCursor: string | null
}

/**
 * One canonical list call: filters checked against what the vendor honours (never post-filtered), cursor
 * checked against this list and these filters, then the adapter fills the page.
 */
export async function listPage<T extends { remote?: unknown }>(
  request: FastifyRequest,
  adapter: Adapter,
  resource: ListableResource,
  query: PagingQuery & Record<string, unknown>,
  list: (listRequest: ListRequest) => Promise<ListResult<T>>,
  parentId?: string,
): Promise<PageAnswer<T>> {
  const filters = filtersOf(query)
  for (const name of Object.keys(filters) as FilterName[]) {
    if (!adapter.filters[resource].includes(name)) throw unsupportedFilter(adapter.vendor, resource, name)
  }
  const scope: CursorScope = { connection: adapter.connectionId, resource, parentId, filters }
  const position = query.cursor === undefined ? null : decodeCursor(query.cursor, scope)
  request.log.debug({ resource, pageSize: query.pageSize, filters: Object.keys(filters) }, 'list')
  const result = await list({ pageSize: query.pageSize, position, filters })
  return {
    data: result.data.map((record) => shapeRemote(record, query.include)),
    nextCursor: result.nextPosition === null ? null : encodeCursor(result.nextPosition, scope),
  }
}
