import type { Row } from '../entities/entity.js'
import { dateTime, type Comparable, type Condition, type FieldRef } from './filter.js'

/**
 * Whether a record meets every condition (the top-level list is ANDed). Text compares without case, as the SQL
 * Server collation under Autotask does (unsourced: facts §2 "Case sensitivity … practical behaviour is
 * case-insensitive"). A field with no value meets only `notExist`: comparisons with null are unknown in SQL, so
 * `noteq` and `notIn` do not match it either (unsourced: chosen because the filters run as SQL).
 */
export function matchesAll(row: Row, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => matches(row, condition))
}

function matches(row: Row, condition: Condition): boolean {
  if (condition.kind === 'group') {
    return condition.op === 'and'
      ? condition.items.every((item) => matches(row, item))
      : condition.items.some((item) => matches(row, item))
  }
  const actual = fieldValue(row, condition.field)
  if (condition.op === 'notExist') return actual === undefined
  if (actual === undefined) return false
  switch (condition.op) {
    case 'exist':
      return true
    case 'in':
      return condition.values.some((value) => value === actual)
    case 'notIn':
      return condition.values.every((value) => value !== actual)
    case 'eq':
      return actual === condition.value
    case 'noteq':
      return actual !== condition.value
    case 'gt':
      return actual > condition.value
    case 'gte':
      return actual >= condition.value
    case 'lt':
      return actual < condition.value
    case 'lte':
      return actual <= condition.value
    case 'beginsWith':
      return String(actual).startsWith(String(condition.value))
    case 'endsWith':
      return String(actual).endsWith(String(condition.value))
    case 'contains':
      return String(actual).includes(String(condition.value))
  }
}

/**
 * The record's value read as the field's type; undefined when it has none: null or absent. Empty text is a value
 * (unsourced: chosen because SQL Server, under the API, tells '' from NULL).
 */
function fieldValue(row: Row, field: FieldRef): Comparable | undefined {
  const raw = field.udf ? udfValue(row, field.name) : row[field.name]
  if (raw === null || raw === undefined) return undefined
  switch (field.dataType) {
    case 'string':
      return String(raw).toLowerCase()
    case 'boolean':
      return raw === true || String(raw).toLowerCase() === 'true'
    case 'date':
    case 'datetime': {
      const time = typeof raw === 'string' ? dateTime(raw) : NaN
      return Number.isNaN(time) ? undefined : time
    }
    default:
      return typeof raw === 'number' ? raw : Number(raw)
  }
}

/** A record's UDFs: `userDefinedFields: [{name, value}]` (SWAGGER `UserDefinedField {Name, Value}`). */
function udfValue(row: Row, name: string): unknown {
  const udfs = row.userDefinedFields
  if (!Array.isArray(udfs)) return undefined
  const wanted = name.toLowerCase()
  const found = udfs.find(
    (udf: unknown) =>
      typeof udf === 'object' &&
      udf !== null &&
      String((udf as { name?: unknown }).name).toLowerCase() === wanted,
  ) as { value?: unknown } | undefined
  return found?.value
}
