import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type AssetRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'

export function assetView(db: HaloDatabase, asset: AssetRecord) {
  const site = asset.site_id === null ? undefined : db.sites.get(asset.site_id)
  return {
    id: asset.id,
    inventory_number: asset.inventory_number,
    key_field: asset.key_field,
    key_field2: asset.key_field2,
    key_field3: asset.key_field3,
    client_id: asset.client_id,
    client_name: db.clients.get(asset.client_id)?.name ?? null,
    site_id: asset.site_id,
    site_name: site?.name ?? null,
    username: asset.username,
    assettype_id: asset.assettype_id,
    assettype_name: db.assetTypes.get(asset.assettype_id)?.name ?? null,
    status_id: asset.status_id,
    status_name: db.assetStatuses.get(asset.status_id)?.name ?? null,
    inactive: asset.inactive,
    warranty_end: haloDateTime(asset.warranty_end),
    notes: asset.notes,
    fields: asset.fields.map((field) => ({
      id: field.id,
      name: db.assetFields.get(field.id)?.name ?? null,
      value: field.value,
    })),
    customfields: customFieldsView(db, CUSTOM_FIELD_USAGE.asset, asset.customfields),
    dlastupdate: haloDateTime(asset.dlastupdate),
  }
}

/** The short form a ticket's `assets[]` carries (`Device_List`). */
export function ticketAssetView(db: HaloDatabase, asset: AssetRecord) {
  return {
    id: asset.id,
    inventory_number: asset.inventory_number,
    key_field: asset.key_field,
    client_id: asset.client_id,
    client_name: db.clients.get(asset.client_id)?.name ?? null,
    assettype_id: asset.assettype_id,
    assettype_name: db.assetTypes.get(asset.assettype_id)?.name ?? null,
  }
}
