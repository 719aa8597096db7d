import type { TicketTimerRecord } from '../records.js'

/**
 * A timer entry as `GET /ticket_timers` lists it, `POST /tickets/{id}/timer_entry` answers it and a ticket nests it
 * (`ticket_timers`). `billable_time` is in seconds, the entry's length unless billing overrides it (the spec's
 * PATCH /ticket_timers/{id} example: 3600 for an hour; its older examples' 120 fits none of their spans).
 * Toggl, products' line items and billing overrides are not emulated: those stay null.
 */
export function ticketTimerView(timer: TicketTimerRecord) {
  return {
    id: timer.id,
    ticket_id: timer.ticket_id,
    user_id: timer.user_id,
    start_time: timer.start_time,
    end_time: timer.end_time,
    recorded: timer.recorded,
    created_at: timer.created_at,
    updated_at: timer.updated_at,
    billable: timer.billable,
    notes: timer.notes,
    toggl_id: null,
    product_id: timer.product_id,
    comment_id: null,
    ticket_line_item_id: null,
    active_duration: timer.active_duration,
    billable_time: timer.active_duration,
    billable_override: null,
  }
}

/** `PATCH /ticket_timers/{id}` adds `since_updated_at` (its example: the same instant as `updated_at`). */
export function patchedTicketTimerView(timer: TicketTimerRecord) {
  // Object.assign, not a spread followed by fields: see ticketCore in tickets.ts.
  return Object.assign(ticketTimerView(timer), { since_updated_at: timer.updated_at })
}
