import type {
  CustomField,
  CustomFieldDefinition,
  CustomFieldResource,
  CustomFieldType,
  CustomFieldWrite,
} from '../../src/canonical/custom-field.js'
import { validationFailed } from '../../src/errors.js'
import { noMatch } from '../../src/mapping/reference-match.js'
import type { HaloCustomField, HaloFieldInfo } from './types.js'

/**
 * The `typeid` GET /FieldInfo lists one kind of record's custom fields by: 1 tickets, 2 clients, 5 assets
 * (redanthrax/halopsa-node docs/field-info.md, which also gives 3 for sites); 4 for end-users is our reading of
 * the gap in that numbering, which follows Halo's table ids (no source shows it).
 */
export const HALO_FIELD_TYPE_IDS: Record<CustomFieldResource, number> = {
  tickets: 1,
  customers: 2,
  contacts: 4,
  assets: 5,
}

/**
 * `FieldInfo.type` and `.inputtype` as canonical types. The type codes follow the order of the HaloPSA guide's
 * custom field table (halopsa.com guides kbid 1938: Text 0, Memo 1, Single Selection 2, Multiple Selection 3,
 * Date 4, Time 5, Checkbox 6); a text field's input type says a number (1 integer, 4 decimal). Both sets of numbers
 * are inferred, no source shows them: types the adapter cannot read for certain (multiple selection, time, the
 * rest) are left out of the definitions and the records' values rather than guessed.
 */
function canonicalType(field: {
  type?: number | null
  inputtype?: number | null
}): CustomFieldType | undefined {
  switch (field.type) {
    case 0:
      return field.inputtype === 1 || field.inputtype === 4 ? 'number' : 'text'
    case 1:
      return 'text'
    case 2:
      return 'select'
    case 4:
      return 'date'
    case 6:
      return 'boolean'
    default:
      return undefined
  }
}

const labelOf = (field: { id: number; label?: string | null; name?: string | null }) =>
  field.label?.trim() || field.name?.trim() || String(field.id)

const choiceNames = (info: HaloFieldInfo) =>
  (info.values ?? []).flatMap((choice) => (choice.name ? [choice.name] : []))

/** The definitions of the fields the adapter reads and writes; a selection's options are its choices' names. */
export function customFieldDefinitionsFromHalo(infos: readonly HaloFieldInfo[]): CustomFieldDefinition[] {
  return infos.flatMap((info) => {
    const type = canonicalType(info)
    if (type === undefined) return []
    return [
      {
        id: String(info.id),
        name: labelOf(info),
        type,
        required: info.mandatory === true,
        options: type === 'select' ? choiceNames(info) : null,
      },
    ]
  })
}

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/

function valueFromHalo(type: CustomFieldType, field: HaloCustomField): CustomField['value'] {
  const { value } = field
  if (value === null || value === undefined || value === '') return null
  switch (type) {
    case 'number': {
      const number = Number(value)
      return Number.isFinite(number) ? number : null
    }
    case 'boolean':
      return value === true || value === 1 || /^(true|1)$/i.test(String(value))
    case 'date':
      return DATE_PREFIX.exec(String(value))?.[0] ?? null
    case 'select':
      return field.display ?? null
    default:
      return String(value)
  }
}

/**
 * A record's `customfields[]` as canonical values, read from the record alone (each entry carries its type):
 * numbers Halo keeps as text become numbers, a date its calendar day, a selection its choice's name.
 */
export function customFieldsFromHalo(fields: readonly HaloCustomField[] | null | undefined): CustomField[] {
  return (fields ?? []).flatMap((field) => {
    const type = canonicalType(field)
    return type === undefined
      ? []
      : [{ id: String(field.id), name: labelOf(field), type, value: valueFromHalo(type, field) }]
  })
}

/** A text field whose input type (1, see canonicalType) takes whole numbers only. */
const INTEGER_INPUT = 1

/**
 * Canonical custom field writes (already checked against the definitions) as Halo's `customfields[]`,
 * `[{id, value}]`: a selection's option name becomes its choice's id, null clears, the rest goes as it is; a
 * fraction for a whole-number field is refused here, the canonical type being only `number`.
 */
export function haloCustomFieldWrites(
  writes: readonly CustomFieldWrite[],
  infos: readonly HaloFieldInfo[],
): Array<{ id: number; value: unknown }> {
  return writes.map(({ id, value }) => {
    const info = infos.find((candidate) => String(candidate.id) === id)
    if (
      info?.type === 0 &&
      info.inputtype === INTEGER_INPUT &&
      typeof value === 'number' &&
      !Number.isSafeInteger(value)
    ) {
      throw validationFailed(`halopsa: '${labelOf(info)}' takes a whole number`, [
        { field: `customFields.${id}`, message: `'${labelOf(info)}' takes a whole number` },
      ])
    }
    if (value === null || info === undefined || canonicalType(info) !== 'select')
      return { id: Number(id), value }
    const choice = info.values?.find((candidate) => candidate.name === value)
    if (typeof choice?.id !== 'number')
      throw noMatch('halopsa', `customFields.${id}`, String(value), 'options')
    return { id: Number(id), value: choice.id }
  })
}
