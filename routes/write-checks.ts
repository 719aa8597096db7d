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
 * it requires (left out of a create, or null), and the custom fields sent against its definitions (read only when some are sent).
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
  for (const field of rules.requiredOnCreate ?? []) {
    const value = valueAt(body, field)
    if (value === null || (value === undefined && operation === 'create')) {
      throw validationFailed(`${adapter.vendor} requires '${field}'`, [
        { field, message: `required by ${adapter.vendor}: it cannot be left out of a create, nor cleared` },
      ])
    }
  }
  const writes = body.customFields as CustomFieldWrite[] | undefined
  if (writes === undefined || !hasCustomFields(resource)) return
  checkCustomFieldWrites(await adapter.reference.customFields(resource, ctx), writes)
}
