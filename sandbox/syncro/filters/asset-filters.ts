import { queryInteger, queryValue } from '../query-params.js'
import type { AssetRecord } from '../records.js'

type AssetPredicate = (asset: AssetRecord) => boolean

/** The `GET /customer_assets` filters; `query` is a case-insensitive substring of name or serial. */
export function assetFilter(query: URLSearchParams): AssetPredicate {
  const predicates: AssetPredicate[] = []

  const customerId = queryInteger(query, 'customer_id')
  if (customerId !== undefined) predicates.push((asset) => asset.customer_id === customerId)
  const assetTypeId = queryInteger(query, 'asset_type_id')
  if (assetTypeId !== undefined) predicates.push((asset) => asset.asset_type_id === assetTypeId)
  const text = queryValue(query, 'query')
  if (text !== undefined) {
    const needle = text.trim().toLowerCase()
    predicates.push(
      (asset) =>
        asset.name.toLowerCase().includes(needle) ||
        (asset.asset_serial ?? '').toLowerCase().includes(needle),
    )
  }

  return (asset) => predicates.every((predicate) => predicate(asset))
}
