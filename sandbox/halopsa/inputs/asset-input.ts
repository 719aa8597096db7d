import type { HaloDatabase } from '../database.js'
import { CUSTOM_FIELD_USAGE, type AssetFieldValue, type AssetRecord, type Timestamp } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { targetOf, type ItemPlanner } from './array-write.js'
import { readCustomFields } from './custom-fields.js'
import type { ItemReader } from './item-reader.js'
import { checkReference, optionalLink } from './references.js'

/** The asset status a new asset gets. */
const DEFAULT_ASSET_STATUS_ID = 1

type AssetPatch = Partial<Omit<AssetRecord, 'id' | 'fields' | 'customfields'>>

/**
 * `POST /Asset` items. A create needs an existing `client_id` and `assettype_id`; the site defaults to the
 * client's main site and must belong to the client. `fields[]` entries (`FieldHelper`) name a tenant asset field
 * by `id`; sent values replace those of the same field and the others stay.
 */
export function assetPlanner(db: HaloDatabase, now: Timestamp): ItemPlanner<AssetRecord> {
  return (reader) => {
    const errors: FieldError[] = []
    const { patch, fields, customFields } = readAssetPatch(db, reader, errors)
    const target = targetOf(reader, db.assets, 'Asset')
    if (target.error) return { ok: false, errors: [target.error] }
    const existing = target.record

    if (!existing) {
      if (!reader.has('client_id')) errors.push({ field: 'client_id', message: 'Client ID is required' })
      if (!reader.has('assettype_id'))
        errors.push({ field: 'assettype_id', message: 'Asset Type ID is required' })
    }
    checkReference(errors, 'client_id', 'Client', patch.client_id, (id) => db.clients.has(id))
    checkReference(errors, 'assettype_id', 'Asset Type', patch.assettype_id, (id) => db.assetTypes.has(id))
    checkReference(errors, 'site_id', 'Site', patch.site_id, (id) => db.sites.has(id))
    checkReference(errors, 'status_id', 'Asset Status', patch.status_id, (id) => db.assetStatuses.has(id))
    if (errors.length > 0) return { ok: false, errors }

    const clientId = (patch.client_id ?? existing?.client_id) as number
    const movesClient = !existing || (patch.client_id !== undefined && patch.client_id !== existing.client_id)
    if (patch.site_id === undefined && movesClient)
      patch.site_id = db.clients.get(clientId)?.main_site_id ?? null
    const siteId = patch.site_id === undefined ? existing?.site_id : patch.site_id
    const site = siteId === null || siteId === undefined ? undefined : db.sites.get(siteId)
    if (site && site.client_id !== clientId)
      errors.push({ field: 'site_id', message: `Site ID ${site.id} does not belong to client ${clientId}` })
    if (errors.length > 0) return { ok: false, errors }

    return {
      ok: true,
      apply: () => {
        const asset = existing ?? db.insertAsset(newAsset(patch, now))
        db.updateAsset(asset, {
          ...patch,
          dlastupdate: now,
          ...(fields ? { fields: mergeFields(asset.fields, fields) } : {}),
          ...(customFields ? { customfields: customFields(asset.customfields) } : {}),
        })
        return asset
      },
    }
  }
}

function readAssetPatch(db: HaloDatabase, reader: ItemReader, errors: FieldError[]) {
  const patch: AssetPatch = {}
  const set = <K extends keyof AssetPatch>(key: K, value: AssetPatch[K] | undefined) => {
    if (value !== undefined) patch[key] = value
  }
  for (const [field, label] of [
    ['client_id', 'Client ID'],
    ['assettype_id', 'Asset Type ID'],
  ] as const) {
    const id = reader.integer(field)
    if (id === null) errors.push({ field, message: `${label} is required` })
    set(field, id ?? undefined)
  }
  set('site_id', optionalLink(reader.integer('site_id')))
  set('status_id', reader.integer('status_id') ?? undefined)
  for (const field of [
    'inventory_number',
    'key_field',
    'key_field2',
    'key_field3',
    'username',
    'notes',
  ] as const)
    set(field, reader.text(field))
  set('inactive', reader.boolean('inactive') ?? undefined)
  set('warranty_end', reader.date('warranty_end'))
  return {
    patch,
    fields: readFieldValues(db, reader, errors),
    customFields: readCustomFields(db, CUSTOM_FIELD_USAGE.asset, reader, errors),
  }
}

function readFieldValues(db: HaloDatabase, reader: ItemReader, errors: FieldError[]) {
  const entries = reader.objects('fields')
  if (entries === undefined) return undefined
  const values: AssetFieldValue[] = []
  for (const entry of entries ?? []) {
    // `FieldHelper.id` is a non-nullable int32 in the spec (components.schemas.FieldHelper; `name` is only
    // nullable text beside it): an entry without it binds id 0, which names no field, so it is refused rather
    // than matched by name.
    const id = entry.id === undefined || entry.id === null ? 0 : entry.id
    const field = typeof id === 'number' ? db.assetFields.get(id) : undefined
    if (!field) {
      errors.push({ field: 'fields', message: `Asset field ${JSON.stringify(id)} does not exist` })
      continue
    }
    const value = entry.value
    values.push({ id: field.id, value: value === null || value === undefined ? null : String(value) })
  }
  return values
}

function mergeFields(stored: AssetFieldValue[], sent: AssetFieldValue[]): AssetFieldValue[] {
  const sentIds = new Set(sent.map((field) => field.id))
  return [...stored.filter((field) => !sentIds.has(field.id)), ...sent].sort((a, b) => a.id - b.id)
}

function newAsset(patch: AssetPatch, now: Timestamp): Omit<AssetRecord, 'id'> {
  return {
    inventory_number: null,
    key_field: null,
    key_field2: null,
    key_field3: null,
    client_id: patch.client_id as number,
    site_id: null,
    username: null,
    assettype_id: patch.assettype_id as number,
    status_id: DEFAULT_ASSET_STATUS_ID,
    inactive: false,
    warranty_end: null,
    notes: null,
    fields: [],
    customfields: [],
    dlastupdate: now,
  }
}
