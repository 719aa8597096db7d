import { toTimestamp } from '../../shared/dates.js'
import { IdTable } from '../../shared/id-table.js'
import { actionFilter } from '../filters/action-filters.js'
import type { RouteHandler } from '../http-types.js'
import { actionPlanner } from '../inputs/action-input.js'
import { runArrayWrite } from '../inputs/array-write.js'
import { listReply, type ListShape } from '../listing.js'
import { queryInteger } from '../query-params.js'
import { recordNotFound } from '../vendor-errors.js'
import { actionView } from '../views/actions.js'
import { recordId } from './record-id.js'

/** Oldest first, our choice: the order the conversation happened in. No `pageinate` (the spec offers `count`). */
const ACTION_LIST: ListShape = {
  key: 'actions',
  defaultOrder: { field: 'datetime', descending: false },
  pageable: false,
}

/**
 * One ticket's actions with `ticket_id` (a ticket that does not exist has none), or every ticket's: the spec does
 * not require `ticket_id` and gives the list `startdate`/`enddate` ("actions will have occured after/before this
 * date"), so a date range alone lists the actions of all tickets in it.
 */
export const listActions: RouteHandler = ({ query }, { db }) => {
  const ticketId = queryInteger(query, 'ticket_id')
  const matches = actionFilter(query)
  const records = ticketId === undefined ? db.actions : new IdTable(db.actionsOf(ticketId))
  return listReply({ records, matches, view: (action) => actionView(db, action) }, query, ACTION_LIST)
}

export const getAction: RouteHandler = ({ params }, { db }) => {
  const action = db.actions.get(recordId(params.id))
  return action ? { status: 200, body: actionView(db, action) } : recordNotFound('Action', params.id ?? '')
}

/** DELETE /Actions/{id} (in the spec): removes the action; answers 200 with no body, as a ticket's delete. */
export const deleteAction: RouteHandler = ({ params }, { db }) =>
  db.deleteAction(recordId(params.id)) ? { status: 200 } : recordNotFound('Action', params.id ?? '')

export const writeActions: RouteHandler = ({ body }, { db, now, apiAgentId }) =>
  runArrayWrite(body, 'Actions', actionPlanner(db, toTimestamp(now()), apiAgentId), (action) =>
    actionView(db, action),
  )
