import { toTimestamp } from '../../shared/dates.js'
import { clientFilter } from '../filters/client-filters.js'
import type { RouteHandler } from '../http-types.js'
import { runArrayWrite } from '../inputs/array-write.js'
import { clientPlanner } from '../inputs/client-input.js'
import { listReply, type ListShape } from '../listing.js'
import { recordNotFound } from '../vendor-errors.js'
import { clientView } from '../views/clients.js'
import { recordId } from './record-id.js'

/** By name, our choice: Halo lists customers alphabetically. */
const CLIENT_LIST: ListShape = {
  key: 'clients',
  defaultOrder: { field: 'name', descending: false },
  pageable: true,
}

export const listClients: RouteHandler = ({ query }, { db }) => {
  const matches = clientFilter(query)
  return listReply(
    { records: db.clients, matches, view: (client) => clientView(db, client) },
    query,
    CLIENT_LIST,
  )
}

export const getClient: RouteHandler = ({ params }, { db }) => {
  const client = db.clients.get(recordId(params.id))
  return client ? { status: 200, body: clientView(db, client) } : recordNotFound('Client', params.id ?? '')
}

export const writeClients: RouteHandler = ({ body }, { db, now }) =>
  runArrayWrite(body, 'Area', clientPlanner(db, toTimestamp(now())), (client) => clientView(db, client))
