import type { EmulatorReply } from '../../shared/reply.js'
import type { EntityDefinition, FieldDefinition, Row } from '../entities/entity.js'
import { singularName } from '../entity-names.js'
import type { AutotaskRequest, HandlerContext } from '../http-types.js'
import {
  firstPageToken,
  pageAt,
  pageDetails,
  pageUrl,
  readPagingToken,
  type PageRoute,
  type PagingToken,
} from '../paging.js'
import { matchesAll } from '../query/evaluate.js'
import { parseSearch, readQueryModel, searchParameter, type QueryModel } from '../query/query-model.js'
import { methodNotAllowed } from '../vendor-errors.js'

/** `/{Entity}/query`, `/query/next` and `/query/count`, by GET `?search=` or by POST body (SWAGGER). */
export function queryHandlers(entity: EntityDefinition) {
  const run = (context: HandlerContext, raw: unknown) => {
    const fields = entity.fields(context.db)
    const udfs = entity.userDefinedFields?.(context.db) ?? []
    const model = readQueryModel(raw, { fields, udfs, singularName: singularName(entity.name) })
    return { model, fields, matching: model.emptyFilter ? [] : matchingRows(entity, context, model) }
  }

  /** `nextAt` is where the page's neighbours are read: `query/next` after a POST, `query` after a GET. */
  const page = (
    context: HandlerContext,
    search: string,
    token: PagingToken | undefined,
    nextAt: PageRoute,
  ): EmulatorReply => {
    const { model, fields, matching } = run(context, parseSearch(search))
    const at = pageAt(matching, token ?? firstPageToken(model.maxRecords))
    const nextUrl = pageUrl(context.baseUrl, entity.name, nextAt, search)
    return {
      status: 200,
      body: {
        items: at.rows.map((row) => projected(row, model.includeFields, fields)),
        pageDetails: pageDetails(at, token?.pageSize ?? model.maxRecords, nextUrl),
      },
    }
  }

  const pagingOf = (request: AutotaskRequest) => {
    const paging = request.query.get('paging')
    return paging === null ? undefined : readPagingToken(paging)
  }

  return {
    getQuery: (request: AutotaskRequest, context: HandlerContext) =>
      page(context, searchParameter(request), pagingOf(request), 'query'),
    postQuery: (request: AutotaskRequest, context: HandlerContext) =>
      page(context, JSON.stringify(request.body ?? null), undefined, 'query/next'),
    /**
     * `query/next` answers POST only: a GET is a 405 (WYRE-AI/autotask-mcp PR #170, live). Its URL carries the
     * paging and the search, so a POST needs no body (tphakala/go-autotask iter.go POSTs none; facts §3); a body
     * sent with it is not read (unsourced: chosen because the URL already says what the page is).
     */
    getNext: () => methodNotAllowed('GET'),
    postNext: (request: AutotaskRequest, context: HandlerContext) =>
      page(context, searchParameter(request), readPagingToken(request.query.get('paging')), 'query/next'),
    /** `{"queryCount": N}` (APIGRATE README; SWAGGER QueryCountResultModel). */
    getCount: (request: AutotaskRequest, context: HandlerContext): EmulatorReply => ({
      status: 200,
      body: { queryCount: run(context, parseSearch(searchParameter(request))).matching.length },
    }),
    postCount: (request: AutotaskRequest, context: HandlerContext): EmulatorReply => ({
      status: 200,
      body: { queryCount: run(context, request.body).matching.length },
    }),
  }
}

/** Matching records, ascending by id (facts §2 "Count and ordering"). */
export function matchingRows(
  entity: EntityDefinition,
  context: HandlerContext,
  model: Pick<QueryModel, 'conditions'>,
): Row[] {
  return [...entity.rows(context.db).values()]
    .filter((row) => matchesAll(row, model.conditions))
    .sort((a, b) => a.id - b.id)
}

/**
 * `IncludeFields` keeps the fields named (without case); `id` and `userDefinedFields` come back whatever was asked
 * (APIGRATE README IncludeFields sample). A name that is no field is ignored (unsourced: chosen).
 */
function projected(row: Row, includeFields: string[] | undefined, fields: readonly FieldDefinition[]): Row {
  if (!includeFields) return { ...row }
  const wanted = new Set(includeFields.map((name) => name.toLowerCase()))
  const kept: Row = { id: row.id }
  for (const field of fields)
    if (wanted.has(field.name.toLowerCase()) && field.name in row) kept[field.name] = row[field.name]
  if ('userDefinedFields' in row) kept.userDefinedFields = row.userDefinedFields
  return kept
}
