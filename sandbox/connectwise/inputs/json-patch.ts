import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { FieldError } from '../vendor-errors.js'

export interface PatchRules {
  /** The vendor's resource name, for error entries. */
  resource: string
  /** Every field the answers carry, to tell a read-only field from an unknown one. */
  schema: FieldSchema
  /** Writable fields; a reference also names the sub-fields a path may address (`status/id`). */
  writable: Readonly<Record<string, readonly string[]>>
  /**
   * Writable list fields whose elements a path may address by position, with the element fields a path may name
   * after it: `communicationItems/1/value`, `communicationItems/3` (captured in amp-labs/connectors
   * providers/connectwise/test/write/contacts/scenario{1,2,3}: replace an element's value, add an element at a
   * position, remove one). Each is writable whole too.
   */
  collections?: Readonly<Record<string, readonly string[]>>
}

export type PatchResult =
  { ok: true; fields: JsonObject; touched: ReadonlySet<string> } | { ok: false; errors: FieldError[] }

const OPERATIONS = new Set(['replace', 'add', 'remove'])

/**
 * Applies a JSON Patch array to a copy of `fields` (the record's writable fields in request form). `add` is
 * `replace`; `remove` sets the field to null; `status` takes `{"id": 5}` and `status/id` takes `5`. A path may
 * start with `/` or not, and names match case-insensitively. In a collection, `add` at a position inserts there
 * (`-`, or the length, appends), `replace` swaps the element and `remove` takes it out, as RFC 6902 has it; the
 * operations apply in order, each to what the ones before left. Any bad operation fails the whole patch.
 */
export function applyPatch(fields: JsonObject, operations: unknown, rules: PatchRules): PatchResult {
  const error = (field: string, message: string): FieldError => ({
    code: 'InvalidArgument',
    message,
    resource: rules.resource,
    field,
  })
  if (!Array.isArray(operations) || operations.length === 0)
    return { ok: false, errors: [error('operations', 'The body must be a non-empty JSON Patch array.')] }
  const patched = structuredClone(fields)
  const touched = new Set<string>()
  const errors: FieldError[] = []
  operations.forEach((operation: unknown, index) => {
    const outcome = applyOperation(patched, operation, rules)
    if (typeof outcome === 'string') errors.push(error(pathOf(operation) ?? `operations[${index}]`, outcome))
    else touched.add(outcome.field)
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields: patched, touched }
}

function applyOperation(
  fields: JsonObject,
  operation: unknown,
  rules: PatchRules,
): string | { field: string } {
  if (typeof operation !== 'object' || operation === null || Array.isArray(operation))
    return 'Each operation must be an object {op, path, value}.'
  const { op, value } = operation as JsonObject
  const path = pathOf(operation)
  const kind = typeof op === 'string' ? op.toLowerCase() : undefined
  if (kind === undefined || !OPERATIONS.has(kind))
    return `Operation '${String(op)}' is not supported; use replace, add or remove.`
  if (path === undefined) return 'The operation has no path.'
  const [name = '', sub, ...rest] = path.replace(/^\//, '').split('/')
  const field = [...Object.keys(rules.writable), ...Object.keys(rules.collections ?? {})].find(
    (candidate) => candidate.toLowerCase() === name.toLowerCase(),
  )
  if (field === undefined) {
    const known = Object.keys(rules.schema).some(
      (candidate) => candidate.toLowerCase() === name.toLowerCase(),
    )
    return known ? `${name} is read-only.` : `${name} is not a field of ${rules.resource}.`
  }
  const elementFields = rules.collections?.[field]
  if (elementFields !== undefined && sub !== undefined) {
    const outcome = applyElementOperation(
      fields,
      field,
      kind,
      sub,
      rest,
      operation as JsonObject,
      elementFields,
    )
    return outcome ?? { field }
  }
  const subField =
    sub === undefined
      ? undefined
      : rules.writable[field]?.find((key) => key.toLowerCase() === sub.toLowerCase())
  if (rest.length > 0 || (sub !== undefined && subField === undefined))
    return `${path} is not a writable path.`
  if (kind !== 'remove' && !Object.hasOwn(operation, 'value'))
    return `The ${kind} operation on ${path} has no value.`
  if (kind === 'remove') fields[field] = elementFields === undefined ? null : []
  else fields[field] = subField === undefined ? value : { [subField]: value }
  return { field }
}

/** An operation on one element of a collection (or on one of its fields); the problem, if it cannot apply. */
function applyElementOperation(
  fields: JsonObject,
  field: string,
  kind: string,
  position: string,
  rest: readonly string[],
  operation: JsonObject,
  elementFields: readonly string[],
): string | undefined {
  const list = Array.isArray(fields[field]) ? [...(fields[field] as unknown[])] : []
  const path = [field, position, ...rest].join('/')
  const index = position === '-' ? list.length : /^\d+$/.test(position) ? Number(position) : Number.NaN
  const inserting = kind === 'add' && rest.length === 0
  if (!(index < list.length || (inserting && index === list.length)))
    return `${path}: there is no element at ${position} (the list has ${list.length}).`
  if (kind !== 'remove' && !Object.hasOwn(operation, 'value'))
    return `The ${kind} operation on ${path} has no value.`
  if (rest.length === 0) {
    if (kind === 'remove') list.splice(index, 1)
    else list.splice(index, inserting ? 0 : 1, operation.value)
  } else {
    const [name = ''] = rest
    const elementField = elementFields.find((candidate) => candidate.toLowerCase() === name.toLowerCase())
    const element = list[index]
    if (rest.length > 1 || elementField === undefined || typeof element !== 'object' || element === null)
      return `${path} is not a writable path.`
    list[index] = { ...element, [elementField]: kind === 'remove' ? null : operation.value }
  }
  fields[field] = list
  return undefined
}

function pathOf(operation: unknown): string | undefined {
  if (typeof operation !== 'object' || operation === null) return undefined
  const { path } = operation as JsonObject
  return typeof path === 'string' && path.replace(/^\//, '') !== '' ? path : undefined
}
