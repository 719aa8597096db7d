import { parseIsoDate, toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase, AutotaskTableName } from '../database.js'
import { EntityError, type FieldDefinition, type Row } from './entity.js'

// What every create and update checks against the entity's field definitions, with Autotask's answers.
// Validation refusals are HTTP 500 with the message in `errors`: a missing required field answers 500
// "Value does not exist for the required field resourceID", a bad picklist value 500 "Picklist value [3] does not
// exist for priority" (practitioner's notes "Autotask API — Lessons Learned", TimeEntries and Tickets sections,
// found by code search; WYRE-AI/msp-claude-plugins#32 shows a business rule's text in the same shape).

/** The tables a `referenceEntityType` names. */
const REFERENCED_TABLES: Record<string, AutotaskTableName> = {
  Ticket: 'tickets',
  Company: 'companies',
  Contact: 'contacts',
  ConfigurationItem: 'configurationItems',
  Resource: 'resources',
  Role: 'roles',
  BillingCode: 'billingCodes',
  Product: 'products',
}

export type WriteMode = 'create' | 'update'

/** A refusal of the kind the checks below make. */
export function refused(...errors: string[]): EntityError {
  return new EntityError(500, errors)
}

/**
 * The values of `body` the write stores, checked and normalized (date-times to UTC ISO 8601). Fields the entity
 * does not have are ignored (a body's `workType` on a ticket "does nothing": the notes above); so are read-only
 * ones ("TimeEntries.hoursToBill is read-only … silently ignores a supplied value": a practitioner's log of
 * entityInformation answers, found by code search). A create must name every required writable field; an
 * update checks what it names (a sub-picklist against its parent's new or `current` value).
 */
export function acceptedValues(
  fields: readonly FieldDefinition[],
  db: AutotaskDatabase,
  body: Record<string, unknown>,
  mode: WriteMode,
  current: Record<string, unknown> = {},
): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  const errors: string[] = []
  for (const definition of fields) {
    if (definition.isReadOnly) continue
    const given = Object.hasOwn(body, definition.name) ? body[definition.name] : undefined
    if (given === undefined || given === null) {
      if (definition.isRequired && (mode === 'create' || given === null))
        errors.push(`Value does not exist for the required field ${definition.name}`)
      else if (given === null) values[definition.name] = null
      continue
    }
    const checked = checkValue(definition, given, db, { ...current, ...body })
    if (typeof checked === 'string') errors.push(checked)
    else values[definition.name] = checked.value
  }
  if (errors.length > 0) throw refused(...errors)
  return values
}

/** The value to store, or the error text. */
function checkValue(
  definition: FieldDefinition,
  given: unknown,
  db: AutotaskDatabase,
  body: Record<string, unknown>,
): { value: unknown } | string {
  const { name } = definition
  // (unsourced: chosen because no source quotes the text for a value of the wrong JSON type)
  const badType = `Invalid value for field ${name}: ${JSON.stringify(given)}`
  switch (definition.dataType) {
    case 'integer':
    case 'long':
    case 'short': {
      if (typeof given !== 'number' || !Number.isInteger(given)) return badType
      if (definition.isPickList) return checkPicklist(definition, given, body)
      if (definition.isReference) return checkReference(definition, given, db)
      return { value: given }
    }
    case 'decimal':
    case 'double':
      return typeof given === 'number' && Number.isFinite(given) ? { value: given } : badType
    case 'boolean':
      return typeof given === 'boolean' ? { value: given } : badType
    case 'datetime':
    case 'date': {
      const ms = typeof given === 'string' ? parseIsoDate(given.trim()) : undefined
      return ms === undefined ? badType : { value: toTimestamp(ms) }
    }
    case 'string':
      if (typeof given !== 'string') return badType
      // (unsourced: chosen because the field information gives each text a `length` and no source quotes
      // what exceeding it answers)
      return definition.length > 0 && given.length > definition.length
        ? `${name} exceeds the maximum length of ${definition.length}`
        : { value: given }
  }
}

/** An active value of the field's picklist; a sub-picklist's value must belong to its parent field's value. */
function checkPicklist(
  definition: FieldDefinition,
  given: number,
  body: Record<string, unknown>,
): { value: number } | string {
  const parent = definition.picklistParentValueField
  const found = (definition.picklistValues ?? []).find(
    (candidate) =>
      candidate.value === String(given) &&
      candidate.isActive &&
      (parent === '' || candidate.parentValue === String(body[parent])),
  )
  return found ? { value: given } : `Picklist value [${given}] does not exist for ${definition.name}`
}

function checkReference(
  definition: FieldDefinition,
  given: number,
  db: AutotaskDatabase,
): { value: number } | string {
  const table = REFERENCED_TABLES[definition.referenceEntityType]
  if (table === undefined || db.table(table).has(given)) return { value: given }
  // The text Autotask answered for a task whose required `taskType` named nothing (WYRE-AI/autotask-mcp#46).
  return `Value does not reference an existing entity for ${definition.name} . `
}

/** The record an update names by its `id`. */
export function recordToUpdate<T extends Row>(
  rows: ReadonlyMap<number, T>,
  body: Record<string, unknown>,
  entityName: string,
): T {
  const id = body.id
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw refused(`Value does not exist for the required field id`)
  const record = rows.get(id)
  // (unsourced: chosen because no source quotes the answer to an update of an id that does not exist)
  if (!record) throw new EntityError(404, [`${entityName} with id ${id} was not found.`])
  return record
}
