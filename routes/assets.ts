import { Asset, AssetCreate, AssetUpdate } from '../src/canonical/asset.js'
import { AssetListQuery } from '../src/canonical/list-query.js'
import { AssetPage } from '../src/canonical/shared-schemas.js'
import { resourceRoutes } from './resource-routes.js'

export const assetRoutes = resourceRoutes({
  resource: 'assets',
  singular: 'asset',
  tag: 'Assets',
  item: Asset,
  page: AssetPage,
  listQuery: AssetListQuery,
  create: AssetCreate,
  update: AssetUpdate,
  operations: (adapter) => adapter.assets,
})
