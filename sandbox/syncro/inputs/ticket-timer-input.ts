import { castId, castText, hasField } from '../body-fields.js'
import { parseVendorDate } from '../dates.js'
import type { SyncroReply } from '../http-types.js'
import type { TicketTimerRecord } from '../records.js'

type TimerFields = Pick<
  TicketTimerRecord,
  'start_time' | 'end_time' | 'active_duration' | 'notes' | 'product_id'
> & {
  user_id: number | null
}

export type TimerInput<T> = { ok: true; fields: T } | { ok: false; reply: SyncroReply }

/**
 * The body of `POST /tickets/{id}/timer_entry`: `start_at`, then `end_at` or `duration_minutes`; `user_id` (null
 * here: the API key's user), `notes`, `product_id`. A missing `start_at` answers the spec's 422 example, Ruby's
 * `Time.parse(nil)` error; a missing end is taken to fail the same way, and an unparsable date with the message
 * Ruby's `Time.parse` raises (both our reading: the spec shows one error). An end before the start is not refused
 * (no source says it is).
 */
export function readTimerCreate(body: Record<string, unknown>): TimerInput<TimerFields> {
  const start = readTime(body, 'start_at')
  if (!start.ok) return start
  const end = hasField(body, 'end_at') ? readTime(body, 'end_at') : undefined
  if (end && !end.ok) return end
  const minutes = readMinutes(body)
  if (!end && minutes === undefined) return nilConversion()
  const endMs = end ? end.fields : start.fields + (minutes as number) * 60_000
  return {
    ok: true,
    fields: {
      start_time: new Date(start.fields).toISOString(),
      end_time: new Date(endMs).toISOString(),
      active_duration: Math.round((endMs - start.fields) / 1000),
      user_id: castId(body.user_id),
      notes: castText(body.notes),
      product_id: castId(body.product_id),
    },
  }
}

/**
 * The body of `PUT /tickets/{id}/update_timer_entry` (the spec's fields: no `end_at`): only the fields sent change;
 * the entry keeps its length when only `start_at` is sent, and keeps its start when only `duration_minutes` is.
 */
export function readTimerUpdate(
  body: Record<string, unknown>,
  timer: TicketTimerRecord,
): TimerInput<Partial<TimerFields>> {
  const start = hasField(body, 'start_at') ? readTime(body, 'start_at') : undefined
  if (start && !start.ok) return start
  const startMs = start ? start.fields : Date.parse(timer.start_time)
  const seconds = (readMinutes(body) ?? timer.active_duration / 60) * 60
  const fields: Partial<TimerFields> = {}
  if (start || hasField(body, 'duration_minutes')) {
    fields.start_time = new Date(startMs).toISOString()
    fields.end_time = new Date(startMs + seconds * 1000).toISOString()
    fields.active_duration = seconds
  }
  if (hasField(body, 'user_id')) fields.user_id = castId(body.user_id)
  if (hasField(body, 'notes')) fields.notes = castText(body.notes)
  if (hasField(body, 'product_id')) fields.product_id = castId(body.product_id)
  return { ok: true, fields }
}

function readTime(body: Record<string, unknown>, name: string): TimerInput<number> {
  const text = castText(body[name])
  if (text === null || text.trim() === '') return nilConversion()
  const ms = parseVendorDate(text)
  return ms === undefined
    ? { ok: false, reply: { status: 422, body: { error: `no time information in ${JSON.stringify(text)}` } } }
    : { ok: true, fields: ms }
}

/** Whole minutes, read as Ruby's `to_i` reads a text (leading digits, else 0); undefined when absent or blank. */
function readMinutes(body: Record<string, unknown>): number | undefined {
  const text = castText(body.duration_minutes)
  if (text === null || text.trim() === '') return undefined
  return Number.parseInt(text.trim(), 10) || 0
}

function nilConversion(): { ok: false; reply: SyncroReply } {
  return { ok: false, reply: { status: 422, body: { error: 'no implicit conversion of nil into String' } } }
}
