import { HOUR_MS, MINUTE_MS, toTimestamp } from '../../shared/dates.js'
import type { Random } from '../../shared/random.js'
import { instantBetween } from '../../shared/seed.js'
import type { TicketRecord, TicketTimerRecord, UserRecord } from '../records.js'
import { TIMER_NOTES } from './catalog.js'

const TICKETS_WITH_TIMERS = 0.45
const MAX_TIMERS_PER_TICKET = 3
const BILLABLE = 0.75
/** A tech enters the timer a little after stopping it; `created_at` follows `end_time` by up to this. */
const ENTRY_LAG_MS = 2 * HOUR_MS

/**
 * Timer entries on some tickets, by the assigned tech (else any tech), in quarter hours between the ticket's
 * creation and its last update. An invoiced ticket's billable entries are charged (`recorded`).
 */
export function seedTicketTimers(
  random: Random,
  tickets: readonly TicketRecord[],
  users: readonly UserRecord[],
): TicketTimerRecord[] {
  const timers: TicketTimerRecord[] = []
  for (const ticket of tickets) {
    if (!random.chance(TICKETS_WITH_TIMERS)) continue
    const count = random.int(1, MAX_TIMERS_PER_TICKET)
    const startTimes = Array.from({ length: count }, () =>
      instantBetween(random, Date.parse(ticket.created_at), Date.parse(ticket.updated_at)),
    ).sort((a, b) => a - b)
    for (const startMs of startTimes) {
      const seconds = random.int(1, 12) * 15 * 60
      const endMs = startMs + seconds * 1000
      const createdMs = endMs + random.int(1, ENTRY_LAG_MS / MINUTE_MS) * MINUTE_MS
      const billable = random.chance(BILLABLE)
      timers.push({
        id: timers.length + 1,
        ticket_id: ticket.id,
        user_id: ticket.user_id ?? random.pick(users).id,
        start_time: toTimestamp(startMs),
        end_time: toTimestamp(endMs),
        recorded: billable && ticket.status === 'Invoiced',
        billable,
        notes: random.pick(TIMER_NOTES),
        product_id: null,
        active_duration: seconds,
        created_at: toTimestamp(createdMs),
        updated_at: toTimestamp(createdMs),
      })
    }
  }
  return timers
}
