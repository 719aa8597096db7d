import { ReplyError } from '../../shared/reply.js'
import { invalidValue, queryDate, queryText } from '../query-params.js'
import type { ActionRecord } from '../records.js'
import { bindingError } from '../vendor-errors.js'
import { idFilter } from './id-filter.js'
import { workSpan } from '../work-span.js'

/**
 * The GET /TimesheetEvent parameters (spec: paths./TimesheetEvent.get.parameters): `agent_id` or `agents` (a comma
 * list) pick the agents; `start_date`/`end_date` keep the events that overlap that range (our reading: a
 * timesheet shows what happened in its days). The sandbox is all UTC, so a `utcoffset` other than 0 is refused
 * rather than ignored.
 */
export function timesheetEventFilter(query: URLSearchParams): (action: ActionRecord) => boolean {
  const offset = queryText(query, 'utcoffset')
  if (offset !== undefined) {
    const hours = Number(offset)
    if (Number.isNaN(hours)) throw invalidValue('utcoffset', offset)
    if (hours !== 0)
      throw new ReplyError(
        bindingError('utcoffset', 'The sandbox is all UTC; only a utcoffset of 0 is emulated.'),
      )
  }
  const agents = idFilter(query, ['agent_id', 'agents'], (action: ActionRecord) => action.who_agentid)
  const from = queryDate(query, 'start_date')
  const to = queryDate(query, 'end_date')
  return (action) => {
    if (action.timetaken <= 0 || (agents && !agents(action))) return false
    const { start, end } = workSpan(action)
    return (from === undefined || Date.parse(end) > from) && (to === undefined || Date.parse(start) < to)
  }
}
