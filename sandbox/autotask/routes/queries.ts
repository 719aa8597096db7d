import type { EmulatorReply } from '../../shared/reply.js'
import type { EntityDefinition, FieldDefinition, Row } from '../entities/entity.js'
import { singularName } from '../entity-names.js'
import type { AutotaskRequest, HandlerContext } from '../http-types.js'
import { firstPageToken, pageAt, pageDetails, readPagingToken, type PagingToken } from '../paging.js'
import { matchesAll } from '../query/evaluate.js'
import { parseSearch, readQueryModel, type QueryModel } from '../query/query-model.js'
import { methodNotAllowed } from '../vendor-errors.js'

/** `/{Entity}/query`, `/query/next` and `/query/count`, by GET `?search=` or by POST body (SWAGGER). */
export function queryHandlers(entity: EntityDefinition) {
  const run = (context: HandlerContext, raw: unknown) => {
    const fields = entity.fields(context.db)
    const udfs = entity.userDefinedFields?.(context.db) ?? []
    const model = readQueryModel(raw, { fields, udfs, singularName: singularName(entity.name) })
    return { model, fields, matching: model.emptyFilter ? [] : matchingRows(entity, context, model) }
  }

  const page = (
    context: HandlerContext,
    raw: unknown,
    token: PagingToken | undefined,
    search: string | undefined,
  ): EmulatorReply => {
    const { model, fields, matching } = run(context, raw)
    const at = pageAt(matching, token ?? firstPageToken(model.maxRecords))
    const nextUrl = (next: PagingToken) =>
      `${context.baseUrl}/${entity.name}/query/next?paging=${encodeURIComponent(JSON.stringify(next))}` +
      (search === undefined ? '' : `&search=${encodeURIComponent(search)}`)
    return {
      status: 200,
      body: {
        items: at.rows.map((row) => projected(row, model.includeFields, fields)),
        pageDetails: pageDetails(at, token?.pageSize ?? model.maxRecords, nextUrl),
      },
    }
  }

  const searchOf = (request: AutotaskRequest) => request.query.get('search') ?? undefined

  return {
    getQuery: (request: AutotaskRequest, context: HandlerContext) =>
      page(context, parseSearch(request.query.get('search')), undefined, searchOf(request)),
    postQuery: (request: AutotaskRequest, context: HandlerContext) =>
      page(context, request.body, undefined, undefined),
    /** GET follows a page only when its URL carries the search: a POST query's next page must be POSTed. */
    getNext: (request: AutotaskRequest, context: HandlerContext) => {
      const search = searchOf(request)
      if (search === undefined) return methodNotAllowed('GET')
      return page(context, parseSearch(search), readPagingToken(request.query.get('paging')), search)
    },
    postNext: (request: AutotaskRequest, context: HandlerContext) => {
      const search = searchOf(request)
      const raw = search === undefined ? request.body : parseSearch(search)
      return page(context, raw, readPagingToken(request.query.get('paging')), search)
    },
    /** `{"queryCount": N}` (APIGRATE README; SWAGGER QueryCountResultModel). */
    getCount: (request: AutotaskRequest, context: HandlerContext): EmulatorReply => ({
      status: 200,
      body: { queryCount: run(context, parseSearch(request.query.get('search'))).matching.length },
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
