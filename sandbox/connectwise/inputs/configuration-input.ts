import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type { ConfigurationRecord } from '../records.js'
import { CONFIGURATION_SCHEMA } from '../views/configurations.js'
import type { FieldError } from '../vendor-errors.js'
import type { PatchRules } from './json-patch.js'
import { customFieldsInput, readCustomFields } from './custom-field-input.js'
import { findCompany } from './lookups.js'
import { byIdIn, byIdOrName, readDate, readFlag, readReference, readText, Validation } from './validation.js'

export const CONFIGURATION_RESOURCE = 'configuration'

export const CONFIGURATION_PATCH_RULES: PatchRules = {
  resource: CONFIGURATION_RESOURCE,
  schema: CONFIGURATION_SCHEMA,
  writable: {
    name: [],
    type: ['id', 'name'],
    status: ['id', 'name'],
    company: ['id', 'identifier'],
    contact: ['id'],
    serialNumber: [],
    modelNumber: [],
    tagNumber: [],
    manufacturer: ['id', 'name'],
    ipAddress: [],
    macAddress: [],
    osType: [],
    warrantyExpirationDate: [],
    activeFlag: [],
    customFields: [],
  },
  collections: { customFields: ['value'] },
}

export type ConfigurationFields = Omit<ConfigurationRecord, 'id' | 'info'>

export type ConfigurationInput =
  { ok: true; fields: ConfigurationFields } | { ok: false; errors: FieldError[] }

/** Checks a whole configuration in request form; the status defaults to Active, `activeFlag` to true. */
export function readConfiguration(
  db: ConnectWiseDatabase,
  fields: JsonObject,
  mode: 'create' | 'update',
): ConfigurationInput {
  const check = new Validation(CONFIGURATION_RESOURCE)
  const name = readText(check, fields, 'name', { max: 100, required: true })
  // Named references as on tickets (see ReferenceKey): type, manufacturer and status by name too.
  const type = readReference(check, fields, 'type', byIdOrName(db.configurationTypes), {
    problem: (found) => (found.inactiveFlag ? 'is inactive' : undefined),
    required: true,
    namedBy: 'name',
  })
  const company = readReference(check, fields, 'company', (key) => findCompany(db, key), {
    problem: (found) => (found.deletedFlag ? 'is deleted' : undefined),
    required: true,
    namedBy: 'identifier',
  })
  const contact = readReference(check, fields, 'contact', byIdIn(db.contacts))
  const manufacturer = readReference(check, fields, 'manufacturer', byIdOrName(db.manufacturers), {
    namedBy: 'name',
  })
  const status =
    readReference(check, fields, 'status', byIdOrName(db.configurationStatuses), {
      required: mode === 'update',
      namedBy: 'name',
    }) ?? [...db.configurationStatuses.values()].find((candidate) => candidate.name === 'Active')
  const text = (field: string, max: number) => readText(check, fields, field, { max })
  const details = {
    serialNumber: text('serialNumber', 50),
    modelNumber: text('modelNumber', 50),
    tagNumber: text('tagNumber', 50),
    ipAddress: text('ipAddress', 50),
    macAddress: text('macAddress', 50),
    osType: text('osType', 250),
    warrantyExpirationDate: readDate(check, fields, 'warrantyExpirationDate'),
    activeFlag: readFlag(check, fields, 'activeFlag', true),
    customFieldValues: readCustomFields(check, db, CUSTOM_FIELD_SCREENS.configuration, fields.customFields),
  }
  if (!check.ok || name === null || type === null || company === null || !status)
    return { ok: false, errors: check.errors }
  return {
    ok: true,
    fields: {
      name,
      typeId: type.id,
      statusId: status.id,
      companyId: company.id,
      contactId: contact?.id ?? null,
      manufacturerId: manufacturer?.id ?? null,
      ...details,
    },
  }
}

/** The configuration's writable fields in request form: what a JSON Patch applies to. */
export function configurationFields(db: ConnectWiseDatabase, configuration: ConfigurationRecord): JsonObject {
  const ref = (id: number | null) => (id === null ? null : { id })
  return {
    name: configuration.name,
    type: ref(configuration.typeId),
    status: ref(configuration.statusId),
    company: ref(configuration.companyId),
    contact: ref(configuration.contactId),
    serialNumber: configuration.serialNumber,
    modelNumber: configuration.modelNumber,
    tagNumber: configuration.tagNumber,
    manufacturer: ref(configuration.manufacturerId),
    ipAddress: configuration.ipAddress,
    macAddress: configuration.macAddress,
    osType: configuration.osType,
    warrantyExpirationDate: configuration.warrantyExpirationDate,
    activeFlag: configuration.activeFlag,
    customFields: customFieldsInput(db, CUSTOM_FIELD_SCREENS.configuration, configuration.customFieldValues),
  }
}
