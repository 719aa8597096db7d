import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { ConfigurationRecord, ConfigurationTypeRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'
import { withoutNulls } from './json.js'
import {
  companyRef,
  contactRef,
  ID_IDENTIFIER_NAME,
  ID_NAME,
  INFO,
  infoView,
  namedRef,
} from './references.js'

export const CONFIGURATION_SCHEMA = {
  id: 'integer',
  name: 'string',
  type: ID_NAME,
  status: ID_NAME,
  company: ID_IDENTIFIER_NAME,
  contact: ID_NAME,
  serialNumber: 'string',
  modelNumber: 'string',
  tagNumber: 'string',
  manufacturer: ID_NAME,
  ipAddress: 'string',
  macAddress: 'string',
  osType: 'string',
  warrantyExpirationDate: 'datetime',
  activeFlag: 'boolean',
  customFields: 'array',
  _info: INFO,
} as const satisfies FieldSchema

export function configurationView(db: ConnectWiseDatabase, configuration: ConfigurationRecord): JsonObject {
  return withoutNulls({
    id: configuration.id,
    name: configuration.name,
    type: namedRef(db.configurationTypes, configuration.typeId),
    status: namedRef(db.configurationStatuses, configuration.statusId),
    company: companyRef(db, configuration.companyId),
    contact: contactRef(db, configuration.contactId),
    serialNumber: configuration.serialNumber,
    modelNumber: configuration.modelNumber,
    tagNumber: configuration.tagNumber,
    manufacturer: namedRef(db.manufacturers, configuration.manufacturerId),
    ipAddress: configuration.ipAddress,
    macAddress: configuration.macAddress,
    osType: configuration.osType,
    warrantyExpirationDate: configuration.warrantyExpirationDate,
    activeFlag: configuration.activeFlag,
    customFields: customFieldsView(db, CUSTOM_FIELD_SCREENS.configuration, configuration.customFieldValues),
    _info: infoView(configuration.info),
  })
}

export const CONFIGURATION_TYPE_SCHEMA = {
  id: 'integer',
  name: 'string',
  inactiveFlag: 'boolean',
} as const satisfies FieldSchema

export function configurationTypeView(type: ConfigurationTypeRecord): JsonObject {
  return { id: type.id, name: type.name, inactiveFlag: type.inactiveFlag }
}
