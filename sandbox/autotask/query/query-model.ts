import { EntityError } from '../entities/entity.js'
import { bind } from '../entities/json-binding.js'
import { readFilter, type Condition, type FilterTarget } from './filter.js'

/** Autotask's page size limit and default (HELP REST_Advanced_Query_Features.htm "maximum records to return"). */
export const MAX_RECORDS = 500

export interface QueryModel {
  conditions: Condition[]
  /** Whether the filter is an empty array: a query that matches nothing. */
  emptyFilter: boolean
  maxRecords: number
  /** Field names as sent; undefined returns whole records. */
  includeFields: string[] | undefined
}

/**
 * A query's JSON (`POST` body, or `GET ?search=`): `{filter, MaxRecords, IncludeFields}` with its keys read
 * without case, as ASP.NET binds them (SWAGGER `QueryModel`; HELP sends `filter`, docs elsewhere `Filter`). A
 * missing filter is a 500, an empty one matches nothing (Servosity/msp-skills issue #257, facts §2).
 */
export function readQueryModel(raw: unknown, target: FilterTarget): QueryModel {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new EntityError(500, ['The query must be a JSON object with a filter.'])
  const keys = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key.toLowerCase(), value]))
  const conditions = readFilter(keys.filter, target)
  return {
    conditions,
    emptyFilter: Array.isArray(keys.filter) && keys.filter.length === 0,
    maxRecords: readMaxRecords(keys.maxrecords),
    includeFields: readIncludeFields(keys.includefields),
  }
}

/**
 * `MaxRecords` is an int32 bound as ASP.NET binds one ("10" is 10: entities/json-binding.ts). The text is what a
 * live tenant answered (WYRE-AI/autotask-mcp src/services/autotask-http.ts; weak, facts §2).
 */
function readMaxRecords(value: unknown): number {
  const bound = value === undefined ? { value: null } : bind('integer', value)
  if (bound?.value === null) return MAX_RECORDS
  const records = bound?.value as number | undefined
  if (records === undefined || records < 1 || records > MAX_RECORDS)
    throw new EntityError(500, [`maxCountOfRecordsToReturn must be between 1 and ${MAX_RECORDS}`])
  return records
}

function readIncludeFields(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string'))
    throw new EntityError(500, ['IncludeFields must be an array of field names.'])
  return value.length === 0 ? undefined : (value as string[])
}

/** The `search` parameter of a query's URL, which GET queries and every page after the first carry. */
export function searchParameter(request: { query: URLSearchParams }): string {
  const search = request.query.get('search')
  // (unsourced text: chosen)
  if (search === null) throw new EntityError(500, ['The search parameter is required.'])
  return search
}

/** A query's JSON as text; unreadable JSON is refused like a bad query (unsourced: chosen). */
export function parseSearch(search: string): unknown {
  try {
    return JSON.parse(search) as unknown
  } catch {
    throw new EntityError(500, ['The search parameter is not valid JSON.'])
  }
}
