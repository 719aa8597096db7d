import { timesheetEventFilter } from '../filters/timesheet-filters.js'
import type { RouteHandler } from '../http-types.js'
import { recordNotFound } from '../vendor-errors.js'
import { timesheetEventView } from '../views/timesheet-events.js'
import { workSpan } from '../work-span.js'
import { recordId } from './record-id.js'

/**
 * GET /TimesheetEvent: a bare array (as redanthrax/halopsa-node's timesheet event list reads it,
 * nodes/HaloPSA/actions/timesheetEvent/getAll/execute.ts), by start time; the spec gives it no paging.
 * Read-only: the emulator's timesheet is the time on its actions, written through /Actions.
 */
export const listTimesheetEvents: RouteHandler = ({ query }, { db }) => {
  const matches = timesheetEventFilter(query)
  const events = [...db.actions.values()]
    .filter(matches)
    .sort((a, b) => workSpan(a).start.localeCompare(workSpan(b).start) || a.id - b.id)
  return { status: 200, body: events.map((action) => timesheetEventView(db, action)) }
}

export const getTimesheetEvent: RouteHandler = ({ params }, { db }) => {
  const action = db.actions.get(recordId(params.id))
  return action && action.timetaken > 0
    ? { status: 200, body: timesheetEventView(db, action) }
    : recordNotFound('TimesheetEvent', params.id ?? '')
}
