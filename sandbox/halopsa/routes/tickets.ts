import { toTimestamp } from '../../shared/dates.js'
import { ticketFilter } from '../filters/ticket-filters.js'
import type { RouteHandler } from '../http-types.js'
import { runArrayWrite } from '../inputs/array-write.js'
import { ticketPlanner } from '../inputs/ticket-input.js'
import { listReply, type ListShape } from '../listing.js'
import { recordNotFound } from '../vendor-errors.js'
import { ticketView } from '../views/tickets.js'
import { recordId } from './record-id.js'

/** Newest first (id descending), our choice: Halo's ticket list shows the latest tickets first. */
const TICKET_LIST: ListShape = {
  key: 'tickets',
  defaultOrder: { field: 'id', descending: true },
  pageable: true,
}

export const listTickets: RouteHandler = ({ query }, { db }) => {
  const matches = ticketFilter(db, query)
  return listReply(
    { records: db.tickets, matches, view: (ticket) => ticketView(db, ticket) },
    query,
    TICKET_LIST,
  )
}

export const getTicket: RouteHandler = ({ params }, { db }) => {
  const ticket = db.tickets.get(recordId(params.id))
  return ticket ? { status: 200, body: ticketView(db, ticket) } : recordNotFound('Ticket', params.id ?? '')
}

export const writeTickets: RouteHandler = ({ body }, { db, now }) =>
  runArrayWrite(body, 'Faults', ticketPlanner(db, toTimestamp(now())), (ticket) => ticketView(db, ticket))

/** Removes the ticket and its actions; `reason` is accepted and not kept. Answers 200 with no body. */
export const deleteTicket: RouteHandler = ({ params }, { db }) =>
  db.deleteTicket(recordId(params.id)) ? { status: 200 } : recordNotFound('Ticket', params.id ?? '')
