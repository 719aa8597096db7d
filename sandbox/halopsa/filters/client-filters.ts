import { queryBoolean, queryText } from '../query-params.js'
import type { ClientRecord } from '../records.js'
import { activeFilter } from './active-filter.js'
import { refuseUnemulatedFilters, UNEMULATED_CLIENT_FILTERS } from './unemulated.js'
import { idFilter } from './id-filter.js'

type ClientPredicate = (client: ClientRecord) => boolean

/** `search` is a case-insensitive substring of the name; inactive clients only with `includeinactive=true`. */
export function clientFilter(query: URLSearchParams): ClientPredicate {
  refuseUnemulatedFilters(query, UNEMULATED_CLIENT_FILTERS)
  const predicates: ClientPredicate[] = [activeFilter(query)]
  const topLevel = idFilter(query, ['toplevel_id'], (client: ClientRecord) => client.toplevel_id)
  if (topLevel) predicates.push(topLevel)
  const search = queryText(query, 'search')?.trim().toLowerCase()
  if (search !== undefined) predicates.push((client) => client.name.toLowerCase().includes(search))
  // The spec types `lastupdatefromdate`/`lastupdatetodate` here as booleans ("Include the field lastupdatefromdate
  // in the response"; GET /Client and GET /Asset parameters), not dates: no source shows a date filter on this
  // list, so they filter nothing; bound as booleans, a date answers 400 like any value that does not convert.
  queryBoolean(query, 'lastupdatefromdate')
  queryBoolean(query, 'lastupdatetodate')
  return (client) => predicates.every((predicate) => predicate(client))
}
