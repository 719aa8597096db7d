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
  // The asset an earlier create made: of the customer, created since, with exactly that name.
  duplicate: {
    filters: (body: AssetCreate, since) => ({
      customerId: body.customerId,
      createdSince: since,
      q: body.name,
    }),
    matches: (asset: Asset, body) => asset.name === body.name && asset.customer?.id === body.customerId,
  },
})
