import { Asset, AssetCreate, AssetUpdate } from '../src/canonical/asset.js'
import { AssetListQuery } from '../src/canonical/list-query.js'
import { AssetPage } from '../src/canonical/shared-schemas.js'
import { findCreatedBy } from './find-created.js'
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
  findCreated: (adapter, body: AssetCreate, since, ctx) =>
    findCreatedBy(
      (request, context) => adapter.assets.list(request, context),
      adapter.filters.assets,
      { customerId: body.customerId, createdSince: since, q: body.name },
      (asset) => asset.name === body.name && asset.customer?.id === body.customerId,
      ctx,
    ),
})
