import { queryBoolean, queryDate, queryInteger, queryValue } from '../query-params.js'
import type { TicketRecord } from '../records.js'

/** The vendor's pseudo-status: every status except these two. */
export const NOT_CLOSED = 'Not Closed'
const CLOSED_STATUSES = new Set(['Resolved', 'Invoiced'])

type TicketPredicate = (ticket: TicketRecord) => boolean

/**
 * The `GET /tickets` filters. Dates are exclusive ("after"); an unparsable one answers 400. Parameters the
 * emulator does not know are ignored, as the vendor ignores them. Undefined when nothing filters.
 */
export function ticketFilter(query: URLSearchParams, apiUserId: number): TicketPredicate | undefined {
  const predicates: TicketPredicate[] = []
  const add = (predicate: TicketPredicate) => predicates.push(predicate)

  const customerId = queryInteger(query, 'customer_id')
  if (customerId !== undefined) add((ticket) => ticket.customer_id === customerId)
  const contactId = queryInteger(query, 'contact_id')
  if (contactId !== undefined) add((ticket) => ticket.contact_id === contactId)
  const userId = queryInteger(query, 'user_id')
  if (userId !== undefined) add((ticket) => ticket.user_id === userId)
  if (queryBoolean(query, 'mine')) add((ticket) => ticket.user_id === apiUserId)
  // The sandbox account has no saved searches, so any search id finds nothing.
  if (queryValue(query, 'ticket_search_id') !== undefined) add(() => false)

  const number = queryValue(query, 'number')
  if (number !== undefined) add((ticket) => String(ticket.number) === number.trim())

  const status = queryValue(query, 'status')
  if (status === NOT_CLOSED) add((ticket) => !CLOSED_STATUSES.has(ticket.status))
  else if (status !== undefined) add((ticket) => ticket.status === status)

  const text = queryValue(query, 'query')
  if (text !== undefined) {
    const needle = text.trim().toLowerCase()
    add((ticket) => ticket.subject.toLowerCase().includes(needle) || String(ticket.number) === needle)
  }

  const createdAfter = queryDate(query, 'created_after')
  if (createdAfter !== undefined) add((ticket) => Date.parse(ticket.created_at) > createdAfter)
  const updatedAfter = queryDate(query, 'since_updated_at')
  if (updatedAfter !== undefined) add((ticket) => Date.parse(ticket.updated_at) > updatedAfter)
  const resolvedAfter = queryDate(query, 'resolved_after')
  if (resolvedAfter !== undefined) {
    add((ticket) => ticket.resolved_at !== null && Date.parse(ticket.resolved_at) > resolvedAfter)
  }

  return predicates.length === 0 ? undefined : (ticket) => predicates.every((predicate) => predicate(ticket))
}
