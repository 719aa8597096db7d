import { HOUR_MS, toTimestamp } from '../shared/dates.js'
import type { ActionRecord, Timestamp } from './records.js'

/** When an action's work started and ended: its own dates, or the `timetaken` hours up to its `datetime`. */
export function workSpan(action: ActionRecord): { start: Timestamp; end: Timestamp } {
  const end = action.actioncompletiondate ?? action.datetime
  const start = action.actionarrivaldate ?? toTimestamp(Date.parse(end) - action.timetaken * HOUR_MS)
  return { start, end }
}
