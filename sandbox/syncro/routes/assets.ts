import { matchingById } from '../../shared/id-table.js'
import { assetFilter } from '../filters/asset-filters.js'
import { readAssetInput } from '../inputs/asset-input.js'
import type { RouteHandler } from '../http-types.js'
import { paginate } from '../paging.js'
import { queryPage } from '../query-params.js'
import { notFound } from '../vendor-errors.js'
import { assetView } from '../views/assets.js'
import { recordId } from './record-id.js'

/** Id ascending; the page size is the vendor's, `per_page` is ignored. The list key is `assets`. */
export const listAssets: RouteHandler = ({ query }, { db, pageSizes }) => {
  const assets = matchingById(db.assets, assetFilter(query))
  const { records, meta } = paginate(assets, queryPage(query), pageSizes.assets)
  return { status: 200, body: { assets: records.map((asset) => assetView(db, asset)), meta } }
}

export const getAsset: RouteHandler = ({ params }, { db }) => {
  const asset = db.assets.get(recordId(params.id))
  return asset ? { status: 200, body: { asset: assetView(db, asset) } } : notFound()
}

export const createAsset: RouteHandler = ({ body }, { db, now }) => {
  const input = readAssetInput(db, body, true)
  if (!input.ok) return input.reply
  const timestamp = now().toISOString()
  const { name, customer_id, asset_type_id, ...rest } = input.changes
  const asset = db.insertAsset({
    name: name as string,
    customer_id: customer_id as number,
    asset_type_id: asset_type_id as number,
    contact_id: null,
    asset_serial: null,
    external_rmm_link: null,
    properties: {},
    ...rest,
    created_at: timestamp,
    updated_at: timestamp,
  })
  return { status: 200, body: { asset: assetView(db, asset) } }
}

export const updateAsset: RouteHandler = ({ params, body }, { db, now }) => {
  const asset = db.assets.get(recordId(params.id))
  if (!asset) return notFound()
  const input = readAssetInput(db, body, false)
  if (!input.ok) return input.reply
  db.updateAsset(asset, { ...input.changes, updated_at: now().toISOString() })
  return { status: 200, body: { asset: assetView(db, asset) } }
}
