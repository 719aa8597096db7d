import type { ConditionNode } from '../conditions/index.js'
import { resolveField, type FieldSchema } from '../field-schema.js'

/** The ids a list may answer, both ends included. */
export interface IdRange {
  min: number
  max: number
}

export const EVERY_ID: IdRange = { min: -Infinity, max: Infinity }

/** The range with only the ids above `id` (forward-only paging's `pageId`). */
export const above = (range: IdRange, id: number): IdRange => ({ ...range, min: Math.max(range.min, id + 1) })

type Comparison = Extract<ConditionNode, { kind: 'comparison' }>

/**
 * Splits `conditions` into the bounds its top-level `and` puts on `id` with `=`, `<`, `<=`, `>` or `>=` and a
 * number (`(…) and id > 2500`, as a keyset walk asks) and the rest, so a list reads the records in that range from
 * the id order instead of testing every record. Ids are whole numbers: `id > 2.5` is `id >= 3`. Such a comparison
 * always compiles (an integer field against a number), so leaving it out of `rest` drops no error.
 */
export function splitIdRange(
  node: ConditionNode,
  schema: FieldSchema,
): { range: IdRange; rest: ConditionNode | undefined } {
  const range = { ...EVERY_ID }
  const rest: ConditionNode[] = []
  for (const operand of conjuncts(node)) {
    if (isIdBound(operand, schema)) narrow(range, operand.operator, operand.value.value)
    else rest.push(operand)
  }
  const remaining = rest.length > 1 ? { kind: 'and' as const, operands: rest } : rest[0]
  return { range, rest: remaining }
}

function conjuncts(node: ConditionNode): ConditionNode[] {
  return node.kind === 'and' ? node.operands.flatMap(conjuncts) : [node]
}

/** The whole ids each operator leaves, as [min, max]; `=` a fraction leaves none. */
const BOUNDS: Readonly<Record<string, (value: number) => [number, number]>> = {
  '=': (value) => [Math.ceil(value), Math.floor(value)],
  '<': (value) => [-Infinity, Math.ceil(value) - 1],
  '<=': (value) => [-Infinity, Math.floor(value)],
  '>': (value) => [Math.floor(value) + 1, Infinity],
  '>=': (value) => [Math.ceil(value), Infinity],
}

function isIdBound(
  node: ConditionNode,
  schema: FieldSchema,
): node is Comparison & { value: { type: 'number'; value: number } } {
  if (node.kind !== 'comparison' || node.value.type !== 'number' || !(node.operator in BOUNDS)) return false
  const field = resolveField(schema, node.field.split('/'))
  return field?.type === 'integer' && field.path.length === 1 && field.path[0] === 'id'
}

function narrow(range: IdRange, operator: string, value: number): void {
  const [min, max] = (BOUNDS[operator] as (value: number) => [number, number])(value)
  range.min = Math.max(range.min, min)
  range.max = Math.min(range.max, max)
}
