import type {
  CustomField,
  CustomFieldDefinition,
  CustomFieldType,
  CustomFieldValue,
  CustomFieldWrite,
} from '../../src/canonical/custom-field.js'
import type { CwCustomFieldValue, CwUserDefinedField } from './types.js'

/**
 * ConnectWise custom fields, both ways. Pure functions. A field is known by its definition's id, which stays when
 * its caption changes. Types (UserDefinedField's fieldTypeIdentifier, entryTypeIdentifier; pyconnectwise): a List or
 * Option entry takes one of the field's options (a captured write sets a List field to one option, "Skiing":
 * amp-labs/connectors test/write/contacts/scenario3), Checkbox true/false, Number, Percent and Currency a number,
 * Date a date, the rest text; a Button holds no value and is left out.
 */

function canonicalType(type: string | undefined, entry: string | undefined): CustomFieldType | undefined {
  if (type === 'Button') return undefined
  if (entry === 'List' || entry === 'Option') return 'select'
  if (type === 'Checkbox') return 'boolean'
  if (type === 'Number' || type === 'Percent' || type === 'Currency') return 'number'
  if (type === 'Date') return 'date'
  return 'text'
}

/** A definition in canonical form; undefined for a Button. Only active options can be chosen. */
export function customFieldDefinitionFromConnectWise(
  definition: CwUserDefinedField,
): CustomFieldDefinition | undefined {
  const type = canonicalType(definition.fieldTypeIdentifier, definition.entryTypeIdentifier)
  if (type === undefined) return undefined
  const options = [...(definition.options ?? [])]
    .filter((option) => option.inactiveFlag !== true && typeof option.optionValue === 'string')
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
    .map((option) => option.optionValue as string)
  return {
    id: String(definition.id),
    name: definition.caption ?? '',
    type,
    required: definition.requiredFlag === true,
    options: type === 'select' ? options : null,
  }
}

/** A date field's value as YYYY-MM-DD (ConnectWise answers a date-time at midnight). */
const dateOnly = (value: string) => (/^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value)

function valueFromConnectWise(type: CustomFieldType, value: CwCustomFieldValue['value']): CustomFieldValue {
  if (value === undefined || value === null || value === '') return null
  if (type === 'boolean') return typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true'
  if (type === 'number') {
    const number = typeof value === 'number' ? value : Number(value)
    return Number.isFinite(number) ? number : null
  }
  if (type === 'date') return dateOnly(String(value))
  return String(value)
}

/** A record's custom fields as read: each value element carries its field's type, so no definition is read. */
export function customFieldsFromConnectWise(
  values: readonly CwCustomFieldValue[] | undefined,
): CustomField[] {
  return (values ?? []).flatMap((field) => {
    const type = canonicalType(field.type, field.entryMethod)
    if (type === undefined) return []
    return [
      {
        id: String(field.id),
        name: field.caption ?? '',
        type,
        value: valueFromConnectWise(type, field.value),
      },
    ]
  })
}

/** A canonical value as ConnectWise takes it: a date as midnight UTC. */
function valueToConnectWise(type: CustomFieldType | undefined, value: CustomFieldValue) {
  if (typeof value === 'string' && type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return `${value}T00:00:00Z`
  return value
}

/**
 * The `customFields` a write sends. ConnectWise takes a record's whole set ("When working with custom fields, you
 * must pass the entire array of custom fields": its PATCH documentation, quoted in covenanttechnologysolutions/
 * connectwise-rest #53), so an update sends every current value with the written ones changed (`current`: the
 * record as read just before). A create sends the written ones only.
 */
export function customFieldsToConnectWise(
  current: readonly CwCustomFieldValue[],
  writes: readonly CustomFieldWrite[],
  definitions: readonly CustomFieldDefinition[],
): Array<{ id: number; value: unknown }> {
  const written = new Map(writes.map((write) => [write.id, write.value]))
  const kept = current.map((field) => ({
    id: field.id,
    value: written.has(String(field.id))
      ? valueToConnectWise(
          canonicalType(field.type, field.entryMethod),
          written.get(String(field.id)) ?? null,
        )
      : (field.value ?? null),
  }))
  const keptIds = new Set(current.map((field) => String(field.id)))
  const typeOf = (id: string) => definitions.find((definition) => definition.id === id)?.type
  const added = writes
    .filter((write) => !keptIds.has(write.id))
    .map((write) => ({ id: Number(write.id), value: valueToConnectWise(typeOf(write.id), write.value) }))
  return [...kept, ...added]
}

/**
 * The custom fields a write sends, merged into the record's current ones; undefined when it sets none. A field the
 * record does not carry yet (all of a create's) takes its type from `definitions`.
 */
export const customFieldsOf = (
  current: readonly CwCustomFieldValue[],
  writes: readonly CustomFieldWrite[] | undefined,
  definitions: readonly CustomFieldDefinition[],
) => (writes === undefined ? undefined : customFieldsToConnectWise(current, writes, definitions))
