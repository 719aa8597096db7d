import type { AutotaskDatabase } from '../database.js'
import type { UserDefinedFieldValue } from '../records.js'
import type { FieldDefinition } from './entity.js'
import { refused } from './writes.js'

/**
 * A record's `userDefinedFields` after a write that gave `given` (`[{ name, value }]`, the shape records carry:
 * KerkhoffTechnologies/django-autotask fixtures, apigrate/autotask-restapi README): every field the entity
 * defines, the named ones set, the others as they were. Values are text, as Autotask answers them.
 */
export function userDefinedValues(
  db: AutotaskDatabase,
  entity: string,
  given: unknown,
  current: readonly UserDefinedFieldValue[],
): UserDefinedFieldValue[] {
  const defined = db.userDefinedFields[entity] ?? []
  const values = new Map(defined.map((field) => [field.name, null as string | null]))
  for (const { name, value } of current) if (values.has(name)) values.set(name, value)
  if (given === undefined) return [...values].map(([name, value]) => ({ name, value }))
  if (!Array.isArray(given)) throw refused('Invalid value for field userDefinedFields')
  for (const item of given) {
    const { name, value } = (item ?? {}) as { name?: unknown; value?: unknown }
    // (unsourced: chosen because no source quotes the answer to a UDF the entity does not define)
    if (typeof name !== 'string' || !values.has(name)) throw refused(`Unable to find UDF ${String(name)}`)
    values.set(name, value === null || value === undefined ? null : String(value))
  }
  return [...values].map(([name, value]) => ({ name, value }))
}

/** What an update changes of a record's UDFs: nothing when its body names none (a PATCH changes what it names). */
export const userDefinedUpdate = (
  db: AutotaskDatabase,
  entity: string,
  body: Record<string, unknown>,
  current: readonly UserDefinedFieldValue[],
): { userDefinedFields?: UserDefinedFieldValue[] } =>
  body.userDefinedFields === undefined
    ? {}
    : { userDefinedFields: userDefinedValues(db, entity, body.userDefinedFields, current) }

/**
 * A UDF as `/{Entity}/entityInformation/userDefinedFields` answers it: SWAGGER's `Field` model, which names the type
 * `type` (not `dataType`) and adds `label`, `description` and `defaultValue` (facts §5; django-autotask fixture
 * API_UDF `{name, label, type, length, isPickList, picklistValues}`). The sandbox's UDFs are labelled by their name
 * and have no description or default (unsourced: chosen, the account defines those).
 */
export function udfInformation(field: FieldDefinition) {
  const { dataType, ...rest } = field
  return { ...rest, label: field.name, type: dataType, description: null, defaultValue: null }
}
