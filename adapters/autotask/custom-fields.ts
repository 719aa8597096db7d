import type {
  CustomField,
  CustomFieldDefinition,
  CustomFieldType,
  CustomFieldValue,
  CustomFieldWrite,
} from '../../src/canonical/custom-field.js'
import type { AutotaskFieldInfo } from './api.js'
import type { AutotaskUdfValue } from './types.js'

/**
 * Autotask's user-defined fields (UDFs) as canonical custom fields, both ways. Pure functions. A UDF is known by its
 * name: records carry `userDefinedFields: [{name, value}]`, a query names one with `"udf": true`, and
 * `/{Entity}/entityInformation/userDefinedFields` defines them in the shape of the entity's own fields (vendors.md,
 * Autotask row; Autotask's "Advanced query features" page). Values travel as text; a list UDF holds its picklist
 * value, shown and written by its label.
 */

export interface AutotaskUdf {
  /** The UDF's name at Autotask, which records and queries use. */
  name: string
  definition: CustomFieldDefinition
  /** Picklist label -> stored value, for a list UDF. */
  valuesByLabel: ReadonlyMap<string, string>
}

/**
 * A UDF definition names its type `type` where the entity's fields say `dataType` (the facts' §5, Autotask's swagger
 * `Field` model): either is read.
 */
type UdfInfo = Partial<AutotaskFieldInfo> &
  Pick<AutotaskFieldInfo, 'name'> & { label?: string; type?: string }

function canonicalType(field: UdfInfo): CustomFieldType {
  if (field.isPickList) return 'select'
  switch ((field.dataType ?? field.type ?? '').toLowerCase()) {
    case 'integer':
    case 'long':
    case 'short':
    case 'decimal':
    case 'double':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'date':
      return 'date'
    case 'datetime':
      return 'datetime'
    default:
      return 'text'
  }
}

/**
 * A UDF's canonical id: its name, which may hold spaces ("Customer Reference"), with every run of characters a
 * custom field id cannot hold made one `_` ("Customer_Reference"); a later UDF whose id an earlier one took gets a
 * `.2`, `.3`… suffix, so each id names one UDF.
 */
function udfIds(names: readonly string[]): string[] {
  const taken = new Set<string>()
  return names.map((name) => {
    const base = name.replace(/[^A-Za-z0-9._:-]+/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'udf'
    let id = base
    for (let n = 2; taken.has(id); n++) id = `${base}.${n}`
    taken.add(id)
    return id
  })
}

/** An entity's UDF definitions in canonical form. */
export function udfsOf(fields: readonly UdfInfo[]): AutotaskUdf[] {
  const ids = udfIds(fields.map((field) => field.name))
  return fields.map((field, index) => udfOf(field, ids[index]!))
}

/** A UDF definition in canonical form; only active picklist values can be chosen. */
function udfOf(field: UdfInfo, id: string): AutotaskUdf {
  const type = canonicalType(field)
  const values = [...(field.picklistValues ?? [])]
    .filter((value) => value.isActive !== false)
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
  return {
    name: field.name,
    definition: {
      id,
      name: field.label ?? field.name,
      type,
      required: field.isRequired === true,
      options: type === 'select' ? values.map((value) => value.label) : null,
    },
    valuesByLabel: new Map(values.map((value) => [value.label, value.value])),
  }
}

const labelOf = (udf: AutotaskUdf, stored: string) =>
  [...udf.valuesByLabel].find(([, value]) => value === stored)?.[0] ?? stored

/** A stored UDF value in its canonical type; null when empty or unreadable. */
function valueFromAutotask(udf: AutotaskUdf, stored: string | null | undefined): CustomFieldValue {
  if (stored === null || stored === undefined || stored === '') return null
  switch (udf.definition.type) {
    case 'number': {
      const number = Number(stored)
      return Number.isFinite(number) ? number : null
    }
    case 'boolean':
      return stored === '1' || stored.toLowerCase() === 'true'
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(stored) ? stored.slice(0, 10) : null
    case 'select':
      return labelOf(udf, stored)
    default:
      return stored
  }
}

/** A record's custom fields: every UDF defined, in the definitions' order, null where the record holds none. */
export function customFieldsFromAutotask(
  values: readonly AutotaskUdfValue[] | null | undefined,
  udfs: readonly AutotaskUdf[],
): CustomField[] {
  const byName = new Map((values ?? []).map((value) => [value.name, value.value]))
  return udfs.map((udf) => ({
    id: udf.definition.id,
    name: udf.definition.name,
    type: udf.definition.type,
    value: valueFromAutotask(udf, byName.get(udf.name)),
  }))
}

/** A canonical value as Autotask stores it: text, a list UDF's picklist value (checked writes name a label). */
export function udfValueToAutotask(udf: AutotaskUdf | undefined, value: CustomFieldValue): string | null {
  if (value === null) return null
  if (udf?.definition.type === 'select' && typeof value === 'string')
    return udf.valuesByLabel.get(value) ?? value
  return Array.isArray(value) ? value.join(',') : String(value)
}

/** The `userDefinedFields` a write sends: the written ones only (a PATCH changes what it names: vendors.md). */
export function userDefinedFieldsOf(
  writes: readonly CustomFieldWrite[] | undefined,
  udfs: readonly AutotaskUdf[],
): AutotaskUdfValue[] | undefined {
  if (writes === undefined || writes.length === 0) return undefined
  const byId = new Map(udfs.map((udf) => [udf.definition.id, udf]))
  return writes.map((write) => {
    const udf = byId.get(write.id)
    return { name: udf?.name ?? write.id, value: udfValueToAutotask(udf, write.value) }
  })
}
