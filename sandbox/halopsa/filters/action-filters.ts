import { queryBoolean, queryDate } from '../query-params.js'
import type { ActionRecord } from '../records.js'
import { refuseUnemulatedFilters, UNEMULATED_ACTION_FILTERS } from './unemulated.js'
import { withinDates } from './id-filter.js'

type ActionPredicate = (action: ActionRecord) => boolean

/**
 * The `GET /Actions` filters besides `ticket_id`: `excludeprivate` drops actions hidden from the user,
 * `importantonly` keeps important ones, `startdate`/`enddate` bound `datetime`. The sandbox holds no system
 * actions, so `excludesys` changes nothing and is not read; the filters it cannot apply are refused (unemulated.ts).
 */
export function actionFilter(query: URLSearchParams): ActionPredicate {
  refuseUnemulatedFilters(query, UNEMULATED_ACTION_FILTERS)
  const excludePrivate = queryBoolean(query, 'excludeprivate') ?? false
  const importantOnly = queryBoolean(query, 'importantonly') ?? false
  const start = queryDate(query, 'startdate')
  const end = queryDate(query, 'enddate')
  return (action) =>
    (!excludePrivate || !action.hiddenfromuser) &&
    (!importantOnly || action.important) &&
    withinDates(action.datetime, start, end)
}
