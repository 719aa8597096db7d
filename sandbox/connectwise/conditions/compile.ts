import { compareText, foldCase } from '../collation.js'
import { parseTimestamp } from '../dates.js'
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
  return compileTree(node, (leaf) => compileLeaf(leaf, leaf.field, schema))
}

/**
 * `childConditions`: each comparison names a child collection and a field of its elements
 * (`communicationItems/value like "%@acme.com"`) and holds when some element of that collection meets it. Each
 * comparison looks for its own element (our reading). Zynk's ConnectWise REST docs ("Exporting Companies",
 * Child Conditions) describe them as conditions on fields "which are part of a collection", with the same
 * operators as `conditions`.
 */
export function compileChildConditions(
  node: ConditionNode,
  children: Readonly<Record<string, FieldSchema>>,
): RecordPredicate {
  return compileTree(node, (leaf) => {
    const [head = '', ...rest] = leaf.field.split('/')
    const collection = Object.keys(children).find((name) => name.toLowerCase() === head.toLowerCase())
    if (collection === undefined || rest.length === 0)
      throw new ConditionsError(`Unknown child field '${leaf.field}'`)
    const test = compileLeaf(leaf, rest.join('/'), children[collection] as FieldSchema)
    return (record) => elementsOf(record, collection).some(test)
  })
}

/** The whole expression tested against each element of `collection`: a record matches if one element does. */
export function compileElementConditions(
  node: ConditionNode,
  collection: string,
  element: FieldSchema,
): RecordPredicate {
  const test = compileConditions(node, element)
  return (record) => elementsOf(record, collection).some(test)
}

type LeafNode = Extract<ConditionNode, { kind: 'comparison' | 'in' }>

function compileTree(node: ConditionNode, leaf: (node: LeafNode) => RecordPredicate): RecordPredicate {
  switch (node.kind) {
    case 'or': {
      const operands = node.operands.map((operand) => compileTree(operand, leaf))
      return (record) => operands.some((test) => test(record))
    }
    case 'and': {
      const operands = node.operands.map((operand) => compileTree(operand, leaf))
      return (record) => operands.every((test) => test(record))
    }
    default:
      return leaf(node)
  }
}

function compileLeaf(node: LeafNode, field: string, schema: FieldSchema): RecordPredicate {
  return node.kind === 'comparison'
    ? compileComparison(field, node.operator, node.value, schema)
    : compileIn(field, node.negated, node.values, schema)
}

function elementsOf(record: JsonObject, collection: string): JsonObject[] {
  const items = record[collection]
  return Array.isArray(items)
    ? items.filter(
        (item): item is JsonObject => typeof item === 'object' && item !== null && !Array.isArray(item),
      )
    : []
}

function compileComparison(
  field: string,
  operator: ComparisonOperator,
  literal: Literal,
  schema: FieldSchema,
): RecordPredicate {
  const { path, type: declared } = valueField(field, schema)
  if (literal.type === 'null') {
    if (operator !== '=' && operator !== '!=')
      throw new ConditionsError(`Operator '${operator}' cannot be used with null (field '${field}')`)
    const wantsAbsent = operator === '='
    return (record) => isAbsent(valueAt(record, path)) === wantsAbsent
  }
  if (isTextOperator(operator)) {
    const textual = declared === 'string' || declared === 'scalar'
    if (!textual || literal.type !== 'string')
      throw new ConditionsError(`Operator '${operator}' needs a text field and a string (field '${field}')`)
    const negated = operator.startsWith('not ')
    const matches = operator.endsWith('contains') ? containsTest(literal.value) : likeTest(literal.value)
    // As SQL's NOT LIKE: an absent (null) value matches neither the pattern nor its negation.
    return (record) => {
      const value = valueAt(record, path)
      return typeof value === 'string' && matches(value) !== negated
    }
  }
  const type = comparedAs(field, declared, literal)
  if (type === 'boolean' && operator !== '=' && operator !== '!=')
    throw new ConditionsError(`Operator '${operator}' cannot be used with true/false field '${field}'`)
  const expected = literalKey(literal)
  const holds = ORDERINGS[operator]
  const strict = declared === 'scalar'
  return (record) => {
    const actual = valueKey(type, valueAt(record, path), strict)
    return actual !== undefined && holds(compareKeys(actual, expected))
  }
}

function compileIn(
  field: string,
  negated: boolean,
  literals: Literal[],
  schema: FieldSchema,
): RecordPredicate {
  const { path, type: declared } = valueField(field, schema)
  const strict = declared === 'scalar'
  const expected = literals.map((literal) => {
    if (literal.type === 'null')
      throw new ConditionsError(`null cannot be listed with 'in' (field '${field}'); use = null`)
    return { type: comparedAs(field, declared, literal), key: literalKey(literal) }
  })
  return (record) => {
    const value = valueAt(record, path)
    if (isAbsent(value)) return false
    const found = expected.some(({ type, key }) => {
      const actual = valueKey(type, value, strict)
      return actual !== undefined && compareKeys(actual, key) === 0
    })
    return found !== negated
  }
}

function valueField(field: string, schema: FieldSchema): { path: string[]; type: ValueType | 'scalar' } {
  const resolved = resolveField(schema, field.split('/'))
  if (!resolved) throw new ConditionsError(`Unknown field '${field}'`)
  if (resolved.type !== 'scalar' && !isValueType(resolved.type))
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

/**
 * The type a comparison reads the field's values as: its own, checked against the literal's; a `scalar` field's is
 * the literal's (a text literal meets text values only, a number numbers, and so on: our reading).
 */
function comparedAs(field: string, declared: ValueType | 'scalar', literal: ValueLiteral): ValueType {
  if (declared === 'scalar') return literal.type
  if (LITERAL_TYPES[declared] !== literal.type)
    throw new ConditionsError(`Cannot compare ${declared} field '${field}' with a ${literal.type}`)
  return declared
}

/** A comparable form: numbers (also instants and booleans as 0/1) or text. */
type Key = number | string

type ValueLiteral = Exclude<Literal, { type: 'null' }>

function literalKey(literal: ValueLiteral): Key {
  return literal.type === 'boolean' ? Number(literal.value) : literal.value
}

/** `strict`: the value must be of the type itself (a `scalar` field's values are of several). */
function valueKey(type: ValueType, value: unknown, strict = false): Key | undefined {
  if (isAbsent(value)) return undefined
  if (type === 'datetime') {
    if (typeof value !== 'string') return undefined
    // A scalar's text that is no date is absent to a date comparison, as a null is (Date.parse would take
    // "AC-123" for a date).
    return strict ? parseTimestamp(value) : Date.parse(value)
  }
  if (type === 'boolean') {
    if (strict && typeof value !== 'boolean') return undefined
    return value === true ? 1 : 0
  }
  if (strict && typeof value !== (type === 'string' ? 'string' : 'number')) return undefined
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
