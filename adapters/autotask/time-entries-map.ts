import type { TimeEntry, TimeEntryCreate, TimeEntrySpan } from '../../src/canonical/time-entry.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { textOrNull } from '../../src/mapping/names.js'
import { utcIsoOrNull } from './map.js'
import type { AutotaskTimeEntry } from './types.js'

/**
 * Autotask's TimeEntries as canonical time entries, and back. Pure functions. Autotask measures an entry in
 * `hoursWorked` (> 0 and <= 24: Autotask's TimeEntries page) beside its start and end; `isNonBillable` says what
 * canonical `billable` says, negated.
 */

export function timeEntryFromAutotask(
  entry: AutotaskTimeEntry,
  agentNames: ReadonlyMap<string, string>,
): TimeEntry {
  const agentId =
    entry.resourceID === null || entry.resourceID === undefined ? null : String(entry.resourceID)
  const startedAt = utcIsoOrNull(entry.startDateTime ?? entry.dateWorked)
  return {
    id: String(entry.id),
    ticketId: String(entry.ticketID ?? ''),
    agent: agentId === null ? null : { id: agentId, name: agentNames.get(agentId) ?? null },
    startedAt: startedAt ?? new Date(0).toISOString(),
    endedAt: utcIsoOrNull(entry.endDateTime),
    minutes: Math.max(0, Math.round((entry.hoursWorked ?? 0) * 60)),
    notes: textOrNull(entry.summaryNotes),
    billable: entry.isNonBillable !== true,
    createdAt: utcIsoOrNull(entry.createDateTime),
    updatedAt: utcIsoOrNull(entry.lastModifiedDateTime),
    remote: entry,
  }
}

/** Who worked and in which role, resolved by the adapter (the API user's resource and its default role). */
export interface ResolvedTimeEntryWrite {
  resourceID: number
  roleID?: number
}

/**
 * `POST /TimeEntries` of a ticket's entry: the day worked, the span and its hours, the notes as `summaryNotes`
 * (Autotask's TimeEntries page: a ticket entry's summary). `billable` absent leaves Autotask's default.
 */
export function autotaskTimeEntryBody(
  ticketId: number,
  body: TimeEntryCreate,
  span: TimeEntrySpan,
  resolved: ResolvedTimeEntryWrite,
): Record<string, unknown> {
  return withoutUndefined({
    ticketID: ticketId,
    resourceID: resolved.resourceID,
    roleID: resolved.roleID,
    dateWorked: `${span.startedAt.slice(0, 10)}T00:00:00.000Z`,
    startDateTime: span.startedAt,
    endDateTime: span.endedAt,
    hoursWorked: Math.round((span.minutes / 60) * 10_000) / 10_000,
    summaryNotes: body.notes,
    isNonBillable: body.billable === undefined ? undefined : !body.billable,
  })
}

/** Autotask's time entry fields -> canonical ones, for its validation errors. */
export const timeEntryFieldNames: Record<string, string> = {
  ticketID: 'ticketId',
  resourceID: 'agentId',
  roleID: 'agentId',
  startDateTime: 'startedAt',
  dateWorked: 'startedAt',
  endDateTime: 'endedAt',
  hoursWorked: 'minutes',
  summaryNotes: 'notes',
  isNonBillable: 'billable',
}
