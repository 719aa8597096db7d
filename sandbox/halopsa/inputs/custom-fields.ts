import { toTimestamp } from '../../shared/dates.js'
import type { HaloDatabase } from '../database.js'
import { parseHaloDate } from '../dates.js'
import {
  CUSTOM_FIELD_TYPE,
  TEXT_INPUT_TYPE,
  type CustomFieldRecord,
  type CustomFieldUsage,
  type CustomFieldValue,
} from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import type { ItemReader } from './item-reader.js'

/**
 * `customfields[]` of a write (`CustomField` in the spec: `id`, `name`, `value`): each entry names a field of the
 * record's kind by `id` or by `name` (the API name, `CF…`, matched case-insensitively as SQL Server compares) and
 * carries its `value`, converted by the field's type (customFieldValue). Sent values replace the stored ones of
 * the same field and the others stay (our choice: Halo updates the fields it is sent); null or "" clears one.
 * A field that does not exist for this kind of record, or a value its type refuses, is a validation error.
 */
export function readCustomFields(
  db: HaloDatabase,
  usage: CustomFieldUsage,
  reader: ItemReader,
  errors: FieldError[],
): ((stored: CustomFieldValue[]) => CustomFieldValue[]) | undefined {
  const entries = reader.objects('customfields')
  if (entries === undefined) return undefined
  const fields = db.customFieldsOf(usage)
  const sent = new Map<number, CustomFieldValue['value']>()
  for (const entry of entries ?? []) {
    const field = findField(fields, entry)
    if (!field) {
      const named = entry.id ?? entry.name
      errors.push({
        field: 'customfields',
        message: `Custom field ${JSON.stringify(named ?? null)} does not exist`,
      })
      continue
    }
    const converted = customFieldValue(field, entry.value)
    if ('error' in converted)
      errors.push({ field: 'customfields', message: `${field.name}: ${converted.error}` })
    else sent.set(field.id, converted.value)
  }
  return (stored) => {
    const kept = stored.filter((value) => !sent.has(value.id))
    const set = [...sent].flatMap(([id, value]) => (value === null ? [] : [{ id, value }]))
    return [...kept, ...set].sort((a, b) => a.id - b.id)
  }
}

function findField(
  fields: CustomFieldRecord[],
  entry: Record<string, unknown>,
): CustomFieldRecord | undefined {
  const id = typeof entry.id === 'string' && /^\s*\d+\s*$/.test(entry.id) ? Number(entry.id) : entry.id
  if (typeof id === 'number' && id > 0) return fields.find((field) => field.id === id)
  if (typeof entry.name !== 'string') return undefined
  const name = entry.name.trim().toLowerCase()
  return fields.find((field) => field.name.toLowerCase() === name)
}

type Converted = { value: CustomFieldValue['value'] } | { error: string }

/**
 * A value as the field's type stores it. Text and memo fields keep text (a number or boolean sent becomes its text;
 * an integer or decimal text field refuses text that is not one, and keeps the number as text, as the column is
 * text); a checkbox takes a boolean, 0/1 or "true"/"false"; a date takes an ISO date or date-time (stored as an
 * instant); a single selection takes the id of one of its values. Objects and arrays are refused everywhere.
 */
export function customFieldValue(field: CustomFieldRecord, raw: unknown): Converted {
  if (raw === null || raw === undefined || raw === '') return { value: null }
  if (typeof raw === 'object') return { error: 'a custom field value must be a single value' }
  const text = String(raw).trim()
  switch (field.type) {
    case CUSTOM_FIELD_TYPE.checkbox: {
      const lower = text.toLowerCase()
      if (lower === 'true' || lower === '1') return { value: true }
      if (lower === 'false' || lower === '0') return { value: false }
      return { error: `'${text}' is not a checkbox value` }
    }
    case CUSTOM_FIELD_TYPE.date: {
      const ms = typeof raw === 'string' ? parseHaloDate(raw) : undefined
      return ms === undefined ? { error: `'${text}' is not a date` } : { value: toTimestamp(ms) }
    }
    case CUSTOM_FIELD_TYPE.singleSelection: {
      const choice = field.values.find((value) => String(value.id) === text)
      return choice ? { value: choice.id } : { error: `'${text}' is not one of its values` }
    }
    default:
      if (field.inputtype === TEXT_INPUT_TYPE.integer && !/^-?\d+$/.test(text))
        return { error: `'${text}' is not a whole number` }
      if (field.inputtype === TEXT_INPUT_TYPE.decimal && !/^-?\d+(\.\d+)?$/.test(text))
        return { error: `'${text}' is not a number` }
      return { value: typeof raw === 'string' ? raw : text }
  }
}
