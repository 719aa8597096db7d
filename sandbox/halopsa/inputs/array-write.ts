import type { HaloReply } from '../http-types.js'
import { bindingError, bindingErrors, validationError, type FieldError } from '../vendor-errors.js'
import { isObject, ItemReader } from './item-reader.js'

export type ItemPlan<R> = { ok: true; apply(): R } | { ok: false; errors: FieldError[] }

/** Reads and validates one item; `apply` changes the database, and runs only when every item is valid. */
export type ItemPlanner<R> = (reader: ItemReader) => ItemPlan<R>

/**
 * Halo's write: `POST` to the collection with a JSON array; an item without a positive `id` creates, one with
 * an id updates the keys it carries. All or nothing: binding errors (400 keyed by body path) and then
 * validation errors (400 `validation_error`, every failing field of every item) leave the database as it was.
 * In an array of several items, a validation error's field carries the item's index (`[1].status_id`).
 * One item answers that record; several answer an array.
 */
export function runArrayWrite<R>(
  body: unknown,
  entity: string,
  planItem: ItemPlanner<R>,
  view: (record: R) => unknown,
): HaloReply {
  if (!Array.isArray(body)) {
    return bindingError(
      '',
      `Cannot deserialize the current JSON value into type 'List<${entity}>' because the type requires a JSON array.`,
    )
  }
  if (body.length === 0) return validationError([], 'The request contains no records.')

  const binding: Record<string, string[]> = {}
  const details: FieldError[] = []
  const plans: ItemPlan<R>[] = body.map((item: unknown, index) => {
    if (!isObject(item)) {
      binding[`[${index}]`] = [`Cannot deserialize the current JSON value into type '${entity}'.`]
      return { ok: false, errors: [] }
    }
    const plan = planItem(new ItemReader(item, `[${index}]`, binding))
    if (!plan.ok) {
      const prefix = body.length > 1 ? `[${index}].` : ''
      details.push(...plan.errors.map((error) => ({ ...error, field: `${prefix}${error.field}` })))
    }
    return plan
  })
  if (Object.keys(binding).length > 0) return bindingErrors(binding)
  if (details.length > 0) return validationError(details)

  const records = plans.flatMap((plan) => (plan.ok ? [plan.apply()] : []))
  return { status: 200, body: records.length === 1 ? view(records[0] as R) : records.map(view) }
}

/**
 * The record an item targets: none (create) without a positive `id`, the existing one with it, or an `id`
 * error when no such record exists (our choice: a validation error, not a 404, so it fails the whole array).
 */
export function targetOf<T>(
  reader: ItemReader,
  records: ReadonlyMap<number, T>,
  label: string,
): { record?: T; error?: FieldError } {
  const id = reader.integer('id')
  if (id === null || id === undefined || id <= 0) return {}
  const record = records.get(id)
  return record ? { record } : { error: { field: 'id', message: `${label} ID ${id} does not exist` } }
}
