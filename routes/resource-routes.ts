import { Type, type TObject, type TSchema } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type {
  Adapter,
  ListableResource,
  NestedOperations,
  ReadOperations,
  ResourceOperations,
  WritableResource,
} from '../adapters/types.js'
import { RecordId } from '../src/canonical/common.js'
import { IncludeField, type ListFilters, type PagingQuery } from '../src/canonical/list-query.js'
import { unsupportedOperation } from '../src/errors.js'
import { pageItemSchema, sendPage } from '../src/http/page-payload.js'
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
import { findCreatedBy } from './find-created.js'
import { listPage } from './list.js'
import { checkVendorWrite } from './write-checks.js'

type AnyRecord = { id: string; remote?: unknown }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one generic route set for records of several shapes
type AnyOperations = ResourceOperations<AnyRecord, any, any>

/** What a resource's routes call: a list at least (a list-only resource has no get). */
type AnyReadOperations = Pick<ReadOperations<AnyRecord>, 'list'> & Partial<AnyOperations>
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
type AnyNestedOperations = NestedOperations<AnyRecord, any>

/** A route's OpenAPI summary and description. */
interface RouteDoc {
  summary: string
  description?: string
}

interface CommonSpec<TBody, TRecord> {
  resource: ListableResource
  /** 'ticket', for summaries and messages. */
  singular: string
  tag: string
  item: TSchema
  page: TSchema
  listQuery: TObject
  /** The create's body; absent for a resource that is only read (agents). */
  create?: TSchema
  /** Canonical rules a write must follow before any vendor sees it. */
  checkWrite?: (body: Record<string, unknown>) => void
  /**
   * How a keyed repeat of a create whose outcome is unknown finds the record the first attempt made: the list
   * filters that narrow it down (its parent, created since the attempt, its text), then an exact match.
   */
  duplicate?: {
    filters: (body: TBody, since: string) => ListFilters
    matches: (record: TRecord, body: TBody) => boolean
  }
  /** Summaries and descriptions where the generic ones do not fit. */
  docs?: { list?: RouteDoc; create?: RouteDoc }
}

/** A resource of its own: list, get, create and update under /v1/connections/{connection}/{resource}. */
export interface ResourceRouteSpec<TBody = never, TRecord = never> extends CommonSpec<TBody, TRecord> {
  /** The update's body; absent for a resource that is only read. */
  update?: TSchema
  /** Absent where the connection's adapter has no such resource (its routes answer 501). */
  operations: (adapter: Adapter) => AnyReadOperations | undefined
  /** A list without routes for one record (every ticket's time entries: each is created under its ticket). */
  listOnly?: true
}

/** A resource under a parent record (a ticket's comments): listed and created there. */
export interface NestedRouteSpec<TBody = never, TRecord = never> extends CommonSpec<TBody, TRecord> {
  parent: { resource: ListableResource; param: string; singular: string }
  /** Absent where the connection's adapter has no such resource (its routes answer 501). */
  operations: (adapter: Adapter) => AnyNestedOperations | undefined
}

export const IncludeQuery = Type.Object(
  { include: Type.Optional(IncludeField) },
  { additionalProperties: false },
)

/** A resource's operations at this connection; a 501 naming `operation` where its adapter has none. */
function ownOperations<T>(
  spec: { operations: (adapter: Adapter) => T | undefined },
  adapter: Adapter,
  operation: string,
): T {
  const operations = spec.operations(adapter)
  if (!operations) throw unsupportedOperation(adapter.vendor, operation)
  return operations
}

/**
 * The operations of one request's resource (a 501 naming `operation` where the adapter has none): a nested
 * resource's bound to the parent record the path names.
 */
function boundOperations(
  spec: ResourceRouteSpec<unknown, unknown> | NestedRouteSpec<unknown, unknown>,
  adapter: Adapter,
  request: FastifyRequest,
  operation: string,
): Pick<AnyReadOperations, 'list' | 'create'> {
  if (!('parent' in spec)) return ownOperations(spec, adapter, operation)
  const parentId = (request.params as Record<string, string>)[spec.parent.param]!
  const operations = ownOperations(spec, adapter, operation)
  const create = operations.create
  return {
    list: (listRequest, ctx) => operations.list(parentId, listRequest, ctx),
    create: create && ((body, ctx) => create(parentId, body, ctx)),
  }
}

/** `ticket` -> `Ticket`, `time-entries` -> `TimeEntries`, for operationIds (`listTicketComments`). */
const capitalized = (word: string) =>
  word.replace(/(?:^|-)([a-z])/g, (_match, letter: string) => letter.toUpperCase())

type RouteApp = Parameters<FastifyPluginAsyncTypebox>[0]

/** 'a ticket', 'an asset'. */
const article = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`

/** The list and create routes every resource has, nested or not. */
function registerListAndCreate(
  app: RouteApp,
  spec: ResourceRouteSpec<unknown, unknown> | NestedRouteSpec<unknown, unknown>,
): void {
  const nested = 'parent' in spec ? spec.parent : undefined
  const collection = nested
    ? `/connections/:connection/${nested.resource}/:${nested.param}/${spec.resource}`
    : `/connections/:connection/${spec.resource}`
  const Params = nested
    ? Type.Object(
        { connection: ConnectionParams.properties.connection, [nested.param]: RecordId },
        { additionalProperties: false },
      )
    : ConnectionParams
  const itemSchema = pageItemSchema(spec.page)
  const parentIdOf = (request: FastifyRequest) =>
    nested ? (request.params as Record<string, string>)[nested.param] : undefined
  /** Where a created record is read: its own route; a nested one has none. */
  const locationOf = (adapter: Adapter, record: AnyRecord) =>
    nested ? undefined : `/v1/connections/${adapter.connectionId}/${spec.resource}/${record.id}`

  const findCreated =
    (duplicate: NonNullable<typeof spec.duplicate>) =>
    async (request: FastifyRequest, reply: FastifyReply, since: string) => {
      const adapter = adapterOf(request)
      const body = request.body
      const lookup = await findCreatedBy(
        boundOperations(spec, adapter, request, `list ${spec.resource}`).list,
        adapter.filters[spec.resource],
        duplicate.filters(body, since),
        (record) => duplicate.matches(record, body),
        callContext(request, reply),
      )
      if (typeof lookup !== 'object') return lookup
      return { record: shapeRemote(lookup.found, undefined), location: locationOf(adapter, lookup.found) }
    }

  app.get(
    collection,
    {
      schema: {
        tags: [spec.tag],
        operationId: `list${nested ? capitalized(nested.singular) : ''}${capitalized(spec.resource)}`,
        summary: spec.docs?.list?.summary ?? `List ${spec.resource}`,
        description:
          spec.docs?.list?.description ??
          `Pages of ${spec.resource}. Filters the vendor cannot apply natively answer 400 unsupported_filter (GET /v1/connections lists each connection's filters).`,
        params: Params,
        querystring: spec.listQuery,
        response: {
          200: Type.Ref(spec.page, { description: `A page of ${spec.resource}` }),
          ...problemResponses(...READ_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      const adapter = adapterOf(request)
      const query = request.query as PagingQuery & Record<string, unknown>
      const page = await listPage(
        request,
        adapter,
        spec.resource,
        query,
        (listRequest) =>
          boundOperations(spec, adapter, request, `list ${spec.resource}`).list(
            listRequest,
            callContext(request, reply),
          ),
        parentIdOf(request),
      )
      return sendPage(reply, page, itemSchema)
    },
  )

  const createBody = spec.create
  if (!createBody) return
  app.post(
    collection,
    {
      config: { findCreated: spec.duplicate ? findCreated(spec.duplicate) : undefined },
      schema: {
        tags: [spec.tag],
        operationId: `create${nested ? capitalized(nested.singular) : ''}${capitalized(spec.singular)}`,
        summary: spec.docs?.create?.summary ?? `Create ${article(spec.singular)}`,
        description: spec.docs?.create?.description ?? 'Answers 201 with the record as the vendor stored it.',
        params: Params,
        querystring: NoQuery,
        headers: IdempotencyHeaders,
        body: Type.Ref(createBody),
        response: {
          201: Type.Ref(spec.item, { description: `The ${spec.singular} as the vendor stored it` }),
          ...problemResponses(...WRITE_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      const adapter = adapterOf(request)
      const operation = nested ? `add ${spec.resource}` : `create ${spec.resource}`
      const create = boundOperations(spec, adapter, request, operation).create
      if (!create) throw unsupportedOperation(adapter.vendor, operation)
      const body = request.body as Record<string, unknown>
      const ctx = callContext(request, reply)
      spec.checkWrite?.(body)
      await checkVendorWrite(adapter, spec.resource as WritableResource, 'create', body, ctx)
      const record = await create(body, ctx)
      reply.code(201)
      const location = locationOf(adapter, record)
      if (location) reply.header('location', location)
      return shapeRemote(record, undefined)
    },
  )
}

/** list, get, create and update of one resource under /v1/connections/{connection}. */
export function resourceRoutes<TBody, TRecord>(
  spec: ResourceRouteSpec<TBody, TRecord>,
): FastifyPluginAsyncTypebox {
  const general = spec as unknown as ResourceRouteSpec<unknown, unknown>
  return async (app) => {
    const item = `/connections/:connection/${spec.resource}/:id`
    const ItemParams = Type.Object({ connection: ConnectionParams.properties.connection, id: RecordId })
    registerListAndCreate(app, general)
    if (spec.listOnly) return

    app.get(
      item,
      {
        schema: {
          tags: [spec.tag],
          operationId: `get${capitalized(spec.singular)}`,
          summary: `Get ${article(spec.singular)}`,
          description: `One ${spec.singular} by its id at the vendor; include=remote adds the vendor's own record.`,
          params: ItemParams,
          querystring: IncludeQuery,
          response: {
            200: Type.Ref(spec.item, { description: `The ${spec.singular}` }),
            ...problemResponses(...READ_PROBLEMS),
          },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        const operations = ownOperations(general, adapter, `get ${spec.resource}`)
        if (!operations.get) throw unsupportedOperation(adapter.vendor, `get ${spec.resource}`)
        const record = await operations.get(request.params.id, callContext(request, reply))
        return shapeRemote(record, request.query.include)
      },
    )

    const updateBody = spec.update
    if (!updateBody) return
    app.patch(
      item,
      {
        schema: {
          tags: [spec.tag],
          operationId: `update${capitalized(spec.singular)}`,
          summary: `Update ${article(spec.singular)}`,
          description: 'Only the fields sent change. Answers 200 with the record as the vendor stored it.',
          params: ItemParams,
          querystring: NoQuery,
          headers: IdempotencyHeaders,
          body: Type.Ref(updateBody),
          response: {
            200: Type.Ref(spec.item, { description: `The ${spec.singular} as the vendor stored it` }),
            ...problemResponses(...WRITE_PROBLEMS),
          },
        },
      },
      async (request, reply) => {
        const adapter = adapterOf(request)
        const operations = ownOperations(general, adapter, `update ${spec.resource}`)
        if (!operations.update) throw unsupportedOperation(adapter.vendor, `update ${spec.resource}`)
        const body = request.body as Record<string, unknown>
        const ctx = callContext(request, reply)
        general.checkWrite?.(body)
        await checkVendorWrite(adapter, spec.resource as WritableResource, 'update', body, ctx)
        return shapeRemote(await operations.update(request.params.id, body, ctx), undefined)
      },
    )
  }
}

/** list and create of a resource under a parent record (a ticket's comments). */
export function nestedResourceRoutes<TBody, TRecord>(
  spec: NestedRouteSpec<TBody, TRecord>,
): FastifyPluginAsyncTypebox {
  return async (app) => registerListAndCreate(app, spec as unknown as NestedRouteSpec<unknown, unknown>)
}
