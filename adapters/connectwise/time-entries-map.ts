import type { Agent } from '../../src/canonical/agent.js'
import type { TimeEntry, TimeEntryCreate, TimeEntrySpan } from '../../src/canonical/time-entry.js'
import { withoutUndefined } from '../../src/mapping/ids.js'
import { isoOrEpoch, isoOrNull, textOrNull } from '../../src/mapping/names.js'
import { cwId, SERVICE_TICKET } from './query.js'
import type { CwTimeEntry } from './types.js'

/** Pure translations between ConnectWise time entries and canonical ones. No I/O here. */

/**
 * TimeEntry's `billableOption`: Billable, DoNotBill (not on the invoice), NoCharge (on the invoice at no charge),
 * NoDefault (sowderca/connectwise-ruby-sdk models/time_entry.rb). Only Billable is billed.
 */
const BILLABLE = 'Billable'
const NOT_BILLED = 'DoNotBill'

/** ConnectWise takes dates to the second, `2025-01-31T09:00:00Z`; a create's span is in whole minutes. */
const toSecond = (iso: string) => `${iso.slice(0, 19)}Z`

/**
 * A time entry charged to a service ticket. `minutes` is ConnectWise's `actualHours` (the time worked: end less
 * start less `hoursDeduct`) in whole minutes; the agent's name is the one `/agents` lists, else the entry's own.
 * `internalNotes` stays in `remote` only: the canonical notes are the entry's `notes`.
 */
export function timeEntryFromConnectWise(entry: CwTimeEntry, agents: ReadonlyMap<string, Agent>): TimeEntry {
  const member = entry.member
  const memberId = member === undefined ? undefined : String(member.id)
  return {
    id: String(entry.id),
    ticketId: String(entry.chargeToId),
    agent:
      memberId === undefined
        ? null
        : {
            id: memberId,
            name: agents.get(memberId)?.name ?? textOrNull(member?.name) ?? textOrNull(member?.identifier),
          },
    startedAt: isoOrEpoch(entry.timeStart),
    endedAt: isoOrNull(entry.timeEnd),
    minutes: Math.round((entry.actualHours ?? 0) * 60),
    notes: textOrNull(entry.notes),
    billable: entry.billableOption === BILLABLE,
    createdAt: isoOrNull(entry.dateEntered ?? entry._info?.dateEntered),
    updatedAt: isoOrNull(entry._info?.lastUpdated),
    remote: entry,
  }
}

/**
 * A new time entry on ticket `ticketId`: its start and end (ConnectWise works out `actualHours`), notes, billing
 * and member. Without `billable`, ConnectWise takes the option from the work type; without `agentId`, the entry
 * is the API member's. The `addTo…Flag`s are left false: the notes are not copied into the ticket's notes.
 */
export function timeEntryBody(ticketId: number, body: TimeEntryCreate, span: TimeEntrySpan) {
  return withoutUndefined({
    chargeToType: SERVICE_TICKET,
    chargeToId: ticketId,
    timeStart: toSecond(span.startedAt),
    timeEnd: toSecond(span.endedAt),
    notes: body.notes,
    billableOption: body.billable === undefined ? undefined : body.billable ? BILLABLE : NOT_BILLED,
    member: body.agentId === undefined ? undefined : { id: cwId(body.agentId, 'agentId') },
  })
}

/** ConnectWise's time entry fields (in its validation errors) -> canonical ones. */
export const timeEntryFieldNames: Record<string, string> = {
  chargeToId: 'ticketId',
  timeStart: 'startedAt',
  timeEnd: 'endedAt',
  actualHours: 'minutes',
  notes: 'notes',
  billableOption: 'billable',
  member: 'agentId',
}
