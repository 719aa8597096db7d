import { formatTimestamp, parseTimestamp } from '../dates.js'
import type { JsonObject } from '../field-schema.js'
import type { Timestamp } from '../records.js'
import type { FieldError, FieldErrorCode } from '../vendor-errors.js'

// Reading a write's fields the way the vendor validates them: every problem is collected (the answer lists
// them all), and a field that fails reads as null so the checks after it can carry on.

export class Validation {
  readonly errors: FieldError[] = []

  constructor(readonly resource: string) {}

  get ok(): boolean {
    return this.errors.length === 0
  }

  fail(code: FieldErrorCode, field: string, message: string): null {
    this.errors.push({ code, message, resource: this.resource, field })
    return null
  }
}

/**
 * The body's fields under the vendor's names, matched case-insensitively as the vendor's JSON binding does.
 * Fields that are not writable (ids, `_info`, flags the vendor computes) are ignored, as the vendor ignores them.
 */
export function writableFields(body: JsonObject, names: readonly string[]): JsonObject {
  const byLowerName = new Map(names.map((name) => [name.toLowerCase(), name]))
  const fields: JsonObject = {}
  for (const [key, value] of Object.entries(body)) {
    const name = byLowerName.get(key.toLowerCase())
    if (name !== undefined) fields[name] = value
  }
  return fields
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/** Text up to `max` characters; blank reads as null. */
export function readText(
  check: Validation,
  fields: JsonObject,
  field: string,
  { max, required = false }: { max: number; required?: boolean },
): string | null {
  const value = fields[field]
  if (isBlank(value)) return required ? check.fail('NullOrEmpty', field, `${field} may not be empty.`) : null
  if (typeof value !== 'string') return check.fail('InvalidArgument', field, `${field} must be a string.`)
  if (value.length > max)
    return check.fail('MaxLength', field, `${field} may not be longer than ${max} characters.`)
  return value
}

export function readFlag(check: Validation, fields: JsonObject, field: string, fallback: boolean): boolean {
  const value = fields[field]
  if (value === undefined || value === null) return fallback
  if (typeof value === 'boolean') return value
  check.fail('InvalidArgument', field, `${field} must be true or false.`)
  return fallback
}

/** A date-time (or a date, meaning midnight UTC), stored in the vendor's format. */
export function readDate(check: Validation, fields: JsonObject, field: string): Timestamp | null {
  const value = fields[field]
  if (isBlank(value)) return null
  const ms = typeof value === 'string' ? parseTimestamp(value) : undefined
  if (ms === undefined)
    return check.fail('InvalidArgument', field, `${field} must be a date like 2025-01-31T00:00:00Z.`)
  return formatTimestamp(ms)
}

/** One of `choices`, matched case-insensitively, answered in the vendor's spelling. */
export function readChoice<T extends string>(
  check: Validation,
  fields: JsonObject,
  field: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = fields[field]
  if (isBlank(value)) return fallback
  const choice = choices.find(
    (candidate) => typeof value === 'string' && candidate.toLowerCase() === value.toLowerCase(),
  )
  if (choice !== undefined) return choice
  check.fail('InvalidArgument', field, `${field} must be one of ${choices.join(', ')}.`)
  return fallback
}

/**
 * How a reference names its record: `{"id": 5}`, or without an id by its natural key: `{"identifier": "ACME"}`
 * for companies and members, `{"name": "Service Board"}` for boards, statuses, types and priorities.
 * ConnectWise resolves a reference by id, or failing that by identifier or name: the connectwise-rest README
 * ("Code Examples") creates a ticket with `board: {name: "Service Board"}` and `company: {identifier: "ABC"}`,
 * and ConnectWise's reference models (BoardReference, ServiceStatusReference, PriorityReference in the
 * generated src/ManageTypes.ts of connectwise-rest 1.3.0) carry `name` beside `id`. An id wins over a name.
 */
export type ReferenceKey = { id: number } | { identifier: string } | { name: string }

export interface ReferenceRule<R> {
  /** Why an existing record cannot be used here (inactive, another board's), if it cannot. */
  problem?(record: NoInfer<R>): string | undefined
  /** Absent or null is an error (otherwise it reads as null, for the caller's default). */
  required?: boolean
  /** What besides `id` may name the record; default: only `id`. */
  namedBy?: 'identifier' | 'name'
}

export function readReference<R>(
  check: Validation,
  fields: JsonObject,
  field: string,
  find: (key: ReferenceKey) => R | undefined,
  rule: ReferenceRule<R> = {},
): R | null {
  const value = fields[field]
  if (value === undefined || value === null)
    return rule.required ? check.fail('NullOrEmpty', field, `${field} may not be empty.`) : null
  const key = referenceKeyBy(value, rule.namedBy)
  if (!key) {
    const example = rule.namedBy === undefined ? '' : ` or ${article(rule.namedBy)} ${rule.namedBy}`
    return check.fail(
      'InvalidArgument',
      field,
      `${field} must be an object with an id${example}, e.g. {"id": 5}.`,
    )
  }
  const record = find(key)
  const named =
    'id' in key
      ? `id ${key.id}`
      : 'identifier' in key
        ? `identifier '${key.identifier}'`
        : `name '${key.name}'`
  if (record === undefined)
    return check.fail('InvalidArgument', field, `${field} with ${named} was not found.`)
  const problem = rule.problem?.(record)
  return problem === undefined
    ? record
    : check.fail('InvalidArgument', field, `${field} with ${named} ${problem}.`)
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a'
}

/** A company or member reference's key: its id, or failing that its identifier. */
export function referenceKey(value: unknown): ReferenceKey | undefined {
  return referenceKeyBy(value, 'identifier')
}

/** The key a reference object names its record by: its id, or failing that `namedBy` (if any). */
export function referenceKeyBy(
  value: unknown,
  namedBy: 'identifier' | 'name' | undefined,
): ReferenceKey | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const record = value as JsonObject
  const { id } = record
  if (typeof id === 'number' && Number.isSafeInteger(id)) return { id }
  if (typeof id === 'string' && /^\d+$/.test(id)) return { id: Number(id) }
  const natural = namedBy === undefined ? undefined : record[namedBy]
  if (id === undefined && typeof natural === 'string' && natural.trim() !== '')
    return namedBy === 'identifier' ? { identifier: natural } : { name: natural }
  return undefined
}

/**
 * A lookup by id, or by name (matched case-insensitively, as the vendor's SQL collation compares), among
 * `records`; `within` narrows the name lookup (statuses and types are named per board).
 */
export function byIdOrName<R extends { id: number; name: string }>(
  table: ReadonlyMap<number, R>,
  within: (record: R) => boolean = () => true,
): (key: ReferenceKey) => R | undefined {
  return (key) => {
    if ('id' in key) return table.get(key.id)
    if (!('name' in key)) return undefined
    const wanted = key.name.trim().toLowerCase()
    return [...table.values()].find((record) => within(record) && record.name.toLowerCase() === wanted)
  }
}

/** A lookup by id in one table, for reference rules. */
export function byIdIn<R>(table: ReadonlyMap<number, R>): (key: ReferenceKey) => R | undefined {
  return (key) => ('id' in key ? table.get(key.id) : undefined)
}
