// The fields a resource's answers carry, with their types: what `conditions`, `orderBy` and `fields` may name.
// A field that is null in one record is still a known field (the vendor omits it from that record's JSON).

export type ValueType = 'integer' | 'number' | 'string' | 'boolean' | 'datetime'

/**
 * `array`: a list (`customFields`, a company's `types`), projected whole and never compared. `scalar`: a value of
 * any one of the value types (a custom field's `value`), compared as the literal it meets says; never ordered by.
 */
export type FieldType = ValueType | 'scalar' | 'array'

export interface FieldSchema {
  readonly [name: string]: FieldType | FieldSchema
}

export type JsonObject = Record<string, unknown>

export interface ResolvedField {
  /** The vendor's spelling, e.g. `['_info', 'lastUpdated']` for `LASTUPDATED`. */
  path: string[]
  type: FieldType | FieldSchema
}

const INFO = '_info'

/**
 * Resolves a path of names case-insensitively, as the vendor does. A top-level name that is not a field of its
 * own also finds the `_info` field of that name (`lastUpdated` is `_info/lastUpdated`).
 */
export function resolveField(schema: FieldSchema, names: readonly string[]): ResolvedField | undefined {
  const path: string[] = []
  let type: FieldType | FieldSchema = schema
  for (const name of names) {
    if (typeof type === 'string') return undefined
    const key = findKey(type, name)
    if (key === undefined) return names.length === 1 ? infoField(schema, name) : undefined
    path.push(key)
    type = type[key] as FieldType | FieldSchema
  }
  return path.length > 0 ? { path, type } : undefined
}

export function isValueType(type: FieldType | FieldSchema): type is ValueType {
  return typeof type === 'string' && type !== 'array' && type !== 'scalar'
}

/** The value at a resolved path; undefined when any step is absent. */
export function valueAt(record: JsonObject, path: readonly string[]): unknown {
  let value: unknown = record
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
    value = (value as JsonObject)[key]
  }
  return value
}

function infoField(schema: FieldSchema, name: string): ResolvedField | undefined {
  const info = schema[INFO]
  if (info === undefined || typeof info === 'string') return undefined
  const key = findKey(info, name)
  return key === undefined ? undefined : { path: [INFO, key], type: info[key] as FieldType | FieldSchema }
}

function findKey(schema: FieldSchema, name: string): string | undefined {
  const lower = name.toLowerCase()
  return Object.keys(schema).find((key) => key.toLowerCase() === lower)
}
