import type { CustomFieldScreen } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { CustomFieldValues, UserDefinedFieldRecord } from '../records.js'

/**
 * A record's `customFields`: every definition of its screen, in order, the unset ones with `value` null, as a
 * ConnectWise sandbox answers them (amp-labs/connectors providers/connectwise/test/write/contacts/new.json: a new
 * contact lists all 24 definitions of its screen, each with id, caption, type, entryMethod, numberOfDecimals, value,
 * connectWiseId, rowNum, userDefinedFieldRecId and podId). The caption is the definition's current one; `id` never
 * changes.
 */
export function customFieldsView(
  db: ConnectWiseDatabase,
  screen: CustomFieldScreen,
  values: CustomFieldValues,
): JsonObject[] {
  return db.customFieldsOf(screen.screenId).map((definition) => ({
    id: definition.id,
    caption: definition.caption,
    type: definition.fieldTypeIdentifier,
    entryMethod: definition.entryTypeIdentifier,
    numberOfDecimals: definition.numberDecimals,
    value: values[definition.id] ?? null,
    connectWiseId: definition.connectWiseID,
    rowNum: definition.sequenceNumber,
    userDefinedFieldRecId: definition.id,
    podId: podKey(definition),
  }))
}

/** The captured answers name a pod by a key of its description (`contact_overview` for "Contact Overview"). */
function podKey(definition: UserDefinedFieldRecord): string {
  return definition.podDescription.toLowerCase().replace(/\s+/g, '_')
}

export const USER_DEFINED_FIELD_SCHEMA = {
  id: 'integer',
  podId: 'integer',
  podDescription: 'string',
  caption: 'string',
  sequenceNumber: 'integer',
  screenId: 'string',
  screenDescription: 'string',
  helpText: 'string',
  fieldTypeIdentifier: 'string',
  numberDecimals: 'integer',
  entryTypeIdentifier: 'string',
  requiredFlag: 'boolean',
  displayOnScreenFlag: 'boolean',
  readOnlyFlag: 'boolean',
  listViewFlag: 'boolean',
  options: 'array',
  businessUnitIds: 'array',
  locationIds: 'array',
  connectWiseID: 'string',
  displayScreenInASIO: 'boolean',
  dateCreated: 'datetime',
  _info: {},
} as const satisfies FieldSchema

/** As captured (definitions.json): `options` only on fields that have some, empty unit lists, `_info` empty. */
export function userDefinedFieldView(definition: UserDefinedFieldRecord): JsonObject {
  const { options, helpText, ...rest } = definition
  return {
    ...rest,
    ...(helpText === null ? {} : { helpText }),
    ...(options.length > 0 ? { options: options.map((option) => ({ ...option })) } : {}),
    businessUnitIds: [],
    locationIds: [],
    displayScreenInASIO: false,
    _info: {},
  }
}
