import { queryBoolean, queryText } from '../query-params.js'
import type { HaloDatabase } from '../database.js'
import type { EndUserRecord } from '../records.js'
import { activeFilter } from './active-filter.js'
import { idFilter } from './id-filter.js'
import { refuseUnemulatedFilters, UNEMULATED_USER_FILTERS } from './unemulated.js'

type UserPredicate = (user: EndUserRecord) => boolean

/**
 * GET /Users (spec: paths./Users.get.parameters): `client_id`, `site_id`, `toplevel_id` (the client's top level),
 * `search` (a case-insensitive substring of the name or the email address, and with `search_phonenumbers=true`
 * of the phone or mobile number too), and inactive users only with `includeinactive=true`.
 */
export function userFilter(db: HaloDatabase, query: URLSearchParams): UserPredicate {
  refuseUnemulatedFilters(query, UNEMULATED_USER_FILTERS)
  const clientOf = (user: EndUserRecord) => db.clientIdOfUser(user) ?? null
  const predicates: UserPredicate[] = [activeFilter(query)]
  const byIds = [
    idFilter(query, ['client_id'], clientOf),
    idFilter(query, ['site_id'], (user: EndUserRecord) => user.site_id),
    idFilter(query, ['toplevel_id'], (user: EndUserRecord) => {
      const clientId = clientOf(user)
      return clientId === null ? null : (db.clients.get(clientId)?.toplevel_id ?? null)
    }),
  ]
  for (const predicate of byIds) if (predicate) predicates.push(predicate)
  const search = queryText(query, 'search')?.trim().toLowerCase()
  const phones = queryBoolean(query, 'search_phonenumbers') ?? false
  if (search !== undefined) {
    predicates.push((user) =>
      [
        `${user.firstname} ${user.surname}`,
        user.emailaddress,
        ...(phones ? [user.phonenumber, user.mobilenumber] : []),
      ].some((text) => (text ?? '').toLowerCase().includes(search)),
    )
  }
  // The spec's `lastupdatefromdate`/`lastupdatetodate` here are booleans that include a field in the response,
  // not date filters (as on /Client and /Asset): bound as booleans, filtering nothing.
  queryBoolean(query, 'lastupdatefromdate')
  queryBoolean(query, 'lastupdatetodate')
  return (user) => predicates.every((predicate) => predicate(user))
}
