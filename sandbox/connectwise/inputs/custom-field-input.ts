import type { CustomFieldScreen } from '../custom-field-screens.js'
import { formatTimestamp, parseTimestamp } from '../dates.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type { CustomFieldValue, CustomFieldValues, UserDefinedFieldRecord } from '../records.js'
import type { Validation } from './validation.js'

// `customFields` in a write. ConnectWise's PATCH documentation (quoted in covenanttechnologysolutions/connectwise-rest
// pull request #53): "When working with custom fields, you must pass the entire array of custom fields": the array
// sent is the record's whole set, so a field it leaves out is cleared. An element names its definition by `id`;
// the `caption`, `type` and `entryMethod` it may carry are the definition's to say and are ignored (a captured
// PATCH sends `{"id": 59, "value": false}` alone: amp-labs/connectors test/write/contacts/scenario3/put-as-patch.json).
// How the vendor treats a value of the wrong kind no public source shows; the emulator refuses it (400 naming the
// field), so a client that works here sends what each type holds.

/** The record's values in request form (every definition of its screen, in order): what a JSON Patch applies to. */
export function customFieldsInput(
  db: ConnectWiseDatabase,
  screen: CustomFieldScreen,
  values: CustomFieldValues,
): JsonObject[] {
  return db.customFieldsOf(screen.screenId).map((definition) => ({
    id: definition.id,
    value: values[definition.id] ?? null,
  }))
}

/**
 * A write's custom field values. Absent from a create: each List or Option field takes its default option, the
 * rest are empty (a captured new contact holds its List field's default: amp-labs/connectors test/write/contacts/
 * new.json, field 16 "is_synced").
 */
export function readCustomFields(
  check: Validation,
  db: ConnectWiseDatabase,
  screen: CustomFieldScreen,
  sent: unknown,
): CustomFieldValues {
  const definitions = db.customFieldsOf(screen.screenId)
  if (sent === undefined) return defaultValues(definitions)
  if (sent === null) return {}
  if (!Array.isArray(sent)) {
    check.fail('InvalidArgument', 'customFields', 'customFields must be a list of {"id": 5, "value": ...}.')
    return {}
  }
  const values: CustomFieldValues = {}
  const seen = new Set<number>()
  for (const element of sent) {
    const id = elementId(element)
    const definition = definitions.find((candidate) => candidate.id === id)
    if (id === undefined || definition === undefined) {
      check.fail(
        'InvalidArgument',
        'customFields',
        id === undefined
          ? 'Each custom field must be an object with the id of its definition.'
          : `There is no custom field ${id} on the ${screen.screenDescription} screen.`,
      )
      continue
    }
    if (seen.has(id)) {
      check.fail('InvalidArgument', 'customFields', `Custom field ${id} is given twice.`)
      continue
    }
    seen.add(id)
    const value = readValue(definition, (element as JsonObject).value)
    if (typeof value === 'object') check.fail('InvalidArgument', 'customFields', value.problem)
    else if (value !== undefined) values[id] = value
  }
  return values
}

function elementId(element: unknown): number | undefined {
  if (typeof element !== 'object' || element === null || Array.isArray(element)) return undefined
  const { id } = element as JsonObject
  if (typeof id === 'number' && Number.isSafeInteger(id)) return id
  return typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : undefined
}

function defaultValues(definitions: readonly UserDefinedFieldRecord[]): CustomFieldValues {
  const values: CustomFieldValues = {}
  for (const definition of definitions) {
    const option = definition.options.find((candidate) => candidate.defaultFlag && !candidate.inactiveFlag)
    if (option) values[definition.id] = option.optionValue
  }
  return values
}

type ReadValue = CustomFieldValue | undefined | { problem: string }

/**
 * One value as its definition's type holds it; null, absent or blank text clears it. A List or Option field takes
 * one of its active options (matched case-insensitively, stored in the option's spelling: the captured PATCH writes
 * "Skiing" to a List field); Checkbox true or false; Number, Percent and Currency a number, rounded to the field's
 * decimals; Date a date or date-time, kept in the vendor's format; the rest text.
 */
function readValue(definition: UserDefinedFieldRecord, value: unknown): ReadValue {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return undefined
  const named = `Custom field ${definition.id} ("${definition.caption}", ${definition.fieldTypeIdentifier})`
  if (definition.options.length > 0) {
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).toLowerCase() : ''
    const option = definition.options.find(
      (candidate) => !candidate.inactiveFlag && candidate.optionValue.toLowerCase() === text,
    )
    if (option) return option.optionValue
    const choices = definition.options.filter((candidate) => !candidate.inactiveFlag)
    return { problem: `${named} must be one of ${choices.map((choice) => choice.optionValue).join(', ')}.` }
  }
  switch (definition.fieldTypeIdentifier) {
    case 'Checkbox':
      return typeof value === 'boolean' ? value : { problem: `${named} must be true or false.` }
    case 'Number':
    case 'Percent':
    case 'Currency': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { problem: `${named} must be a number.` }
      const scale = 10 ** definition.numberDecimals
      return Math.round(value * scale) / scale
    }
    case 'Date': {
      const ms = typeof value === 'string' ? parseTimestamp(value) : undefined
      return ms === undefined
        ? { problem: `${named} must be a date like 2025-01-31T00:00:00Z.` }
        : formatTimestamp(ms)
    }
    default:
      return typeof value === 'string' ? value : { problem: `${named} must be text.` }
  }
}
