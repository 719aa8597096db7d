import { Type, type TObject, type TSchema } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter, CallContext, ListableResource, ResourceOperations } from '../adapters/types.js'
import { RecordId } from '../src/canonical/common.js'
import { IncludeField, type PagingQuery } from '../src/canonical/list-query.js'
import { unsupportedOperation } from '../src/errors.js'
import {
  adapterOf,
  ConnectionParams,
  IdempotencyHeaders,
  NoQuery,
  READ_PROBLEMS,
  WRITE_PROBLEMS,
  callContext,
  problemResponses,
  shapeRemote,
} from './common.js'
import type { LookupResult } from './find-created.js'
import { listPage } from './list.js'

type AnyRecord = { id: string; remote?: unknown }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one generic route set for records of several shapes
type AnyOperations = ResourceOperations<AnyRecord, any, any>

export interface ResourceRouteSpec {
  resource: Exclude<ListableResource, 'comments'>
  /** 'ticket', for summaries and messages. */
  singular: string
  tag: string
  item: TSchema
  page: TSchema
  listQuery: TObject
  create: TSchema
  update: TSchema
  operations: (adapter: Adapter) => AnyOperations
  /** Canonical rules a write must follow before any vendor sees it. */
  checkWrite?: (body: Record<string, unknown>) => void
  /**
   * The record a create made, looked for at the vendor from what was sent (for a keyed repeat of a create whose
   * outcome is unknown).
   */
  findCreated?: (
    adapter: Adapter,
    body: never,
    since: string,
    ctx: CallContext,
  ) => Promise<LookupResult<AnyRecord>>
}

export const IncludeQuery = Type.Object(
  { include: Type.Optional(IncludeField) },
  { additionalProperties: false },
)

/** list, get, create and update of one resource under /v1/connections/{connection}. */
export function resourceRoutes(spec: ResourceRouteSpec): FastifyPluginAsyncTypebox {
  return async (app) => {
    const base = `/connections/:connection/${spec.resource}`
    const ItemParams = Type.Object({ connection: ConnectionParams.properties.connection, id: RecordId })

    app.get(
      base,
      {
        schema: {
          tags: [spec.tag],
          summary: `List ${spec.resource}`,
          description: `Pages of ${spec.resource}. Filters the vendor cannot apply natively answer 400 unsupported_filter (GET /v1/connections lists each connection's filters).`,
          params: ConnectionParams,
          querystring: spec.listQuery,
          response: { 200: Type.Ref(spec.page), ...problemResponses(...READ_PROBLEMS) },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        const query = request.query as PagingQuery & Record<string, unknown>
        return listPage(request, adapter, spec.resource, query, (listRequest) =>
          spec.operations(adapter).list(listRequest, callContext(request, reply)),
        )
      },
    )

    app.get(
      `${base}/:id`,
      {
        schema: {
          tags: [spec.tag],
          summary: `Get a ${spec.singular}`,
          params: ItemParams,
          querystring: IncludeQuery,
          response: { 200: Type.Ref(spec.item), ...problemResponses(...READ_PROBLEMS) },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        const record = await spec.operations(adapter).get(request.params.id, callContext(request, reply))
        return shapeRemote(record, request.query.include)
      },
    )

    app.post(
      base,
      {
        config: {
          findCreated: spec.findCreated
            ? async (request, reply, since) => {
                const adapter = adapterOf(request)
                const lookup = await spec.findCreated!(
                  adapter,
                  request.body as never,
                  since,
                  callContext(request, reply),
                )
                if (typeof lookup !== 'object') return lookup
                return {
                  record: shapeRemote(lookup.found, undefined),
                  location: `/v1/connections/${adapter.connectionId}/${spec.resource}/${lookup.found.id}`,
                }
              }
            : undefined,
        },
        schema: {
          tags: [spec.tag],
          summary: `Create a ${spec.singular}`,
          description: 'Answers 201 with the record as the vendor stored it.',
          params: ConnectionParams,
          querystring: NoQuery,
          headers: IdempotencyHeaders,
          body: Type.Ref(spec.create),
          response: { 201: Type.Ref(spec.item), ...problemResponses(...WRITE_PROBLEMS) },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        const operations = spec.operations(adapter)
        if (!operations.create) throw unsupportedOperation(adapter.vendor, `create ${spec.resource}`)
        spec.checkWrite?.(request.body as Record<string, unknown>)
        const record = await operations.create(request.body, callContext(request, reply))
        reply
          .code(201)
          .header('location', `/v1/connections/${adapter.connectionId}/${spec.resource}/${record.id}`)
        return shapeRemote(record, undefined)
      },
    )

    app.patch(
      `${base}/:id`,
      {
        schema: {
          tags: [spec.tag],
          summary: `Update a ${spec.singular}`,
          description: 'Only the fields sent change. Answers 200 with the record as the vendor stored it.',
          params: ItemParams,
          querystring: NoQuery,
          headers: IdempotencyHeaders,
          body: Type.Ref(spec.update),
          response: { 200: Type.Ref(spec.item), ...problemResponses(...WRITE_PROBLEMS) },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        const operations = spec.operations(adapter)
        if (!operations.update) throw unsupportedOperation(adapter.vendor, `update ${spec.resource}`)
        spec.checkWrite?.(request.body as Record<string, unknown>)
        return shapeRemote(
          await operations.update(request.params.id, request.body, callContext(request, reply)),
          undefined,
        )
      },
    )
  }
}
