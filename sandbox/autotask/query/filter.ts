import { EntityError, type DataType, type FieldDefinition } from '../entities/entity.js'

// The JSON filter language of `/{Entity}/query` (HELP REST_Basic_Query_Calls.htm: comparison, non-comparison,
// list, UDF and grouping operators; SWAGGER `Filter {op, field, value, udf, items}`).

export type CompareOp =
  | 'eq'
  | 'noteq'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'beginsWith'
  | 'endsWith'
  | 'contains'
  | 'exist'
  | 'notExist'
  | 'in'
  | 'notIn'

/** A value read the field's way: numbers, epoch milliseconds for dates, booleans, lower-cased text. */
export type Comparable = number | boolean | string

export interface FieldRef {
  /** The record's own spelling of the field, or the UDF's name. */
  name: string
  udf: boolean
  dataType: DataType
}

export type Condition =
  | { kind: 'compare'; op: 'exist' | 'notExist'; field: FieldRef }
  | { kind: 'compare'; op: 'in' | 'notIn'; field: FieldRef; values: Comparable[] }
  | {
      kind: 'compare'
      op: Exclude<CompareOp, 'exist' | 'notExist' | 'in' | 'notIn'>
      field: FieldRef
      value: Comparable
    }
  | { kind: 'group'; op: 'and' | 'or'; items: Condition[] }

/** The entity a filter is read against: its fields, and the singular name Autotask's messages use. */
export interface FilterTarget {
  fields: readonly FieldDefinition[]
  /** The entity's user-defined fields (`/{Entity}/entityInformation/userDefinedFields`). */
  udfs: readonly FieldDefinition[]
  singularName: string
}

const COMPARE_OPS: readonly CompareOp[] = [
  'eq',
  'noteq',
  'gt',
  'gte',
  'lt',
  'lte',
  'beginsWith',
  'endsWith',
  'contains',
  'exist',
  'notExist',
  'in',
  'notIn',
]
const TEXT_OPS = new Set<CompareOp>(['beginsWith', 'endsWith', 'contains'])

/**
 * Reads a `filter` array (its entries ANDed, HELP "Grouping syntax for OR & AND") into conditions, refusing what
 * Autotask refuses with its 500. A condition whose operator Autotask does not know is dropped without a word, as
 * the live API does (WYRE-AI/autotask-mcp issue #193 / PR #282: `ne` returned every row); field names are read
 * without case (APIGRATE README "field names are not case sensitive").
 */
export function readFilter(raw: unknown, target: FilterTarget): Condition[] {
  if (!Array.isArray(raw)) throw refusal('The filter is missing or is not an array of conditions.')
  const conditions = raw.flatMap((node) => readNode(node, target))
  // HELP SOAP_Thresholds_Limits.htm, believed the same for REST (facts §2 "Limits").
  if (orConditions(conditions) > MAX_OR_CONDITIONS)
    throw refusal("Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.")
  return conditions
}

const MAX_OR_CONDITIONS = 500

/** The conditions joined by OR, at any depth. */
function orConditions(conditions: readonly Condition[]): number {
  return conditions.reduce(
    (sum, condition) =>
      condition.kind === 'group'
        ? sum + (condition.op === 'or' ? condition.items.length : 0) + orConditions(condition.items)
        : sum,
    0,
  )
}

function readNode(node: unknown, target: FilterTarget): Condition[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node))
    throw refusal('Each filter condition must be a JSON object.')
  const { op, field, value, udf, items } = lowerCaseKeys(node as Record<string, unknown>)
  // Operators are read as HELP spells them; another spelling (`EQ`, `NotExist`) is an operator Autotask does not
  // know, dropped as above (unsourced: chosen because no source shows another spelling accepted).
  if (op === 'and' || op === 'or') {
    // (unsourced: the refusal and its text chosen; no source shows an empty group)
    if (!Array.isArray(items) || items.length === 0)
      throw refusal(`The '${op}' condition needs a non-empty 'items' array.`)
    return [{ kind: 'group', op, items: items.flatMap((item) => readNode(item, target)) }]
  }
  const compare = COMPARE_OPS.find((known) => known === op)
  if (!compare) return []
  const ref = fieldRef(field, udf === true, target)
  if (compare === 'exist' || compare === 'notExist') return [{ kind: 'compare', op: compare, field: ref }]
  if (compare === 'in' || compare === 'notIn') {
    // (unsourced: the refusal of an empty list, and its text, chosen; HELP asks for a list of values)
    if (!Array.isArray(value) || value.length === 0)
      throw refusal(`The '${compare}' operator needs a non-empty array of values for field ${ref.name}.`)
    return [{ kind: 'compare', op: compare, field: ref, values: value.map((item) => comparable(item, ref)) }]
  }
  // Text matching on text fields only (unsourced: chosen because LIKE on a number has no documented meaning).
  if (TEXT_OPS.has(compare) && ref.dataType !== 'string')
    throw refusal(`The '${compare}' operator applies to text fields only, not to ${ref.name}.`)
  return [{ kind: 'compare', op: compare, field: ref, value: comparable(value, ref) }]
}

function fieldRef(field: unknown, udf: boolean, target: FilterTarget): FieldRef {
  if (typeof field !== 'string' || field.trim() === '') throw refusal('A filter condition has no field.')
  // A UDF condition names the UDF (APIGRATE README; HELP "UDF comparison operator"); one the entity does not
  // define is refused as an unknown field is (unsourced: chosen by analogy).
  const definition = (udf ? target.udfs : target.fields).find(
    (candidate) => candidate.name.toLowerCase() === field.toLowerCase(),
  )
  // WYRE-AI/autotask-mcp PR #282, live: "Unable to find projectID in the TimeEntry Entity".
  if (!definition) throw refusal(`Unable to find ${field} in the ${target.singularName} Entity`)
  if (udf) return { name: definition.name, udf: true, dataType: definition.dataType }
  // (unsourced text: chosen; the field definitions' own `isQueryable` says which fields a query may name.)
  if (!definition.isQueryable)
    throw refusal(`The ${definition.name} field of the ${target.singularName} Entity is not queryable.`)
  return { name: definition.name, udf: false, dataType: definition.dataType }
}

/**
 * A filter value read as its field's type. Booleans must be true or false, "any other values, including those
 * which are null, will return an error message" (HELP REST_Basic_Query_Calls.htm); the other refusals and their
 * texts are ours (unsourced: chosen because a value the database cannot convert fails the query).
 */
export function comparable(value: unknown, field: FieldRef): Comparable {
  const bad = () =>
    refusal(`The value ${JSON.stringify(value) ?? 'undefined'} is not valid for the field ${field.name}.`)
  if (value === null || value === undefined || typeof value === 'object') throw bad()
  switch (field.dataType) {
    case 'boolean': {
      if (typeof value === 'boolean') return value
      const text = String(value).toLowerCase()
      if (text === 'true' || text === 'false') return text === 'true'
      throw bad()
    }
    case 'integer':
    case 'long':
    case 'short':
    case 'decimal':
    case 'double': {
      // An integer flag takes true/false as 1/0: Datto's Postman collection filters Contacts `IsActive eq true`,
      // an int32 field (facts §9).
      if (typeof value === 'boolean' && field.dataType !== 'decimal' && field.dataType !== 'double')
        return value ? 1 : 0
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : NaN
      const whole = field.dataType === 'integer' || field.dataType === 'long' || field.dataType === 'short'
      if (!Number.isFinite(number) || (whole && !Number.isInteger(number))) throw bad()
      return number
    }
    case 'date':
    case 'datetime': {
      const time = typeof value === 'string' ? dateTime(value) : NaN
      if (Number.isNaN(time)) throw bad()
      return time
    }
    case 'string':
      return String(value).toLowerCase()
  }
}

/** Autotask's times are UTC (HELP _EntitiesOverview.htm), so a time without a zone is read as UTC. */
export function dateTime(text: string): number {
  const hasZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(text)
  const withTime = /^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00` : text
  return /^\d{4}-\d\d-\d\d/.test(text) ? Date.parse(hasZone ? withTime : `${withTime}Z`) : NaN
}

function lowerCaseKeys(node: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key.toLowerCase(), value]))
}

function refusal(message: string): EntityError {
  return new EntityError(500, [message])
}
