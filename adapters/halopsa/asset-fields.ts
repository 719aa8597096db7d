import type { AssetCreate, AssetUpdate } from '../../src/canonical/asset.js'
import { GatewayError, validationFailed } from '../../src/errors.js'
import { noMatch } from '../../src/mapping/reference-match.js'
import type { CallContext } from '../types.js'
import { assetFieldIds, assetFieldsSent, haloId } from './map.js'
import type { HaloAsset, HaloAssetType } from './types.js'

export interface AssetFieldSource {
  /** An asset, for its type where an update sends none. */
  asset(id: number, ctx: CallContext): Promise<HaloAsset>
  /** An asset type with its field list (cached). */
  assetType(id: number, ctx: CallContext): Promise<HaloAssetType>
}

/**
 * The field ids a write of serial number, manufacturer or model needs, from the asset's type (the one sent, or
 * for an update without one the asset's own, read first); the type's field list is cached.
 */
export async function fieldIdsFor(
  source: AssetFieldSource,
  body: AssetCreate | AssetUpdate,
  assetId: number | undefined,
  ctx: CallContext,
) {
  const wanted = assetFieldsSent(body)
  if (wanted.length === 0) return {}
  let typeId = body.typeId === undefined ? undefined : haloId(body.typeId, 'typeId')
  if (typeId === undefined && assetId !== undefined) {
    typeId = (await source.asset(assetId, ctx)).assettype_id ?? undefined
  }
  if (typeId === undefined) {
    throw validationFailed('halopsa needs the asset type to write asset fields', [
      { field: 'typeId', message: 'required with serialNumber, manufacturer or model' },
    ])
  }
  const id = typeId
  const type = await source.assetType(id, ctx).catch((error: unknown) => {
    if (error instanceof GatewayError && error.status === 404)
      throw noMatch('halopsa', 'typeId', String(id), 'asset types')
    throw error
  })
  return assetFieldIds(type, wanted)
}
