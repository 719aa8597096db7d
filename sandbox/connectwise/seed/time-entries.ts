import { HOUR_MS, MINUTE_MS } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { formatTimestamp } from '../dates.js'
import type { BillableOption, MemberRecord, TicketRecord, TimeEntryRecord } from '../records.js'
import { instantBetween, REFERENCE_MS } from './time.js'

const WORK_NOTES = [
  'Remote session: reviewed event logs and applied the fix.',
  'Called the user, walked through the steps, confirmed working.',
  'Reset the account and verified sign-in.',
  'Investigated the alert; no further action needed.',
  'Replaced the cable and tested the link.',
  'Updated drivers and rebooted; monitoring.',
  'Documented the change in the configuration notes.',
] as const

const BILLING: readonly (readonly [BillableOption, number])[] = [
  ['Billable', 70],
  ['NoCharge', 20],
  ['DoNotBill', 10],
]

/**
 * Time on about a third of the tickets, 1-3 entries each, by the ticket's owner or another full member, between
 * the ticket's entry and its close (or the reference date), in quarter hours. Ids in order of entry. The first
 * ticket always has some: it is the example ticket of the gateway's API documentation (its "Try it out").
 */
export function seedTimeEntries(
  random: Random,
  tickets: readonly TicketRecord[],
  members: readonly MemberRecord[],
): TimeEntryRecord[] {
  const workers = members.filter((member) => !member.inactiveFlag && member.licenseClass === 'F')
  const drafts = tickets.flatMap((ticket, index) =>
    random.chance(0.35) || index === 0
      ? Array.from({ length: random.int(1, 3) }, () => draftEntry(random, ticket, workers))
      : [],
  )
  return drafts
    .sort((a, b) => a.info.dateEntered.localeCompare(b.info.dateEntered))
    .map((draft, index) => ({ ...draft, id: index + 1 }))
}

function draftEntry(
  random: Random,
  ticket: TicketRecord,
  workers: readonly MemberRecord[],
): Omit<TimeEntryRecord, 'id'> {
  const owner = workers.find((member) => member.id === ticket.ownerId)
  const member = owner && random.chance(0.7) ? owner : random.pick(workers)
  const enteredMs = Date.parse(ticket.info.dateEntered)
  const lastMs = ticket.closedDate === null ? REFERENCE_MS - 4 * HOUR_MS : Date.parse(ticket.closedDate)
  const minutes = random.int(1, 12) * 15
  const startMs =
    Math.ceil(
      instantBetween(random, enteredMs, Math.max(enteredMs, lastMs - minutes * MINUTE_MS)) / MINUTE_MS,
    ) * MINUTE_MS
  const endMs = startMs + minutes * MINUTE_MS
  const at = formatTimestamp(Math.min(endMs + random.int(0, 90) * MINUTE_MS, REFERENCE_MS))
  return {
    ticketId: ticket.id,
    companyId: ticket.companyId,
    memberId: member.id,
    timeStart: formatTimestamp(startMs),
    timeEnd: formatTimestamp(endMs),
    hoursDeduct: 0,
    actualHours: minutes / 60,
    billableOption: random.pickWeighted(BILLING),
    notes: random.pick(WORK_NOTES),
    internalNotes: random.chance(0.2) ? 'Follow up next visit.' : null,
    addToDetailDescriptionFlag: false,
    addToInternalAnalysisFlag: false,
    addToResolutionFlag: false,
    info: { lastUpdated: at, dateEntered: at, enteredBy: member.identifier, updatedBy: member.identifier },
  }
}
