import { MAX_TIME_ENTRY_MINUTES, type TimeEntryCreate, type TimeEntrySpan } from '../canonical/time-entry.js'
import { validationFailed } from '../errors.js'

const MINUTE_MS = 60_000

/**
 * A time entry create's start, end and minutes from whichever of endedAt and minutes it sent: a 400 when it sent
 * neither, when they disagree, or when the end is not after the start or more than a day after it.
 */
export function timeSpanOf(body: TimeEntryCreate): TimeEntrySpan {
  const start = Date.parse(body.startedAt)
  if (body.endedAt === undefined) {
    if (body.minutes === undefined) {
      throw validationFailed('send endedAt or minutes', [
        { field: 'minutes', message: 'required when endedAt is absent' },
      ])
    }
    const endedAt = new Date(start + body.minutes * MINUTE_MS).toISOString()
    return { startedAt: new Date(start).toISOString(), endedAt, minutes: body.minutes }
  }
  const elapsed = Date.parse(body.endedAt) - start
  const minutes = elapsed / MINUTE_MS
  if (!(elapsed > 0) || minutes > MAX_TIME_ENTRY_MINUTES) {
    throw validationFailed(`endedAt must be after startedAt, by at most ${MAX_TIME_ENTRY_MINUTES} minutes`, [
      { field: 'endedAt', message: 'not after startedAt, or more than a day after it' },
    ])
  }
  if (!Number.isInteger(minutes)) {
    throw validationFailed('a time entry spans whole minutes', [
      { field: 'endedAt', message: 'not a whole number of minutes after startedAt' },
    ])
  }
  if (body.minutes !== undefined && body.minutes !== minutes) {
    throw validationFailed('minutes and endedAt disagree', [
      { field: 'minutes', message: `endedAt is ${minutes} minutes after startedAt` },
    ])
  }
  return {
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + elapsed).toISOString(),
    minutes,
  }
}
