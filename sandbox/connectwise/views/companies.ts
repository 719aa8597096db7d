import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { CompanyRecord, ContactRecord } from '../records.js'
import { withoutNulls } from './json.js'
import { companyRef, ID_IDENTIFIER_NAME, ID_NAME, INFO, infoView, namedRef } from './references.js'

export const COMPANY_SCHEMA = {
  id: 'integer',
  identifier: 'string',
  name: 'string',
  status: ID_NAME,
  addressLine1: 'string',
  addressLine2: 'string',
  city: 'string',
  state: 'string',
  zip: 'string',
  country: ID_NAME,
  phoneNumber: 'string',
  website: 'string',
  types: 'array',
  deletedFlag: 'boolean',
  _info: INFO,
} as const satisfies FieldSchema

export function companyView(db: ConnectWiseDatabase, company: CompanyRecord): JsonObject {
  return withoutNulls({
    id: company.id,
    identifier: company.identifier,
    name: company.name,
    status: namedRef(db.companyStatuses, company.statusId),
    addressLine1: company.addressLine1,
    addressLine2: company.addressLine2,
    city: company.city,
    state: company.state,
    zip: company.zip,
    country: namedRef(db.countries, company.countryId),
    phoneNumber: company.phoneNumber,
    website: company.website,
    types: company.typeIds.map((id) => withoutNulls(namedRef(db.companyTypes, id) ?? {})),
    deletedFlag: company.deletedFlag,
    _info: infoView(company.info),
  })
}

export const CONTACT_SCHEMA = {
  id: 'integer',
  firstName: 'string',
  lastName: 'string',
  company: ID_IDENTIFIER_NAME,
  title: 'string',
  inactiveFlag: 'boolean',
  defaultFlag: 'boolean',
  communicationItems: 'array',
  _info: INFO,
} as const satisfies FieldSchema

/** Email and phone live in `communicationItems`, as the vendor keeps them. */
export function contactView(db: ConnectWiseDatabase, contact: ContactRecord): JsonObject {
  const items = [
    contact.email && {
      type: { id: 1, name: 'Email' },
      value: contact.email,
      defaultFlag: true,
      communicationType: 'Email',
    },
    contact.phone && {
      type: { id: 2, name: 'Direct' },
      value: contact.phone,
      defaultFlag: true,
      communicationType: 'Phone',
    },
  ].filter(Boolean)
  return withoutNulls({
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    company: companyRef(db, contact.companyId),
    title: contact.title,
    inactiveFlag: contact.inactiveFlag,
    defaultFlag: contact.defaultFlag,
    communicationItems: items,
    _info: infoView(contact.info),
  })
}
