import type { HaloDatabase } from '../database.js'
import type { TicketRecord, Timestamp } from '../records.js'

/**
 * The changes that move a ticket to a status. Entering a closed status stamps `dateclosed` and sets
 * `hasbeenclosed`, which stays true for good; leaving it clears `dateclosed`.
 */
export function ticketStatusChanges(
  db: HaloDatabase,
  ticket: TicketRecord,
  statusId: number,
  now: Timestamp,
): Partial<TicketRecord> {
  if (!db.isClosedStatus(statusId)) return { status_id: statusId, dateclosed: null }
  if (ticket.dateclosed !== null) return { status_id: statusId }
  return { status_id: statusId, dateclosed: now, hasbeenclosed: true }
}
