import type { ListFilters } from '../../src/canonical/list-query.js'
import type { TimeEntry, TimeEntryCreate, TimeEntrySpan } from '../../src/canonical/time-entry.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { isoOrEpoch, isoOrNull, textOrNull } from '../../src/mapping/names.js'
import { syncroId } from './map.js'
import type { SyncroTicketTimer } from './types.js'

/**
 * Syncro's ticket timer entries as canonical time entries, and back. Pure functions.
 *
 * A timer entry is not a comment: the spec lists them apart (`GET /ticket_timers`, a ticket's `ticket_timers`
 * beside its `comments`). Each carries a `comment_id`, null in every example, so no source shows an entry's notes
 * becoming a comment; the gateway's comments list is Syncro's comments, and shows an entry's notes only if Syncro
 * itself made a comment of them.
 */

/**
 * The time recorded: `active_duration` (seconds; a paused timer's is less than its span), else the span from start to
 * end (the spec's older examples leave `active_duration` null), else none (a timer still running has no end).
 */
function recordedSeconds(timer: SyncroTicketTimer): number {
  if (typeof timer.active_duration === 'number') return timer.active_duration
  if (!timer.end_time) return 0
  return Math.max(0, (Date.parse(timer.end_time) - Date.parse(timer.start_time)) / 1000)
}

export function timeEntryFromSyncro(
  timer: SyncroTicketTimer,
  agentNames: ReadonlyMap<string, string>,
): TimeEntry {
  const agentId = timer.user_id ? String(timer.user_id) : null
  return {
    id: String(timer.id),
    ticketId: String(timer.ticket_id),
    agent: agentId === null ? null : { id: agentId, name: agentNames.get(agentId) ?? null },
    startedAt: isoOrEpoch(timer.start_time),
    endedAt: isoOrNull(timer.end_time),
    minutes: Math.round(recordedSeconds(timer) / 60),
    notes: textOrNull(timer.notes),
    billable: timer.billable === true,
    createdAt: isoOrNull(timer.created_at),
    updatedAt: isoOrNull(timer.updated_at),
    remote: timer,
  }
}

/**
 * A ticket's entries as the ticket holds them, whole: those created after `createdSince` (as `created_at_gt` keeps
 * them across tickets), id ascending, so an offset pages them alike from one read to the next.
 */
export function ticketTimersMatching(
  timers: readonly SyncroTicketTimer[],
  filters: ListFilters,
): SyncroTicketTimer[] {
  const since = filters.createdSince === undefined ? undefined : Date.parse(filters.createdSince)
  return timers
    .filter((timer) => since === undefined || Date.parse(timer.created_at ?? '') > since)
    .sort((a, b) => a.id - b.id)
}

/**
 * `POST /tickets/{id}/timer_entry`: `start_at` and `end_at` (the spec takes `end_at` or `duration_minutes`);
 * `user_id` absent leaves Syncro's default, the API key's user ("Current user by default"). Syncro's create takes no
 * `billable` (writeRules refuse it).
 */
export function syncroTimerEntryBody(body: TimeEntryCreate, span: TimeEntrySpan): Record<string, unknown> {
  return withoutUndefined({
    start_at: span.startedAt,
    end_at: span.endedAt,
    user_id: body.agentId === undefined ? undefined : syncroId(body.agentId, 'agentId'),
    notes: body.notes,
  })
}

/** Syncro's timer entry fields -> canonical ones, for its validation errors. */
export const timerEntryFieldNames: Record<string, string> = {
  start_at: 'startedAt',
  end_at: 'endedAt',
  duration_minutes: 'minutes',
  user_id: 'agentId',
  notes: 'notes',
}
