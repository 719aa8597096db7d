import { integerId } from '../../src/mapping/ids.js'

/**
 * Autotask's query language: a JSON `filter` array of conditions, all of which must hold, each a comparison of one
 * field with one value, or an `and`/`or` group (vendors.md, Autotask "query"; Autotask's developer help, "Basic
 * query calls" and "Advanced query features"). Values travel as JSON values in a POST body, never in a URL or a
 * text the vendor parses: no input can change a query's structure.
 */
export type AutotaskComparison =
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

export type AutotaskCondition =
  /** `udf: true` where `field` names a user-defined field. */
  | { op: AutotaskComparison; field: string; value?: unknown; udf?: boolean }
  | { op: 'and' | 'or'; items: AutotaskCondition[] }

/** What an Autotask list is asked with: its conditions (all must hold), and the fields to answer with. */
export interface AutotaskListQuery {
  filter: AutotaskCondition[]
  /** Only these fields in each record (`IncludeFields`); every field when absent. */
  includeFields?: string[]
}

/** A canonical id as Autotask's integer id (a 400 naming `field` when it is not one). */
export const autotaskId = (value: string, field: string): number => integerId('autotask', value, field, 0)

export const eq = (field: string, value: unknown): AutotaskCondition => ({ op: 'eq', field, value })

/** A text search: `text` is one literal value, whatever it holds. */
export const textContains = (field: string, text: string): AutotaskCondition => ({
  op: 'contains',
  field,
  value: text,
})

/** `text` in any of `fields` (a free-text search across a record's names). */
export const textInAny = (fields: readonly string[], text: string): AutotaskCondition =>
  fields.length === 1
    ? textContains(fields[0]!, text)
    : { op: 'or', items: fields.map((field) => textContains(field, text)) }

/**
 * `field` is one of `values`; null when there are none (no record can match, so no call is needed: see
 * listQuery).
 */
export const anyOf = (field: string, values: readonly unknown[]): AutotaskCondition | null =>
  values.length === 0 ? null : { op: 'in', field, value: [...values] }

/** Changed or created after `iso` (the canonical `…Since` filters are exclusive). */
export const since = (field: string, iso: string): AutotaskCondition => ({ op: 'gt', field, value: iso })

/** A user-defined field's value. */
export const udfEquals = (name: string, value: unknown): AutotaskCondition => ({
  op: 'eq',
  field: name,
  value,
  udf: true,
})

/** Every record: a query needs at least one condition (Autotask's "Basic query calls"). */
export const EVERY_RECORD: AutotaskCondition = { op: 'gte', field: 'id', value: 0 }

/** Records after `id`, for keyset paging by id. */
export const afterId = (id: number): AutotaskCondition => ({ op: 'gt', field: 'id', value: id })

/**
 * A list query of the conditions given: `undefined` stands for a filter not set (no condition), `null` for a
 * condition no record meets (then the whole query is null: the list is empty without a call).
 */
export function listQuery(
  conditions: ReadonlyArray<AutotaskCondition | null | undefined>,
  includeFields?: string[],
): AutotaskListQuery | null {
  if (conditions.includes(null)) return null
  const filter = conditions.filter((condition): condition is AutotaskCondition => condition != null)
  return { filter, ...(includeFields ? { includeFields } : {}) }
}
