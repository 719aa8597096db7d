import { queryBoolean, queryText } from '../query-params.js'
import type { AssetRecord } from '../records.js'
import { activeFilter } from './active-filter.js'
import { refuseUnemulatedFilters, UNEMULATED_ASSET_FILTERS } from './unemulated.js'
import { idFilter } from './id-filter.js'

type AssetPredicate = (asset: AssetRecord) => boolean

/**
 * `search` is a case-insensitive substring of the inventory number or the key field; inactive assets only
 * with `includeinactive=true`.
 */
export function assetFilter(query: URLSearchParams): AssetPredicate {
  refuseUnemulatedFilters(query, UNEMULATED_ASSET_FILTERS)
  const predicates: AssetPredicate[] = [activeFilter(query)]
  const byIds = [
    idFilter(query, ['client_id'], (asset: AssetRecord) => asset.client_id),
    idFilter(query, ['site_id'], (asset: AssetRecord) => asset.site_id),
    idFilter(query, ['assettype_id', 'assettypes'], (asset: AssetRecord) => asset.assettype_id),
  ]
  for (const predicate of byIds) if (predicate) predicates.push(predicate)
  const search = queryText(query, 'search')?.trim().toLowerCase()
  if (search !== undefined) {
    predicates.push(
      (asset) =>
        (asset.inventory_number ?? '').toLowerCase().includes(search) ||
        (asset.key_field ?? '').toLowerCase().includes(search),
    )
  }
  // The spec types `lastupdatefromdate`/`lastupdatetodate` here as booleans ("Include the field lastupdatefromdate
  // in the response"; GET /Client and GET /Asset parameters), not dates: no source shows a date filter on this
  // list, so they filter nothing; bound as booleans, a date answers 400 like any value that does not convert.
  queryBoolean(query, 'lastupdatefromdate')
  queryBoolean(query, 'lastupdatetodate')
  return (asset) => predicates.every((predicate) => predicate(asset))
}
