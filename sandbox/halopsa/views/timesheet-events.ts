import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import type { ActionRecord } from '../records.js'
import { workSpan } from '../work-span.js'

/**
 * `event_type` of a ticket action's time on the timesheet: 0 is our guess, no source shows the values. The
 * emulator holds no other events (appointments, holidays, breaks).
 */
const ACTION_EVENT_TYPE = 0

/**
 * An action's time as the spec's `TimesheetEvent`: the timesheet shows the time agents log on tickets. The event's
 * `id` is the action's (our choice), `action_number` names the action.
 */
export function timesheetEventView(db: HaloDatabase, action: ActionRecord) {
  const ticket = db.tickets.get(action.ticket_id)
  const { start, end } = workSpan(action)
  return {
    id: action.id,
    event_type: ACTION_EVENT_TYPE,
    subject: ticket?.summary ?? null,
    start_date: haloDateTime(start),
    end_date: haloDateTime(end),
    timetaken: action.timetaken,
    agent_id: action.who_agentid,
    ticket_id: action.ticket_id,
    action_number: action.id,
    note: action.note,
    customer: ticket ? (db.clients.get(ticket.client_id)?.name ?? null) : null,
    client_id: ticket?.client_id ?? null,
    site_id: ticket?.site_id ?? null,
    charge_rate: action.chargerate,
    tickettype_id: ticket?.tickettype_id ?? null,
    category1: ticket?.category_1 ?? null,
  }
}
