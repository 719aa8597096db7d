import { ReplyError } from '../../shared/reply.js'
import {
  compileConditions,
  ConditionsError,
  parseConditions,
  type RecordPredicate,
} from '../conditions/index.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { ConnectWiseReply, ConnectWiseRequest, HandlerContext } from '../http-types.js'
import { invalidArgument } from '../vendor-errors.js'
import { parseFields, project } from './fields.js'
import { parseOrderBy, sortRecords } from './order-by.js'
import { readPaging, takePage } from './paging.js'
import { queryParam } from './query-params.js'

/**
 * A list answer: a bare JSON array of the records (their answer JSON) that meet `conditions`, in `orderBy`
 * order, one page of them, trimmed to `fields`, with a `Link` header. Every parameter is checked before any
 * record is, so a bad one answers 400 and nothing else.
 */
export function listReply(
  request: ConnectWiseRequest,
  { pageSizes }: HandlerContext,
  schema: FieldSchema,
  records: readonly JsonObject[],
): ConnectWiseReply {
  const matches = readConditions(request.query, schema)
  const orderBy = queryParam(request.query, 'orderBy')
  const order = orderBy === undefined ? [] : parseOrderBy(orderBy, schema)
  const fields = readFields(request.query, schema)
  const paging = readPaging(request, pageSizes, order.length > 0)
  const page = takePage(request, sortRecords(records.filter(matches), order), paging)
  return {
    status: 200,
    body: fields ? page.records.map((record) => project(record, fields)) : page.records,
    headers: page.link ? { link: page.link } : {},
  }
}

/** `{"count": N}` of the records that meet `conditions`. */
export function countReply(
  request: ConnectWiseRequest,
  schema: FieldSchema,
  records: readonly JsonObject[],
): ConnectWiseReply {
  const matches = readConditions(request.query, schema)
  return { status: 200, body: { count: records.filter(matches).length } }
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

function readConditions(query: URLSearchParams, schema: FieldSchema): RecordPredicate {
  const text = queryParam(query, 'conditions')
  if (text === undefined) return () => true
  try {
    return compileConditions(parseConditions(text), schema)
  } catch (error) {
    if (error instanceof ConditionsError) throw new ReplyError(invalidArgument(error.message))
    throw error
  }
}

function readFields(query: URLSearchParams, schema: FieldSchema): string[][] | undefined {
  const text = queryParam(query, 'fields')
  const fields = text === undefined ? [] : parseFields(text, schema)
  return fields.length > 0 ? fields : undefined
}
