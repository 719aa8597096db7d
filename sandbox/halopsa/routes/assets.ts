import { toTimestamp } from '../../shared/dates.js'
import type { HaloDatabase } from '../database.js'
import { assetFilter } from '../filters/asset-filters.js'
import type { RouteHandler } from '../http-types.js'
import { runArrayWrite } from '../inputs/array-write.js'
import { assetPlanner } from '../inputs/asset-input.js'
import { listReply, type ListShape } from '../listing.js'
import type { AssetTypeRecord } from '../records.js'
import { recordNotFound } from '../vendor-errors.js'
import { assetView } from '../views/assets.js'
import { recordId } from './record-id.js'

/** Id ascending, our choice. */
const ASSET_LIST: ListShape = {
  key: 'assets',
  defaultOrder: { field: 'id', descending: false },
  pageable: true,
}

export const listAssets: RouteHandler = ({ query }, { db }) => {
  const matches = assetFilter(query)
  return listReply({ records: db.assets, matches, view: (asset) => assetView(db, asset) }, query, ASSET_LIST)
}

export const getAsset: RouteHandler = ({ params }, { db }) => {
  const asset = db.assets.get(recordId(params.id))
  return asset ? { status: 200, body: assetView(db, asset) } : recordNotFound('Asset', params.id ?? '')
}

export const writeAssets: RouteHandler = ({ body }, { db, now }) =>
  runArrayWrite(body, 'Device', assetPlanner(db, toTimestamp(now())), (asset) => assetView(db, asset))

/**
 * An asset type (`Xtype`) with its fields: `fields[]` of `TypeInfo` carry `field_id` and `field_name` (spec,
 * components.schemas.Xtype and TypeInfo), the ids an asset's `fields[]` (`FieldHelper.id`) are written with. Our
 * choice: every tenant asset field is on every type, in id order.
 */
function assetTypeView(db: HaloDatabase, type: AssetTypeRecord) {
  const fields = [...db.assetFields.values()].sort((a, b) => a.id - b.id)
  return {
    id: type.id,
    name: type.name,
    fields: fields.map((field, index) => ({
      id: type.id * 100 + index + 1,
      field_id: field.id,
      field_name: field.name,
      sequence: index + 1,
    })),
  }
}

export const listAssetTypes: RouteHandler = (_request, { db }) => ({
  status: 200,
  body: [...db.assetTypes.values()].sort((a, b) => a.id - b.id).map((type) => assetTypeView(db, type)),
})

export const getAssetType: RouteHandler = ({ params }, { db }) => {
  const type = db.assetTypes.get(recordId(params.id))
  return type ? { status: 200, body: assetTypeView(db, type) } : recordNotFound('AssetType', params.id ?? '')
}
