import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { CallbackEntryRecord } from '../records.js'
import { withoutNulls } from '../views/json.js'

export const CALLBACK_SCHEMA = {
  id: 'integer',
  description: 'string',
  url: 'string',
  objectId: 'integer',
  type: 'string',
  level: 'string',
  memberId: 'integer',
  payloadVersion: 'string',
  inactiveFlag: 'boolean',
  isSoapCallbackFlag: 'boolean',
  isSelfSuppressedFlag: 'boolean',
  connectWiseID: 'string',
  _info: { lastUpdated: 'datetime', updatedBy: 'string' },
} as const satisfies FieldSchema

/** As the captured create answer (amp-labs/connectors .../subscriber/test/create/tickets/response.json). */
export function callbackView(entry: CallbackEntryRecord): JsonObject {
  const { info, ...fields } = entry
  return withoutNulls({ ...fields, _info: { ...info } })
}
