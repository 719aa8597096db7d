import { castId, castObject, castText, hasField, isBlank } from '../body-fields.js'
import type { SyncroDatabase } from '../database.js'
import type { SyncroReply } from '../http-types.js'
import type { AssetRecord } from '../records.js'
import { recordInvalid, validationFailed, type FieldError } from '../vendor-errors.js'

export type AssetChanges = Partial<Omit<AssetRecord, 'id' | 'created_at' | 'updated_at'>>
export type AssetInput = { ok: true; changes: AssetChanges } | { ok: false; reply: SyncroReply }

/**
 * Reads a `POST /customer_assets` (create) or partial `PUT /customer_assets/{id}` body. The type is named by
 * `asset_type_id` (an existing type) or else `asset_type_name` (an existing type's exact name). Customer
 * references fail first ("Validation failed"), then model validations; a create's 422 echoes the params.
 */
export function readAssetInput(
  db: SyncroDatabase,
  body: Record<string, unknown>,
  creating: boolean,
): AssetInput {
  const referenceErrors = missingReferences(db, body, creating)
  if (referenceErrors.length > 0) return { ok: false, reply: validationFailed(referenceErrors) }

  const typeGiven = hasField(body, 'asset_type_id') || hasField(body, 'asset_type_name')
  const assetTypeId = typeGiven ? resolveAssetType(db, body) : undefined
  const name = castText(body.name)
  const messages = [
    ...((creating || typeGiven) && assetTypeId === undefined ? ["Asset type can't be blank"] : []),
    ...((creating || hasField(body, 'name')) && isBlank(name) ? ["Name can't be blank"] : []),
  ]
  if (messages.length > 0) return { ok: false, reply: recordInvalid(messages, creating ? body : undefined) }

  const changes: AssetChanges = {}
  if (hasField(body, 'name')) changes.name = name ?? ''
  if (assetTypeId !== undefined) changes.asset_type_id = assetTypeId
  if (hasField(body, 'customer_id')) changes.customer_id = castId(body.customer_id) as number
  if (hasField(body, 'contact_id')) changes.contact_id = castId(body.contact_id)
  if (hasField(body, 'asset_serial')) changes.asset_serial = castText(body.asset_serial)
  if (hasField(body, 'properties')) changes.properties = castObject(body.properties) ?? {}
  return { ok: true, changes }
}

function missingReferences(
  db: SyncroDatabase,
  body: Record<string, unknown>,
  creating: boolean,
): FieldError[] {
  const errors: FieldError[] = []
  const customerId = castId(body.customer_id)
  if ((creating || hasField(body, 'customer_id')) && customerId === null) {
    errors.push({ field: 'customer_id', message: 'is required' })
  } else if (customerId !== null && !db.customers.has(customerId)) {
    errors.push({ field: 'customer_id', message: 'does not exist' })
  }
  const contactId = castId(body.contact_id)
  if (contactId !== null && !db.contacts.has(contactId))
    errors.push({ field: 'contact_id', message: 'does not exist' })
  return errors
}

function resolveAssetType(db: SyncroDatabase, body: Record<string, unknown>): number | undefined {
  const id = castId(body.asset_type_id)
  if (id !== null) return db.assetTypes.has(id) ? id : undefined
  const name = castText(body.asset_type_name)
  return name === null ? undefined : db.assetTypeNamed(name)?.id
}
