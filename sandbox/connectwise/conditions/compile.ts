import { compareText, foldCase } from '../collation.js'
import {
  isValueType,
  resolveField,
  valueAt,
  type FieldSchema,
  type JsonObject,
  type ValueType,
} from '../field-schema.js'
import type { ComparisonOperator, ConditionNode, Literal, TextOperator } from './ast.js'
import { ConditionsError } from './errors.js'

export type RecordPredicate = (record: JsonObject) => boolean

/**
 * Binds parsed conditions to a resource's fields and returns the test for one record (its answer JSON).
 * Every field and every value is checked here, before any record is looked at, so a bad query never yields
 * partial results. Like SQL, a comparison with an absent (null) field is false, `not in` included; only
 * `= null` and `!= null` look at absence.
 */
export function compileConditions(node: ConditionNode, schema: FieldSchema): RecordPredicate {
  switch (node.kind) {
    case 'or': {
      const operands = node.operands.map((operand) => compileConditions(operand, schema))
      return (record) => operands.some((test) => test(record))
    }
    case 'and': {
      const operands = node.operands.map((operand) => compileConditions(operand, schema))
      return (record) => operands.every((test) => test(record))
    }
    case 'comparison':
      return compileComparison(node.field, node.operator, node.value, schema)
    case 'in':
      return compileIn(node.field, node.negated, node.values, schema)
  }
}

function compileComparison(
  field: string,
  operator: ComparisonOperator,
  literal: Literal,
  schema: FieldSchema,
): RecordPredicate {
  const { path, type } = valueField(field, schema)
  if (literal.type === 'null') {
    if (operator !== '=' && operator !== '!=')
      throw new ConditionsError(`Operator '${operator}' cannot be used with null (field '${field}')`)
    const wantsAbsent = operator === '='
    return (record) => isAbsent(valueAt(record, path)) === wantsAbsent
  }
  if (isTextOperator(operator)) {
    if (type !== 'string' || literal.type !== 'string')
      throw new ConditionsError(`Operator '${operator}' needs a text field and a string (field '${field}')`)
    const negated = operator.startsWith('not ')
    const matches = operator.endsWith('contains') ? containsTest(literal.value) : likeTest(literal.value)
    // As SQL's NOT LIKE: an absent (null) value matches neither the pattern nor its negation.
    return (record) => {
      const value = valueAt(record, path)
      return typeof value === 'string' && matches(value) !== negated
    }
  }
  checkLiteral(field, type, literal)
  if (type === 'boolean' && operator !== '=' && operator !== '!=')
    throw new ConditionsError(`Operator '${operator}' cannot be used with true/false field '${field}'`)
  const expected = literalKey(literal)
  const holds = ORDERINGS[operator]
  return (record) => {
    const actual = valueKey(type, valueAt(record, path))
    return actual !== undefined && holds(compareKeys(actual, expected))
  }
}

function compileIn(
  field: string,
  negated: boolean,
  literals: Literal[],
  schema: FieldSchema,
): RecordPredicate {
  const { path, type } = valueField(field, schema)
  const expected = literals.map((literal) => {
    if (literal.type === 'null')
      throw new ConditionsError(`null cannot be listed with 'in' (field '${field}'); use = null`)
    checkLiteral(field, type, literal)
    return literalKey(literal)
  })
  return (record) => {
    const actual = valueKey(type, valueAt(record, path))
    if (actual === undefined) return false
    return expected.some((key) => compareKeys(actual, key) === 0) !== negated
  }
}

function valueField(field: string, schema: FieldSchema): { path: string[]; type: ValueType } {
  const resolved = resolveField(schema, field.split('/'))
  if (!resolved) throw new ConditionsError(`Unknown field '${field}'`)
  if (!isValueType(resolved.type))
    throw new ConditionsError(`Field '${field}' is not a single value and cannot be compared`)
  return { path: resolved.path, type: resolved.type }
}

const LITERAL_TYPES: Record<ValueType, Literal['type']> = {
  integer: 'number',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  datetime: 'datetime',
}

function checkLiteral(field: string, type: ValueType, literal: ValueLiteral): void {
  if (LITERAL_TYPES[type] !== literal.type)
    throw new ConditionsError(`Cannot compare ${type} field '${field}' with a ${literal.type}`)
}

/** A comparable form: numbers (also instants and booleans as 0/1) or text. */
type Key = number | string

type ValueLiteral = Exclude<Literal, { type: 'null' }>

function literalKey(literal: ValueLiteral): Key {
  return literal.type === 'boolean' ? Number(literal.value) : literal.value
}

function valueKey(type: ValueType, value: unknown): Key | undefined {
  if (isAbsent(value)) return undefined
  if (type === 'datetime') return typeof value === 'string' ? Date.parse(value) : undefined
  if (type === 'boolean') return value === true ? 1 : 0
  return typeof value === 'number' || typeof value === 'string' ? value : undefined
}

function compareKeys(a: Key, b: Key): number {
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b)
  return Number(a) - Number(b)
}

function isTextOperator(operator: ComparisonOperator): operator is TextOperator {
  return operator.endsWith('contains') || operator.endsWith('like')
}

const ORDERINGS: Record<Exclude<ComparisonOperator, TextOperator>, (order: number) => boolean> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null
}

/** The value is taken literally: no wildcards. */
function containsTest(needle: string): (value: string) => boolean {
  const folded = foldCase(needle)
  return (value) => foldCase(value).includes(folded)
}

/** `%` matches any run of characters (none included); every other character stands for itself. */
function likeTest(pattern: string): (value: string) => boolean {
  const source = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  const expression = new RegExp(`^${source}$`, 'isu')
  return (value) => expression.test(value)
}
