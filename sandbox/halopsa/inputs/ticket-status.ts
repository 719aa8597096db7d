import type { HaloDatabase } from '../database.js'
import type { TicketRecord, Timestamp } from '../records.js'

/**
 * Moves a ticket to a status. Entering a closed status stamps `dateclosed` and sets `hasbeenclosed`, which
 * stays true for good; leaving it clears `dateclosed`.
 */
export function setTicketStatus(db: HaloDatabase, ticket: TicketRecord, statusId: number, now: Timestamp) {
  const wasClosed = ticket.dateclosed !== null
  ticket.status_id = statusId
  if (!db.isClosedStatus(statusId)) ticket.dateclosed = null
  else if (!wasClosed) {
    ticket.dateclosed = now
    ticket.hasbeenclosed = true
  }
}
