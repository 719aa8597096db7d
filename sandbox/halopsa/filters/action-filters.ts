import { queryBoolean, queryDate } from '../query-params.js'
import type { ActionRecord } from '../records.js'
import { refuseUnemulatedFilters, UNEMULATED_ACTION_FILTERS } from './unemulated.js'
import { withinDates } from './id-filter.js'

type ActionPredicate = (action: ActionRecord) => boolean

/**
 * The `GET /Actions` filters besides `ticket_id`: `excludeprivate` drops actions hidden from the user,
 * `importantonly` keeps important ones, `startdate`/`enddate` bound `datetime`, `timeentriesonly` keeps actions with time taken
 * (the spec gives it no description: our reading of its name). The sandbox holds no system actions and only agents
 * write actions, so `excludesys` and `agentonly` change nothing and are not read; the filters it cannot apply are
 * refused (unemulated.ts).
 */
export function actionFilter(query: URLSearchParams): ActionPredicate {
  refuseUnemulatedFilters(query, UNEMULATED_ACTION_FILTERS)
  const excludePrivate = queryBoolean(query, 'excludeprivate') ?? false
  const importantOnly = queryBoolean(query, 'importantonly') ?? false
  const timeEntriesOnly = queryBoolean(query, 'timeentriesonly') ?? false
  const start = queryDate(query, 'startdate')
  const end = queryDate(query, 'enddate')
  return (action) =>
    (!excludePrivate || !action.hiddenfromuser) &&
    (!importantOnly || action.important) &&
    (!timeEntriesOnly || action.timetaken > 0) &&
    withinDates(action.datetime, start, end)
}
