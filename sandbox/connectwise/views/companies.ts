import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { CompanyRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'
import { withoutNulls } from './json.js'
import { ID_NAME, INFO, infoView, namedRef } from './references.js'

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
  customFields: 'array',
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
    customFields: customFieldsView(db, CUSTOM_FIELD_SCREENS.company, company.customFieldValues),
    _info: infoView(company.info),
  })
}
