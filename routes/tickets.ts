import { Comment, CommentCreate } from '../src/canonical/comment.js'
import { CommentListQuery, TicketListQuery } from '../src/canonical/list-query.js'
import { CommentPage, TicketPage } from '../src/canonical/shared-schemas.js'
import { Ticket, TicketCreate, TicketUpdate } from '../src/canonical/ticket.js'
import { validationFailed } from '../src/errors.js'
import { nestedResourceRoutes, resourceRoutes } from './resource-routes.js'

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
  // The ticket an earlier create made: of the customer, created since, with exactly that subject.
  duplicate: {
    filters: (body: TicketCreate, since) => ({
      customerId: body.customerId,
      createdSince: since,
      q: body.subject,
    }),
    matches: (ticket: Ticket, body) =>
      ticket.subject === body.subject && ticket.customer?.id === body.customerId,
  },
})

export const commentRoutes = nestedResourceRoutes({
  resource: 'comments',
  parent: { resource: 'tickets', param: 'ticketId', singular: 'ticket' },
  singular: 'comment',
  tag: 'Comments',
  item: Comment,
  page: CommentPage,
  listQuery: CommentListQuery,
  create: CommentCreate,
  operations: (adapter) => adapter.comments,
  // The comment an earlier attempt made: on that ticket, since then, with exactly that body and visibility.
  duplicate: {
    filters: (_body: CommentCreate, since) => ({ createdSince: since }),
    matches: (comment: Comment, body) =>
      comment.body === body.body && comment.visibility === (body.visibility ?? 'internal'),
  },
  docs: {
    list: {
      summary: "List a ticket's comments",
      description: 'Oldest first. Internal notes are included, marked visibility: internal.',
    },
    create: {
      summary: 'Add a comment to a ticket',
      description: 'visibility defaults to internal. Answers 201 with the comment as the vendor stored it.',
    },
  },
})
