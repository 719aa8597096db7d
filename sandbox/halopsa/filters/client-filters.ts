import { queryDate, queryText } from '../query-params.js'
import type { ClientRecord } from '../records.js'
import { activeFilter } from './active-filter.js'
import { idFilter, withinDates } from './id-filter.js'

type ClientPredicate = (client: ClientRecord) => boolean

/** `search` is a case-insensitive substring of the name; inactive clients only with `includeinactive=true`. */
export function clientFilter(query: URLSearchParams): ClientPredicate {
  const predicates: ClientPredicate[] = [activeFilter(query)]
  const topLevel = idFilter(query, ['toplevel_id'], (client: ClientRecord) => client.toplevel_id)
  if (topLevel) predicates.push(topLevel)
  const search = queryText(query, 'search')?.trim().toLowerCase()
  if (search !== undefined) predicates.push((client) => client.name.toLowerCase().includes(search))
  const from = queryDate(query, 'lastupdatefromdate')
  const to = queryDate(query, 'lastupdatetodate')
  predicates.push((client) => withinDates(client.alastupdate, from, to))
  return (client) => predicates.every((predicate) => predicate(client))
}
