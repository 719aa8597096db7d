import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { ConnectWiseReply, ConnectWiseRequest, HandlerContext } from '../http-types.js'
import { parseFields, project } from './fields.js'
import { queryFilters, readFilters, type FilterSource } from './filters.js'
import { above } from './id-range.js'
import { findMatches, type ListSource } from './matches.js'
import { parseOrderBy } from './order-by.js'
import { readPaging, takePage } from './paging.js'
import { queryParam } from './query-params.js'

/** How a list is asked for: by the query string (GET), or a search body's FilterValues (POST …/search). */
export interface ListAsk {
  filters: FilterSource
  orderBy: string | undefined
}

/**
 * A list answer: a bare JSON array of the records (their answer JSON) that meet `conditions`, `childConditions`
 * and `customFieldConditions`, in `orderBy` order, one page of them, trimmed to `fields`, with a `Link` header.
 * Every parameter is checked before any record is, so a bad one answers 400 and nothing else. Records are rendered
 * as the page needs them (see findMatches): a page in id order renders its own records only.
 */
export function listReply<R>(
  request: ConnectWiseRequest,
  { pageSizes }: HandlerContext,
  schema: FieldSchema,
  source: ListSource<R>,
  ask: ListAsk = { filters: queryFilters(request.query), orderBy: queryParam(request.query, 'orderBy') },
): ConnectWiseReply {
  const filter = readFilters(ask.filters, schema)
  const orderBy = ask.orderBy
  const order = orderBy === undefined ? [] : parseOrderBy(orderBy, schema)
  const fields = readFields(request.query, schema)
  const paging = readPaging(request, pageSizes, order.length > 0)
  const range = paging.mode === 'forward-only' ? above(filter.range, paging.afterId) : filter.range
  const page = takePage(request, findMatches(source, { ...filter, range }, order), paging)
  return {
    status: 200,
    body: fields ? page.records.map((record) => project(record, fields)) : page.records,
    headers: page.link ? { link: page.link } : {},
  }
}

/** `{"count": N}` of the records that meet the filters. */
export function countReply<R>(
  request: ConnectWiseRequest,
  schema: FieldSchema,
  source: ListSource<R>,
): ConnectWiseReply {
  const filter = readFilters(queryFilters(request.query), schema)
  return { status: 200, body: { count: findMatches(source, filter, []).count() } }
}

/** One record's answer, trimmed to `fields` when asked. */
export function recordReply(
  request: ConnectWiseRequest,
  schema: FieldSchema,
  record: JsonObject,
  status = 200,
): ConnectWiseReply {
  const fields = readFields(request.query, schema)
  return { status, body: fields ? project(record, fields) : record }
}

function readFields(query: URLSearchParams, schema: FieldSchema): string[][] | undefined {
  const text = queryParam(query, 'fields')
  const fields = text === undefined ? [] : parseFields(text, schema)
  return fields.length > 0 ? fields : undefined
}
