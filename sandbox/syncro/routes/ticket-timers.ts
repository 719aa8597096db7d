import { matchingById } from '../../shared/id-table.js'
import { castId } from '../body-fields.js'
import type { HandlerContext, RouteHandler, SyncroReply } from '../http-types.js'
import { readTimerCreate, readTimerUpdate } from '../inputs/ticket-timer-input.js'
import { paginate } from '../paging.js'
import { queryDate, queryPage, queryValue } from '../query-params.js'
import type { TicketTimerRecord } from '../records.js'
import { notFound } from '../vendor-errors.js'
import { patchedTicketTimerView, ticketTimerView } from '../views/ticket-timers.js'
import { recordId } from './record-id.js'

// Syncro's ticket timers (syncro-openapi.json, tags "Ticket Timer" and "Ticket"). Writing a timer entry leaves
// its ticket's `updated_at` as it is (no source says otherwise).

/** The spec: "each 'page' contains 25 results". */
const TIMERS_PER_PAGE = 25

/**
 * `created_at_gt` and `created_at_lt` (exclusive bounds, as the names say), 25 a page; id ascending (the spec
 * names no order: our choice).
 */
export const listTicketTimers: RouteHandler = ({ query }, { db }) => {
  const after = queryDate(query, 'created_at_gt')
  const before = queryDate(query, 'created_at_lt')
  const timers = matchingById(db.ticketTimers, (timer) => {
    const created = Date.parse(timer.created_at)
    return (after === undefined || created > after) && (before === undefined || created < before)
  })
  const { records, meta } = paginate(timers, queryPage(query), TIMERS_PER_PAGE)
  return { status: 200, body: { ticket_timers: records.map(ticketTimerView), meta } }
}

/** The entry unwrapped, as the spec's 200 example; `billable` and `recorded` start false as there. */
export const createTicketTimer: RouteHandler = ({ params, body }, context) => {
  const ticket = context.db.tickets.get(recordId(params.id))
  if (!ticket) return notFound()
  const input = readTimerCreate(body)
  if (!input.ok) return input.reply
  const userId = input.fields.user_id ?? context.apiUserId
  if (!context.db.users.has(userId)) return notFound()
  const now = context.now().toISOString()
  const timer = context.db.insertTicketTimer({
    ...input.fields,
    ticket_id: ticket.id,
    user_id: userId,
    recorded: false,
    billable: false,
    created_at: now,
    updated_at: now,
  })
  return { status: 200, body: ticketTimerView(timer) }
}

export const updateTicketTimer: RouteHandler = ({ params, body }, context) =>
  withTimer(context, params.id, body.timer_entry_id, (timer) => {
    const input = readTimerUpdate(body, timer)
    if (!input.ok) return input.reply
    // A blank `user_id` changes nothing (our reading of "Current user by default": only a create defaults it).
    const { user_id: sentUserId, ...fields } = input.fields
    const userId = sentUserId ?? undefined
    if (userId !== undefined && !context.db.users.has(userId)) return notFound()
    context.db.updateTicketTimer(timer, {
      ...fields,
      ...(userId === undefined ? {} : { user_id: userId }),
      updated_at: context.now().toISOString(),
    })
    return { status: 200, body: ticketTimerView(timer) }
  })

export const deleteTicketTimer: RouteHandler = ({ params, body }, context) =>
  withTimer(context, params.id, body.timer_entry_id, (timer) => {
    context.db.deleteTicketTimer(timer)
    return { status: 200, body: { success: true } }
  })

/** Charging marks the entry `recorded` (the spec's example); the invoice line it would bill is not emulated. */
export const chargeTicketTimer: RouteHandler = ({ params, body }, context) =>
  withTimer(context, params.id, body.timer_entry_id, (timer) => {
    if (!timer.recorded)
      context.db.updateTicketTimer(timer, { recorded: true, updated_at: context.now().toISOString() })
    return { status: 200, body: ticketTimerView(timer) }
  })

/**
 * `PATCH /ticket_timers/{id}?billable=true|false` (the spec's path lacks its leading slash: a typo). Any other
 * `billable`, or none, answers the spec's 422.
 */
export const setTicketTimerBillable: RouteHandler = ({ params, query }, context) => {
  const timer = context.db.ticketTimers.get(recordId(params.id))
  if (!timer) return notFound()
  const billable = queryValue(query, 'billable')?.trim()
  if (billable !== 'true' && billable !== 'false')
    return { status: 422, body: { errors: ['billable must be true or false'] } }
  context.db.updateTicketTimer(timer, {
    billable: billable === 'true',
    updated_at: context.now().toISOString(),
  })
  return { status: 200, body: { ticket_timer: patchedTicketTimerView(timer) } }
}

/** A ticket's entry named by `timer_entry_id`: 404 when the ticket or the entry is unknown, or the entry another's. */
function withTimer(
  { db }: HandlerContext,
  ticketId: string | undefined,
  timerId: unknown,
  write: (timer: TicketTimerRecord) => SyncroReply,
): SyncroReply {
  const ticket = db.tickets.get(recordId(ticketId))
  const timer = db.ticketTimers.get(castId(timerId) ?? Number.NaN)
  return ticket && timer?.ticket_id === ticket.id ? write(timer) : notFound()
}
