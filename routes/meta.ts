import { Type, type TObject } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter, CallContext, WritableResource } from '../adapters/types.js'
import { AssetCreate, AssetUpdate } from '../src/canonical/asset.js'
import { CommentCreate } from '../src/canonical/comment.js'
import { ContactCreate, ContactUpdate } from '../src/canonical/contact.js'
import { hasCustomFields } from '../src/canonical/custom-field.js'
import { CustomerCreate, CustomerUpdate } from '../src/canonical/customer.js'
import { ResourceMeta, WRITABLE_RESOURCES, type AllowedValue } from '../src/canonical/field-meta.js'
import { StringEnum } from '../src/canonical/common.js'
import { TicketCreate, TicketUpdate } from '../src/canonical/ticket.js'
import { TimeEntryCreate } from '../src/canonical/time-entry.js'
import { adapterOf, ConnectionParams, READ_PROBLEMS, callContext, problemResponses } from './common.js'
import { describeFields, type ValuesByField } from './field-meta.js'

interface WriteShape {
  create: TObject
  update?: TObject
  /** The create and update this connection's adapter has, if any. */
  operations: (adapter: Adapter) => { create?: unknown; update?: unknown } | undefined
  /** The values of the fields the connection's reference data lists. */
  values?: (adapter: Adapter, ctx: CallContext) => Promise<ValuesByField>
}

const named = (records: Array<{ id: string; name: string; boardId?: string | null }>): AllowedValue[] =>
  records.map(({ id, name, boardId }) => ({ id, name, boardId: boardId ?? null }))

const SHAPES: Record<WritableResource, WriteShape> = {
  tickets: {
    create: TicketCreate,
    update: TicketUpdate,
    operations: (adapter) => adapter.tickets,
    values: async (adapter, ctx) => {
      const [statuses, priorities, types, boards] = await Promise.all([
        adapter.reference.writableStatuses(ctx),
        adapter.reference.priorities(ctx),
        adapter.reference.ticketTypes(ctx),
        adapter.reference.boards(ctx),
      ])
      return {
        statusId: named(statuses),
        priorityId: named(priorities),
        typeId: named(types),
        boardId: named(boards.filter((board) => board.active)),
      }
    },
  },
  comments: { create: CommentCreate, operations: (adapter) => adapter.comments },
  customers: { create: CustomerCreate, update: CustomerUpdate, operations: (adapter) => adapter.customers },
  assets: { create: AssetCreate, update: AssetUpdate, operations: (adapter) => adapter.assets },
  contacts: { create: ContactCreate, update: ContactUpdate, operations: (adapter) => adapter.contacts },
  'time-entries': { create: TimeEntryCreate, operations: (adapter) => adapter.timeEntries?.ofTicket },
}

/** What each write of a resource takes at this connection (src/canonical/field-meta.ts). */
async function metaOf(adapter: Adapter, resource: WritableResource, ctx: CallContext): Promise<ResourceMeta> {
  const shape = SHAPES[resource]
  const operations = shape.operations(adapter)
  const rules = adapter.writeRules[resource] ?? {}
  const [values, customFields] = await Promise.all([
    shape.values?.(adapter, ctx) ?? {},
    hasCustomFields(resource) ? adapter.reference.customFields(resource, ctx) : [],
  ])
  return {
    resource,
    create: operations?.create ? describeFields(shape.create, 'create', rules, values) : null,
    update: shape.update && operations?.update ? describeFields(shape.update, 'update', rules, values) : null,
    customFields,
  }
}

export const metaRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/connections/:connection/meta/:resource',
    {
      schema: {
        tags: ['Reference data'],
        operationId: 'getResourceMeta',
        summary: 'What a create and an update of a resource take at this connection',
        description:
          "The fields each write accepts at this connection's vendor (those it cannot store left out), which are required, their types, the values its statuses, priorities, types and boards allow, and the vendor's custom field definitions: enough to build a form without knowing the vendor. Reference data comes from the reference cache.",
        params: Type.Object(
          {
            connection: ConnectionParams.properties.connection,
            resource: StringEnum(WRITABLE_RESOURCES, {
              description: 'The resource whose writes are described',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Ref(ResourceMeta, { description: "The resource's writes at this connection" }),
          ...problemResponses(...READ_PROBLEMS),
        },
      },
    },
    async (request, reply) =>
      metaOf(adapterOf(request), request.params.resource, callContext(request, reply)),
  )
}
