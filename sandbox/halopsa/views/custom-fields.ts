import { haloDateTime } from '../dates.js'
import type { HaloDatabase } from '../database.js'
import {
  CUSTOM_FIELD_TYPE,
  type CustomFieldRecord,
  type CustomFieldUsage,
  type CustomFieldValue,
} from '../records.js'

/**
 * A record's `customfields[]` (`CustomField` in the spec): every field of its kind, in id order, with `value` (null
 * where none is set) and `display`, the value as text (a selection's choice name). Name, label and type come from
 * the definition, so a renamed label shows through and the id stays. Our choice: lists and single records alike
 * carry them (the spec's lists have no parameter that includes them).
 */
export function customFieldsView(
  db: HaloDatabase,
  usage: CustomFieldUsage,
  stored: readonly CustomFieldValue[],
) {
  const values = new Map(stored.map((entry) => [entry.id, entry.value]))
  return db.customFieldsOf(usage).map((field) => {
    const value = valueView(field, values.get(field.id) ?? null)
    return {
      id: field.id,
      name: field.name,
      label: field.label,
      type: field.type,
      inputtype: field.inputtype,
      value,
      display: displayOf(field, value),
    }
  })
}

function valueView(field: CustomFieldRecord, value: CustomFieldValue['value']) {
  return field.type === CUSTOM_FIELD_TYPE.date && typeof value === 'string' ? haloDateTime(value) : value
}

function displayOf(field: CustomFieldRecord, value: CustomFieldValue['value']): string | null {
  if (value === null) return null
  if (field.type === CUSTOM_FIELD_TYPE.singleSelection)
    return field.values.find((choice) => choice.id === value)?.name ?? null
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return String(value)
}

/**
 * A definition as GET /FieldInfo answers it (`FieldInfo` in the spec); a selection's `values` (`Lookup`: `id`,
 * `name`) only when asked for (`includevalues` on the list, `getlookupvalues` on one). `usage` says which kind of
 * record the field is on (our reading of that property: the spec does not describe it; see CUSTOM_FIELD_USAGE).
 */
export function fieldInfoView(field: CustomFieldRecord, withValues: boolean) {
  return {
    id: field.id,
    name: field.name,
    label: field.label,
    type: field.type,
    inputtype: field.inputtype,
    usage: field.usage,
    ...(withValues ? { values: field.values.map(({ id, name }) => ({ id, name })) } : {}),
  }
}
