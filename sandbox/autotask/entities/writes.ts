import { parseIsoDate, toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase, AutotaskTableName } from '../database.js'
import { EntityError, type FieldDefinition, type Row } from './entity.js'
import { bind } from './json-binding.js'
import { API_ONLY_RESOURCE_TYPE } from '../seed/people.js'

// What every create and update checks against the entity's field definitions, with Autotask's answers.
// Validation refusals are HTTP 500 with the message in `errors`: a missing required field answers 500
// "Value does not exist for the required field resourceID", a bad picklist value 500 "Picklist value [3] does not
// exist for priority" (a practitioner's notes "Autotask API — Lessons Learned" (zone 19; repository not identified: weak), TimeEntries
// and Tickets sections; WYRE-AI/msp-claude-plugins#32 shows a business rule's text in the same shape).

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
 * An API-only user "can be a CreatorResourceID, but cannot be a ResourceID or OwnerResourceID", and API-only users
 * "cannot be assigned to tickets or tasks" (HELP General/Define_API_User.htm), refused as a business rule is, a 500
 * with `errors` (facts §4). (unsourced: the text, in the form of Autotask's "The specified AssignedResourceID …"
 * refusals, naming the field; `which` says the rule)
 */
export function refuseApiOnlyResource(
  db: AutotaskDatabase,
  field: string,
  id: unknown,
  which = 'cannot be a ResourceID or OwnerResourceID',
): void {
  if (typeof id === 'number' && db.resources.get(id)?.resourceType === API_ONLY_RESOURCE_TYPE)
    throw refused(`The specified ${field} (${id}) is an API-only resource, which ${which}.`)
}

/**
 * The values of `body` the write stores, bound as ASP.NET binds them (json-binding.ts), checked and normalized
 * (date-times to UTC ISO 8601). Fields the entity does not have are ignored (a body's `workType` on a ticket "does
 * nothing": the notes above); so are read-only ones (unsourced: chosen; HELP says of some read-only values that
 * "the API will ignore the call's values", ServicesEntity.htm, facts §4). A create must name
 * every required writable field, and may not send a field as null: explicit nulls on a create are refused with a
 * 500 (KelvinTegelaar/AutotaskAPI#26, where stripping the nulls cured "Internal Server Error 500"; the text is ours,
 * unsourced). An update checks what it names (a sub-picklist against its parent's new or `current` value).
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
  const writable = fields.filter((definition) => !definition.isReadOnly)
  for (const definition of writable) {
    const { name } = definition
    const given = Object.hasOwn(body, name) ? body[name] : undefined
    if (given === undefined) {
      if (definition.isRequired && mode === 'create') errors.push(requiredText(name))
      continue
    }
    const bound = bind(definition.dataType, given)
    // (unsourced: chosen because no source quotes the text for a value that cannot be converted)
    if (!bound) errors.push(`Invalid value for field ${name}: ${JSON.stringify(given)}`)
    else if (bound.value !== null) values[name] = bound.value
    else if (definition.isRequired) errors.push(requiredText(name))
    else if (mode === 'create') errors.push(`A new record may not set ${name} to null.`)
    else values[name] = null
  }
  const after = { ...current, ...values }
  for (const definition of writable) {
    // A sub-picklist is checked again when its parent changes: a subIssueType stays only under its issueType
    // (unsourced: chosen to refuse, as a value under another parent is refused when sent).
    const parent = definition.picklistParentValueField
    const parentChanged = parent !== '' && values[parent] !== undefined
    const given = Object.hasOwn(values, definition.name)
    const value = given ? values[definition.name] : parentChanged ? current[definition.name] : undefined
    if (value === undefined || value === null) continue
    const checked = checkValue(definition, value, db, after)
    if (typeof checked === 'string') errors.push(checked)
    else values[definition.name] = checked.value
  }
  if (errors.length > 0) throw refused(...errors)
  return values
}

function requiredText(name: string): string {
  return `Value does not exist for the required field ${name}`
}

/** The value to store, or the error text; `given` is already bound to the field's type. */
function checkValue(
  definition: FieldDefinition,
  given: unknown,
  db: AutotaskDatabase,
  record: Record<string, unknown>,
): { value: unknown } | string {
  const { name } = definition
  switch (definition.dataType) {
    case 'integer':
    case 'long':
    case 'short': {
      if (definition.isPickList) return checkPicklist(definition, given as number, record)
      if (definition.isReference) return checkReference(definition, given as number, db)
      return { value: given }
    }
    case 'datetime':
    case 'date': {
      const ms = parseIsoDate((given as string).trim())
      // (unsourced: chosen because no source quotes the text for a date that cannot be read)
      return ms === undefined
        ? `Invalid value for field ${name}: ${JSON.stringify(given)}`
        : { value: toTimestamp(ms) }
    }
    case 'string': {
      const text = given as string
      // (unsourced: chosen because the field information gives each text a `length` and no source quotes
      // what exceeding it answers)
      return definition.length > 0 && text.length > definition.length
        ? `${name} exceeds the maximum length of ${definition.length}`
        : { value: text }
    }
    default:
      return { value: given }
  }
}

/** An active value of the field's picklist; a sub-picklist's value must belong to its parent field's value. */
function checkPicklist(
  definition: FieldDefinition,
  given: number,
  record: Record<string, unknown>,
): { value: number } | string {
  const parent = definition.picklistParentValueField
  const found = (definition.picklistValues ?? []).find(
    (candidate) =>
      candidate.value === String(given) &&
      candidate.isActive &&
      (parent === '' || candidate.parentValue === String(record[parent])),
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

/**
 * The record an update (or a delete) names by its `id`; written under a parent's URL (`/Companies/{id}/Contacts`),
 * a record of another parent is none of this one's. An id that names none is refused like any value that
 * references nothing, a 500 (unsourced: no source quotes this answer; chosen as every observed business refusal is
 * a 500 and this is Autotask's text for a reference to nothing, WYRE-AI/autotask-mcp#46, facts §4).
 */
export function recordToUpdate<T extends Row>(
  rows: ReadonlyMap<number, T>,
  body: Record<string, unknown>,
  under?: { idField: string; parentId: number | undefined },
): T {
  const id = body.id
  if (typeof id !== 'number' || !Number.isInteger(id))
    throw refused(`Value does not exist for the required field id`)
  const record = rows.get(id)
  const ofParent = !under || under.parentId === undefined || record?.[under.idField] === under.parentId
  if (!record || !ofParent) throw refused('Value does not reference an existing entity for id . ')
  return record
}
