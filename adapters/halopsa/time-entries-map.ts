import type { ListFilters } from '../../src/canonical/list-query.js'
import type { TimeEntry, TimeEntryCreate, TimeEntrySpan } from '../../src/canonical/time-entry.js'
import { integerId, withoutUndefined } from '../../src/mapping/ids.js'
import { isoOrEpoch, textOrNull } from '../../src/mapping/names.js'
import { actionAgentOf, haloDateParam, haloInstant } from './map.js'
import type { HaloAction, HaloAgent } from './types.js'

/**
 * Pure translations of HaloPSA time entries: actions with time taken (spec `Actions`: `timetaken` and
 * `nonbilltime` in hours, `actisbillable`, `actionarrivaldate`/`actioncompletiondate` for the work's start and end).
 * A time entry is an action, so it is also one of the ticket's comments (commentFromHalo): our comments list shows
 * it there, as Halo's ticket timeline does.
 */

const HOUR_MS = 3_600_000

const hoursOf = (action: HaloAction) => action.timetaken ?? 0

const plusHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString()

/**
 * The work's start and end: the action's own start and end dates where it has them; otherwise the work ends at
 * the action's `datetime` and took `timetaken` hours up to it (our reading of an action entered with a time
 * taken alone; not confirmed against a live Halo).
 */
export function workSpanOf(action: HaloAction): { startedAt: string; endedAt: string | null } {
  const hours = hoursOf(action)
  const arrival = haloInstant(action.actionarrivaldate)
  const endedAt =
    haloInstant(action.actioncompletiondate) ??
    (arrival === null ? haloInstant(action.datetime) : plusHours(arrival, hours))
  const startedAt = arrival ?? (endedAt === null ? null : plusHours(endedAt, -hours))
  return { startedAt: isoOrEpoch(startedAt), endedAt }
}

/**
 * Billable unless Halo says otherwise: `actisbillable` false, or every hour of it non-billable (`nonbilltime`).
 * Time partly charged is billable.
 */
const billableOf = (action: HaloAction) =>
  action.actisbillable !== false && (action.nonbilltime ?? 0) < hoursOf(action)

/** An action with time as a time entry; its agent named from GET /Agent (an action carries no agent name). */
export function timeEntryFromHalo(action: HaloAction, agents: readonly HaloAgent[] = []): TimeEntry {
  return {
    id: String(action.id),
    ticketId: String(action.ticket_id),
    agent: actionAgentOf(action, agents),
    ...workSpanOf(action),
    minutes: Math.round(hoursOf(action) * 60),
    notes: textOrNull(action.note),
    billable: billableOf(action),
    createdAt: haloInstant(action.actiondatecreated),
    updatedAt: haloInstant(action.last_updated),
    remote: action,
  }
}

const after = (instant: string | null, since: string | undefined) =>
  since === undefined || (instant !== null && Date.parse(instant) > Date.parse(since))

/**
 * Whether an action with time passes the canonical time entry filters. GET /Actions has no agent, creation, update
 * or work-start filter (its `startdate` bounds the action's `datetime`), but it answers a ticket's actions, and every
 * ticket's, whole (it does not page): the adapter applies these to that whole answer before paging it.
 */
export function timeEntryMatches(filters: ListFilters): (action: HaloAction) => boolean {
  const { createdSince, updatedSince, startedSince } = filters
  // Checked as Halo's ids are (a whole number) before any call, as on the other vendors, rather than matching none.
  const agentId = filters.agentId === undefined ? undefined : integerId('halopsa', filters.agentId, 'agentId')
  return (action) =>
    (agentId === undefined || action.who_agentid === agentId) &&
    after(haloInstant(action.actiondatecreated), createdSince) &&
    after(haloInstant(action.last_updated), updatedSince) &&
    after(workSpanOf(action).startedAt, startedSince)
}

/**
 * A new action with time on ticket `ticketId`. The notes stay internal (`hiddenfromuser`) and mail no one: a time
 * entry is no message to the customer. The action is dated at the work's end, where Halo's timeline then shows
 * it; billable sets both Halo's flag and the non-billable hours, absent leaves Halo's default.
 */
export function haloTimeEntryBody(ticketId: number, body: TimeEntryCreate, span: TimeEntrySpan) {
  const hours = span.minutes / 60
  return withoutUndefined({
    ticket_id: ticketId,
    note: body.notes,
    who_agentid: body.agentId === undefined ? undefined : integerId('halopsa', body.agentId, 'agentId'),
    timetaken: hours,
    actionarrivaldate: haloDateParam(span.startedAt),
    actioncompletiondate: haloDateParam(span.endedAt),
    datetime: haloDateParam(span.endedAt),
    actisbillable: body.billable,
    nonbilltime: body.billable === undefined ? undefined : body.billable ? 0 : hours,
    hiddenfromuser: true,
    sendemail: false,
  })
}

/** Halo's action fields -> the canonical time entry fields, for Halo's validation errors. */
export const timeEntryFieldNames: Record<string, string> = {
  ticket_id: 'ticketId',
  note: 'notes',
  who_agentid: 'agentId',
  timetaken: 'minutes',
  nonbilltime: 'billable',
  actisbillable: 'billable',
  actionarrivaldate: 'startedAt',
  actioncompletiondate: 'endedAt',
  datetime: 'endedAt',
}
