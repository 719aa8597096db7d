import { toTimestamp } from '../../shared/dates.js'
import { userFilter } from '../filters/user-filters.js'
import type { RouteHandler } from '../http-types.js'
import { runArrayWrite } from '../inputs/array-write.js'
import { userPlanner } from '../inputs/user-input.js'
import { listReply, type ListShape } from '../listing.js'
import { recordNotFound } from '../vendor-errors.js'
import { userView } from '../views/users.js'
import { recordId } from './record-id.js'

/** By name, our choice; paged like the other lists (`pageinate`, `page_size`, `page_no` in the spec). */
const USER_LIST: ListShape = {
  key: 'users',
  defaultOrder: { field: 'name', descending: false },
  pageable: true,
}

export const listUsers: RouteHandler = ({ query }, { db }) =>
  listReply(
    { records: db.users, matches: userFilter(db, query), view: (user) => userView(db, user) },
    query,
    USER_LIST,
  )

/** `GET /Users/{id}`: the user, inactive or not; its parameters (`includedetails`, …) add nothing here. */
export const getUser: RouteHandler = ({ params }, { db }) => {
  const user = db.users.get(recordId(params.id))
  return user ? { status: 200, body: userView(db, user) } : recordNotFound('User', params.id ?? '')
}

export const writeUsers: RouteHandler = ({ body }, { db, now }) =>
  runArrayWrite(body, 'Users', userPlanner(db, toTimestamp(now())), (user) => userView(db, user))
