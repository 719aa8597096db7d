import { toTimestamp } from '../../shared/dates.js'
import { assetFilter } from '../filters/asset-filters.js'
import type { RouteHandler } from '../http-types.js'
import { runArrayWrite } from '../inputs/array-write.js'
import { assetPlanner } from '../inputs/asset-input.js'
import { listReply, type ListShape } from '../listing.js'
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
  const views = [...db.assets.values()].filter(matches).map((asset) => assetView(db, asset))
  return listReply(views, query, ASSET_LIST)
}

export const getAsset: RouteHandler = ({ params }, { db }) => {
  const asset = db.assets.get(recordId(params.id))
  return asset ? { status: 200, body: assetView(db, asset) } : recordNotFound('Asset', params.id ?? '')
}

export const writeAssets: RouteHandler = ({ body }, { db, now }) =>
  runArrayWrite(body, 'Device', assetPlanner(db, toTimestamp(now())), (asset) => assetView(db, asset))
