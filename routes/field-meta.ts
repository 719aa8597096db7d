import type { TObject, TSchema } from '@sinclair/typebox'
import type { WriteRules } from '../adapters/types.js'
import { RecordId } from '../src/canonical/common.js'
import type { AllowedValue, FieldMeta } from '../src/canonical/field-meta.js'

/** The values of fields a connection's reference data lists (statusId: its statuses), by field name. */
export type ValuesByField = Readonly<Record<string, AllowedValue[]>>

/** The list a record id field's ids come from. */
const LOOKUPS: Readonly<Record<string, string>> = {
  customerId: 'customers',
  contactId: 'contacts',
  assigneeId: 'agents',
  agentId: 'agents',
}

interface Described {
  schema: TSchema
  nullable: boolean
}

/** A Nullable(X) as X and whether it takes null (written `type: [X, 'null']` or as a union with null). */
function unwrapped(schema: TSchema): Described {
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((type) => type !== 'null')
    return { schema: { ...schema, type: types[0] }, nullable: types.length < schema.type.length }
  }
  const branches = (schema.anyOf ?? schema.oneOf) as TSchema[] | undefined
  if (branches) {
    const others = branches.filter((branch) => branch.type !== 'null')
    if (others.length === 1) return { schema: others[0]!, nullable: others.length < branches.length }
  }
  return { schema, nullable: false }
}

function typeOf(schema: TSchema): FieldMeta['type'] {
  if (schema.type === 'object') return 'object'
  if (schema.type === 'boolean') return 'boolean'
  if (schema.type === 'integer') return 'integer'
  if (schema.format === 'date-time') return 'date-time'
  if (schema.format === 'multi-line') return 'text'
  if (schema.pattern === RecordId.pattern) return 'id'
  return 'string'
}

const enumValues = (schema: TSchema): AllowedValue[] | null =>
  Array.isArray(schema.enum)
    ? (schema.enum as unknown[])
        .filter((value): value is string => typeof value === 'string')
        .map((value) => ({ id: value, name: value, boardId: null }))
    : null

/**
 * The fields a create or update schema takes at one connection, in the schema's order: what its vendor cannot
 * store left out, what it requires marked so, with the values its reference data allows. Objects are listed,
 * then their fields dotted (address, address.city). Custom fields have their own list.
 */
export function describeFields(
  body: TObject,
  operation: 'create' | 'update',
  rules: WriteRules,
  values: ValuesByField,
  prefix = '',
  parentRequired: readonly string[] = body.required ?? [],
): FieldMeta[] {
  const fields: FieldMeta[] = []
  for (const [key, property] of Object.entries(body.properties)) {
    const name = `${prefix}${key}`
    const unwritable = { ...rules.unwritable, ...(operation === 'update' ? rules.unwritableOnUpdate : {}) }
    if (name === 'customFields' || unwritable[name] !== undefined) continue
    const { schema, nullable } = unwrapped(property)
    const vendorRequires = (rules.requiredOnCreate ?? []).includes(name)
    const required = parentRequired.includes(key) || (operation === 'create' && vendorRequires)
    const type = typeOf(schema)
    fields.push({
      name,
      type,
      required,
      // What the vendor requires, it keeps: null is refused on an update too (routes/write-checks.ts).
      clearable: nullable && !vendorRequires,
      maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : null,
      values: values[name] ?? enumValues(schema),
      lookup: LOOKUPS[name] ?? null,
    })
    if (type === 'object') {
      fields.push(
        ...describeFields(schema as TObject, operation, rules, values, `${name}.`, schema.required ?? []),
      )
    }
  }
  return fields
}
