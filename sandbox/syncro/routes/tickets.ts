import { matchingById } from '../../shared/id-table.js'
import type { CommentDraft } from '../inputs/comment-input.js'
import { readTicketInput } from '../inputs/ticket-input.js'
import { ticketFilter } from '../filters/ticket-filters.js'
import type { HandlerContext, RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryPage } from '../query-params.js'
import type { TicketRecord } from '../records.js'
import { notFound } from '../vendor-errors.js'
import { listedTicketView, ticketDetailView } from '../views/tickets.js'
import { recordId } from './record-id.js'

const RESOLVED = 'Resolved'

/** Newest first (id descending); the page size is the vendor's, `per_page` is ignored. */
export const listTickets: RouteHandler = ({ query }, { db, pageSizes, apiUserId }) => {
  const tickets = matchingById(db.tickets, ticketFilter(query, apiUserId))
  const { records, meta } = paginate(tickets, queryPage(query), pageSizes.tickets, true)
  return { status: 200, body: { tickets: records.map((ticket) => listedTicketView(db, ticket)), meta } }
}

export const getTicket: RouteHandler = ({ params }, { db }) => {
  const ticket = db.tickets.get(recordId(params.id))
  return ticket ? { status: 200, body: { ticket: ticketDetailView(db, ticket) } } : notFound()
}

export const createTicket: RouteHandler = ({ body }, context) => {
  const { db } = context
  const input = readTicketInput(db, body, true)
  if (!input.ok) return input.reply
  const now = context.now().toISOString()
  const { customer_id, subject, status = 'New', ...rest } = input.changes
  const ticket = db.insertTicket({
    customer_id: customer_id as number,
    subject: subject as string,
    status,
    contact_id: null,
    priority: null,
    problem_type: null,
    ticket_type_id: null,
    user_id: null,
    location_id: null,
    sla_id: null,
    due_date: null,
    start_at: null,
    end_at: null,
    properties: {},
    tag_list: [],
    asset_ids: [],
    ...rest,
    resolved_at: status === RESOLVED ? now : null,
    created_at: now,
    updated_at: now,
  })
  addComments(context, ticket, input.comments, now)
  return { status: 200, body: { ticket: ticketDetailView(db, ticket) } }
}

/** Only the fields sent change; becoming Resolved stamps `resolved_at`. */
export const updateTicket: RouteHandler = ({ params, body }, context) => {
  const { db } = context
  const ticket = db.tickets.get(recordId(params.id))
  if (!ticket) return notFound()
  const input = readTicketInput(db, body, false)
  if (!input.ok) return input.reply
  const now = context.now().toISOString()
  const becomesResolved = input.changes.status === RESOLVED && ticket.status !== RESOLVED
  db.updateTicket(ticket, {
    ...input.changes,
    updated_at: now,
    ...(becomesResolved ? { resolved_at: now } : {}),
  })
  addComments(context, ticket, input.comments, now)
  return { status: 200, body: { ticket: ticketDetailView(db, ticket) } }
}

export const deleteTicket: RouteHandler = ({ params }, { db }) =>
  db.deleteTicket(recordId(params.id))
    ? { status: 200, body: { message: 'Ticket was successfully deleted. ' } }
    : notFound()

/** Comments given as `comments_attributes` carry no author (the vendor's example shows tech and user null). */
function addComments(
  { db }: HandlerContext,
  ticket: TicketRecord,
  drafts: CommentDraft[],
  now: string,
): void {
  for (const draft of drafts) {
    db.insertComment({ ...draft, ticket_id: ticket.id, user_id: null, created_at: now, updated_at: now })
  }
}
