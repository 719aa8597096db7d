import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type {
  CommunicationItemRecord,
  CommunicationKind,
  CommunicationTypeRecord,
  ContactRecord,
} from '../records.js'
import { CONTACT_SCHEMA } from '../views/contacts.js'
import type { FieldError } from '../vendor-errors.js'
import { customFieldsInput, readCustomFields } from './custom-field-input.js'
import type { PatchRules } from './json-patch.js'
import { findCompany } from './lookups.js'
import { byIdOrName, readFlag, readReference, readText, referenceKeyBy, Validation } from './validation.js'

// A contact write. The limits are the Contact and ContactCommunicationItem models' (spinen/connectwise-company-
// php-client lib/Model/Contact.php and ContactCommunicationItem.php, generated from ConnectWise's spec): firstName
// required, at most 30 characters, lastName 30, title 100; an item's type and value required, value at most 250,
// extension 15, communicationType Phone, Fax or Email.

export const CONTACT_RESOURCE = 'contact'

const ITEM_FIELDS = ['type', 'value', 'extension', 'defaultFlag', 'communicationType'] as const

export const CONTACT_PATCH_RULES: PatchRules = {
  resource: CONTACT_RESOURCE,
  schema: CONTACT_SCHEMA,
  writable: {
    firstName: [],
    lastName: [],
    company: ['id', 'identifier'],
    title: [],
    inactiveFlag: [],
    communicationItems: [],
    customFields: [],
  },
  collections: { communicationItems: ITEM_FIELDS, customFields: ['value'] },
}

export type ContactFields = Omit<ContactRecord, 'id' | 'defaultFlag' | 'info'>

export type ContactInput = { ok: true; fields: ContactFields } | { ok: false; errors: FieldError[] }

/**
 * Checks a whole contact in request form; `existing` is the contact being patched, whose items keep their ids.
 * A contact needs no company (a captured one has none); a deleted company cannot take new contacts.
 */
export function readContact(
  db: ConnectWiseDatabase,
  fields: JsonObject,
  existing?: ContactRecord,
): ContactInput {
  const check = new Validation(CONTACT_RESOURCE)
  const firstName = readFirstName(check, fields)
  const lastName = readText(check, fields, 'lastName', { max: 30 })
  const title = readText(check, fields, 'title', { max: 100 })
  const company = readReference(check, fields, 'company', (key) => findCompany(db, key), {
    problem: (found) => (found.deletedFlag && found.id !== existing?.companyId ? 'is deleted' : undefined),
    namedBy: 'identifier',
  })
  const inactiveFlag = readFlag(check, fields, 'inactiveFlag', false)
  const communicationItems = readItems(check, db, fields.communicationItems, existing)
  const customFieldValues = readCustomFields(check, db, CUSTOM_FIELD_SCREENS.contact, fields.customFields)
  if (!check.ok || firstName === null) return { ok: false, errors: check.errors }
  return {
    ok: true,
    fields: {
      firstName,
      lastName,
      companyId: company?.id ?? null,
      title,
      communicationItems,
      inactiveFlag,
      customFieldValues,
    },
  }
}

/** The captured answer to a contact without one (amp-labs/connectors test/write/contacts/bad-request.json). */
function readFirstName(check: Validation, fields: JsonObject): string | null {
  const value = fields.firstName
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
    return check.fail('MissingRequiredField', 'firstName', 'The firstName field is required.')
  return readText(check, fields, 'firstName', { max: 30, required: true })
}

/** The contact's writable fields in request form: what a JSON Patch applies to. */
export function contactFields(db: ConnectWiseDatabase, contact: ContactRecord): JsonObject {
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: contact.companyId === null ? null : { id: contact.companyId },
    title: contact.title,
    inactiveFlag: contact.inactiveFlag,
    communicationItems: contact.communicationItems.map((item) => ({
      id: item.id,
      type: { id: item.typeId },
      value: item.value,
      extension: item.extension,
      defaultFlag: item.defaultFlag,
      communicationType: item.communicationType,
    })),
    customFields: customFieldsInput(db, CUSTOM_FIELD_SCREENS.contact, contact.customFieldValues),
  }
}

/**
 * The items as a whole list: the one sent is the contact's new set. An item keeps its id when it names one of the
 * contact's own; any other gets a new one. Its kind is its type's (the flags of `/company/communicationTypes`); a
 * `communicationType` sent that says otherwise is refused (our choice: the captured writes always send the
 * matching one).
 */
function readItems(
  check: Validation,
  db: ConnectWiseDatabase,
  sent: unknown,
  existing: ContactRecord | undefined,
): CommunicationItemRecord[] {
  if (sent === undefined || sent === null) return []
  const fail = (message: string) => {
    check.fail('InvalidArgument', 'communicationItems', message)
    return []
  }
  if (!Array.isArray(sent)) return fail('communicationItems must be a list of {type, value}.')
  const items: CommunicationItemRecord[] = []
  sent.forEach((element: unknown, index) => {
    const at = `communicationItems[${index}]`
    if (typeof element !== 'object' || element === null || Array.isArray(element))
      return fail(`${at} must be an object {type, value}.`)
    const item = element as JsonObject
    const key = referenceKeyBy(item.type, 'name')
    if (key === undefined) return fail(`${at}.type must be an object with an id, e.g. {"id": 1}.`)
    const type = byIdOrName(namedTypes(db))(key)
    if (type === undefined) return fail(`${at}.type was not found.`)
    const kind = kindOf(type)
    const claimed = item.communicationType
    if (claimed !== undefined && claimed !== null && String(claimed).toLowerCase() !== kind.toLowerCase())
      return fail(`${at}.communicationType is ${kind} for type ${type.id} (${type.description}).`)
    // The item's own problems are reported on communicationItems, naming the item.
    const itemCheck = new Validation(CONTACT_RESOURCE)
    const value = readText(itemCheck, item, 'value', { max: 250, required: true })
    const extension = readText(itemCheck, item, 'extension', { max: 15 })
    const defaultFlag = readFlag(itemCheck, item, 'defaultFlag', false)
    for (const error of itemCheck.errors)
      check.fail(error.code, 'communicationItems', `${at}.${error.message}`)
    if (value === null) return
    const ownId = existing?.communicationItems.find((own) => own.id === item.id)?.id
    items.push({
      id: ownId ?? db.nextCommunicationItemId(),
      typeId: type.id,
      communicationType: kind,
      value,
      extension,
      defaultFlag,
    })
  })
  return items
}

/** The types under `name` as well, as an item's `type` reference carries the description there. */
function namedTypes(
  db: ConnectWiseDatabase,
): ReadonlyMap<number, CommunicationTypeRecord & { name: string }> {
  return new Map(
    [...db.communicationTypes.values()].map((type) => [type.id, { ...type, name: type.description }]),
  )
}

function kindOf(type: CommunicationTypeRecord): CommunicationKind {
  if (type.emailFlag) return 'Email'
  return type.faxFlag ? 'Fax' : 'Phone'
}
