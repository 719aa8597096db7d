import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Adapter, CallContext } from '../adapters/types.js'
import { Comment, CommentCreate } from '../src/canonical/comment.js'
import { RecordId } from '../src/canonical/common.js'
import { CommentListQuery, TicketListQuery, type PagingQuery } from '../src/canonical/list-query.js'
import { CommentPage, TicketPage } from '../src/canonical/shared-schemas.js'
import { Ticket, TicketCreate, TicketUpdate } from '../src/canonical/ticket.js'
import { unsupportedOperation, validationFailed } from '../src/errors.js'
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
import { resourceRoutes } from './resource-routes.js'

/** A status is named by category or by id, a priority by level or by id: one of each, not both. */
function checkTicketWrite(body: Record<string, unknown>): void {
  for (const [byName, byId] of [
    ['status', 'statusId'],
    ['priority', 'priorityId'],
  ] as const) {
    if (body[byName] !== undefined && body[byId] !== undefined) {
      throw validationFailed(`send ${byName} or ${byId}, not both`, [
        { field: byId, message: `conflicts with ${byName}` },
      ])
    }
  }
}

/** The ticket an earlier create made: of the customer, created since, with exactly that subject. */
const findCreatedTicket = (adapter: Adapter, body: TicketCreate, since: string, ctx: CallContext) =>
  findCreatedBy(
    (request, context) => adapter.tickets.list(request, context),
    adapter.filters.tickets,
    { customerId: body.customerId, createdSince: since, q: body.subject },
    (ticket) => ticket.subject === body.subject && ticket.customer?.id === body.customerId,
    ctx,
  )

export const ticketRoutes = resourceRoutes({
  resource: 'tickets',
  singular: 'ticket',
  tag: 'Tickets',
  item: Ticket,
  page: TicketPage,
  listQuery: TicketListQuery,
  create: TicketCreate,
  update: TicketUpdate,
  operations: (adapter) => adapter.tickets,
  checkWrite: checkTicketWrite,
  findCreated: findCreatedTicket,
})

const TicketParams = Type.Object(
  { connection: ConnectionParams.properties.connection, ticketId: RecordId },
  { additionalProperties: false },
)

export const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const path = '/connections/:connection/tickets/:ticketId/comments'

  app.get(
    path,
    {
      schema: {
        tags: ['Comments'],
        summary: "List a ticket's comments",
        description: 'Oldest first. Internal notes are included, marked visibility: internal.',
        params: TicketParams,
        querystring: CommentListQuery,
        response: { 200: Type.Ref(CommentPage), ...problemResponses(...READ_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const adapter = adapterOf(request)
      const query = request.query as PagingQuery & Record<string, unknown>
      return listPage(
        request,
        adapter,
        'comments',
        query,
        (listRequest) =>
          adapter.comments.list(request.params.ticketId, listRequest, callContext(request, reply)),
        request.params.ticketId,
      )
    },
  )

  app.post(
    path,
    {
      config: {
        // The comment an earlier attempt made: on that ticket, since then, with exactly that body and visibility.
        findCreated: async (request, reply, since) => {
          const { ticketId } = request.params as { ticketId: string }
          const body = request.body as CommentCreate
          const adapter = adapterOf(request)
          const lookup = await findCreatedBy(
            (listRequest, ctx) => adapter.comments.list(ticketId, listRequest, ctx),
            adapter.filters.comments,
            { createdSince: since },
            (candidate) =>
              candidate.body === body.body && candidate.visibility === (body.visibility ?? 'internal'),
            callContext(request, reply),
          )
          if (typeof lookup !== 'object') return lookup
          return {
            record: shapeRemote(lookup.found, undefined),
            location: `/v1/connections/${adapter.connectionId}/tickets/${ticketId}/comments`,
          }
        },
      },
      schema: {
        tags: ['Comments'],
        summary: 'Add a comment to a ticket',
        description: 'visibility defaults to internal. Answers 201 with the comment as the vendor stored it.',
        params: TicketParams,
        querystring: NoQuery,
        headers: IdempotencyHeaders,
        body: Type.Ref(CommentCreate),
        response: { 201: Type.Ref(Comment), ...problemResponses(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const adapter = adapterOf(request)
      if (!adapter.comments.create) throw unsupportedOperation(adapter.vendor, 'add comments')
      const comment = await adapter.comments.create(
        request.params.ticketId,
        request.body,
        callContext(request, reply),
      )
      reply.code(201)
      return shapeRemote(comment, undefined)
    },
  )
}
