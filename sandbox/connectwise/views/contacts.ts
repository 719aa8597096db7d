import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { CommunicationItemRecord, CommunicationTypeRecord, ContactRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'
import { withoutNulls } from './json.js'
import { companyRef, ID_IDENTIFIER_NAME, ID_NAME, INFO, infoView } from './references.js'

export const CONTACT_SCHEMA = {
  id: 'integer',
  firstName: 'string',
  lastName: 'string',
  company: ID_IDENTIFIER_NAME,
  title: 'string',
  inactiveFlag: 'boolean',
  defaultFlag: 'boolean',
  communicationItems: 'array',
  customFields: 'array',
  _info: INFO,
} as const satisfies FieldSchema

/** A communication item's fields, for `childConditions` on `communicationItems/...`. */
export const COMMUNICATION_ITEM_SCHEMA = {
  id: 'integer',
  type: ID_NAME,
  value: 'string',
  extension: 'string',
  defaultFlag: 'boolean',
  domain: 'string',
  communicationType: 'string',
} as const satisfies FieldSchema

/** Email, phones and fax live in `communicationItems`, as the vendor keeps them. */
export function contactView(db: ConnectWiseDatabase, contact: ContactRecord): JsonObject {
  return withoutNulls({
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: companyRef(db, contact.companyId),
    title: contact.title,
    inactiveFlag: contact.inactiveFlag,
    defaultFlag: contact.defaultFlag,
    communicationItems: contact.communicationItems.map((item) => communicationItemView(db, item)),
    customFields: customFieldsView(db, CUSTOM_FIELD_SCREENS.contact, contact.customFieldValues),
    _info: infoView(contact.info),
  })
}

/**
 * As captured (amp-labs/connectors test/read/contact-emma-diaz.json): the type by id and its description as
 * `name`; an email's `domain` is its part from the `@`.
 */
function communicationItemView(db: ConnectWiseDatabase, item: CommunicationItemRecord): JsonObject {
  const at = item.value.indexOf('@')
  return withoutNulls({
    id: item.id,
    type: { id: item.typeId, name: db.communicationTypes.get(item.typeId)?.description },
    value: item.value,
    extension: item.extension,
    defaultFlag: item.defaultFlag,
    domain: item.communicationType === 'Email' && at >= 0 ? item.value.slice(at) : null,
    communicationType: item.communicationType,
  })
}

export const COMMUNICATION_TYPE_SCHEMA = {
  id: 'integer',
  description: 'string',
  phoneFlag: 'boolean',
  faxFlag: 'boolean',
  emailFlag: 'boolean',
  defaultFlag: 'boolean',
} as const satisfies FieldSchema

export function communicationTypeView(type: CommunicationTypeRecord): JsonObject {
  return { ...type }
}
