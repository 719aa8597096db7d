import type { Adapter, CallContext, WritableResource } from '../adapters/types.js'
import { hasCustomFields, type CustomFieldWrite } from '../src/canonical/custom-field.js'
import { unsupportedField, validationFailed } from '../src/errors.js'
import { checkCustomFieldWrites } from '../src/mapping/custom-fields.js'

/** `address.country` in `{ address: { country } }`. */
const valueAt = (body: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      body,
    )

/**
 * What the connection's vendor makes of a write, checked before any call: a field it has no place for, a field
 * it requires, and the custom fields sent against its definitions (read only when some are sent).
 */
export async function checkVendorWrite(
  adapter: Adapter,
  resource: WritableResource,
  operation: 'create' | 'update',
  body: Record<string, unknown>,
  ctx: CallContext,
): Promise<void> {
  const rules = adapter.writeRules[resource] ?? {}
  const unwritable = { ...rules.unwritable, ...(operation === 'update' ? rules.unwritableOnUpdate : {}) }
  for (const [field, why] of Object.entries(unwritable)) {
    const value = valueAt(body, field)
    if (value !== undefined && value !== null) throw unsupportedField(adapter.vendor, field, why)
  }
  if (operation === 'create') {
    for (const field of rules.requiredOnCreate ?? []) {
      if (valueAt(body, field) === undefined) {
        throw validationFailed(`${adapter.vendor} requires '${field}'`, [
          { field, message: `required by ${adapter.vendor}` },
        ])
      }
    }
  }
  const writes = body.customFields as CustomFieldWrite[] | undefined
  if (writes === undefined || !hasCustomFields(resource)) return
  checkCustomFieldWrites(await adapter.reference.customFields(resource, ctx), writes)
}
