import type {
  CustomField,
  CustomFieldDefinition,
  CustomFieldType,
  CustomFieldValue,
  CustomFieldWrite,
} from '../../src/canonical/custom-field.js'
import { validationFailed } from '../../src/errors.js'
import type { SyncroField } from './types.js'

// Syncro's custom fields (pure functions, no I/O). Definitions come from GET /settings: `ticket.ticket_type_fields`
// (each of a ticket type), `customers.customer_fields`, `assets.asset_type_fields` (each of an asset type), in the
// shape of the spec's `ticket_fields[]` (POST /tickets example). A record keeps its values in `properties`, keyed by
// the field's name (the same example). The canonical id is the definition's id, which stays when an administrator
// renames the field; the name only finds the value. Syncro filters no list by a custom field.

/** A definition as the gateway keeps it (in the reference cache: plain JSON), with the record kind it belongs to. */
export interface SyncroCustomField {
  definition: CustomFieldDefinition
  /** The ticket type or asset type whose records have it; null for customer fields. */
  ownerId: number | null
}

/** Syncro's kinds: `text_field` and `select_box` are the spec's; the others are the names no source contradicts. */
const TYPES: Record<string, CustomFieldType> = {
  text_field: 'text',
  text_area: 'text',
  select_box: 'select',
  check_box: 'boolean',
  date_field: 'date',
  number_field: 'number',
}

/** A kind no source names is kept as text: its value is shown as the text Syncro holds. */
export function syncroCustomFieldOf(field: SyncroField, ownerId: number | null = null): SyncroCustomField {
  const type = TYPES[field.field_type ?? ''] ?? 'text'
  const options = (field.answers ?? [])
    .map((answer) => answer.content)
    .filter((content): content is string => typeof content === 'string')
  return {
    definition: {
      id: String(field.id),
      name: field.name ?? String(field.id),
      type,
      required: field.required === true,
      options: type === 'select' ? options : null,
    },
    ownerId,
  }
}

const TRUE_TEXTS = new Set(['1', 'true', 'yes', 'on'])
const FALSE_TEXTS = new Set(['0', 'false', 'no', 'off'])

/** A stored value as its field's type; null when unset or not readable as that type. */
export function customFieldValue(type: CustomFieldType, raw: unknown): CustomFieldValue {
  if (raw === undefined || raw === null || raw === '') return null
  const text =
    typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null
  if (text === null) return null
  switch (type) {
    case 'number': {
      const number = typeof raw === 'number' ? raw : Number(text.trim())
      return text.trim() !== '' && Number.isFinite(number) ? number : null
    }
    case 'boolean':
      if (TRUE_TEXTS.has(text.trim().toLowerCase())) return true
      return FALSE_TEXTS.has(text.trim().toLowerCase()) ? false : null
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : null
    default:
      return text
  }
}

/** The record's custom fields: every field of its kind, valued from `properties` by name (null when unset). */
export function customFieldsOf(
  properties: Record<string, unknown> | null | undefined,
  fields: readonly SyncroCustomField[],
): CustomField[] {
  return fields.map(({ definition }) => ({
    id: definition.id,
    name: definition.name,
    type: definition.type,
    value: customFieldValue(definition.type, properties?.[definition.name]),
  }))
}

/**
 * A value as Syncro keeps it: a number as a JSON number (the spec's asset example holds `"OS": 4`), a check box as
 * "1" or "0" (what Syncro's web form posts: our reading, no source shows one), the rest as text.
 */
function syncroValue(type: CustomFieldType, value: Exclude<CustomFieldValue, null>): unknown {
  if (type === 'boolean') return value === true ? '1' : '0'
  return type === 'number' ? value : String(value)
}

/**
 * `properties` after the writes (already checked against the definitions by the core): set by name, a null removed.
 * Syncro replaces the whole object on a write, so `current` (the record's properties today) is sent back with them.
 */
export function propertiesWith(
  current: Record<string, unknown>,
  writes: readonly CustomFieldWrite[],
  fields: readonly SyncroCustomField[],
): Record<string, unknown> {
  const properties = { ...current }
  for (const write of writes) {
    const { definition } = fieldNamed(write.id, fields)
    if (write.value === null) delete properties[definition.name]
    else properties[definition.name] = syncroValue(definition.type, write.value)
  }
  return properties
}

function fieldNamed(id: string, fields: readonly SyncroCustomField[]): SyncroCustomField {
  const field = fields.find((candidate) => candidate.definition.id === id)
  // The core checked every id against these definitions before the call.
  if (!field) throw new Error(`syncro custom field ${id} is not defined`)
  return field
}

/**
 * The ticket type or asset type the written fields belong to: one, or a 400 naming the fields of another. `ownerId`
 * is the record's own (undefined on a create that names none: the fields' own type is then the record's).
 */
export function ownerOfWrites(
  writes: readonly CustomFieldWrite[],
  fields: readonly SyncroCustomField[],
  ownerId: number | null | undefined,
  kind: string,
): number | null | undefined {
  const owners = [...new Set(writes.map((write) => fieldNamed(write.id, fields).ownerId))]
  const owner = ownerId ?? owners[0]
  const strangers = writes.filter((write) => fieldNamed(write.id, fields).ownerId !== owner)
  if (strangers.length > 0) {
    throw validationFailed(
      `custom fields of another ${kind}: ${strangers.map((write) => write.id).join(', ')}`,
      strangers.map((write) => ({
        field: `customFields.${write.id}`,
        message: `belongs to another ${kind} than the record's`,
      })),
    )
  }
  return owner
}
