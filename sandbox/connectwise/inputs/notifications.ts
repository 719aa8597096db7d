import type { JsonObject } from '../field-schema.js'
import type { FieldError } from '../vendor-errors.js'
import { readFlag, Validation, writableFields } from './validation.js'

/**
 * `processNotifications` on ticket and note writes. ConnectWise's Ticket model: "Can be set to false to skip
 * notification processing when adding or updating a ticket (Defaults to True)"; its ServiceNote model has the
 * same field (spinen/connectwise-service-php-client, docs/Model/Ticket.md and docs/Model/ServiceNote.md,
 * generated from ConnectWise's spec). It is a write option, neither stored nor returned: a POST or PUT carries it
 * in the body, a PATCH as an operation on its path. The sandbox mails no one; it logs each write's value in
 * `db.notifications`, so a test can see what a client asked for.
 */
export const PROCESS_NOTIFICATIONS = 'processNotifications'

export type NotificationsInput = { ok: true; value: boolean } | { ok: false; errors: FieldError[] }

/** The flag from a write's fields (matched case-insensitively, as the vendor's JSON binding does). */
export function readProcessNotifications(body: JsonObject, resource: string): NotificationsInput {
  const check = new Validation(resource)
  const value = readFlag(check, writableFields(body, [PROCESS_NOTIFICATIONS]), PROCESS_NOTIFICATIONS, true)
  return check.ok ? { ok: true, value } : { ok: false, errors: check.errors }
}

const isFlagOperation = (operation: unknown) => {
  if (typeof operation !== 'object' || operation === null) return false
  const { path } = operation as JsonObject
  return (
    typeof path === 'string' && path.replace(/^\//, '').toLowerCase() === PROCESS_NOTIFICATIONS.toLowerCase()
  )
}

/**
 * A JSON Patch split into the operations on `processNotifications` (as fields: the last value wins, `remove`
 * is the default) and the operations on the record. Anything that is not an array is left to the patch's checks.
 */
export function splitNotificationOperations(operations: unknown): {
  flag: JsonObject
  rest: unknown
  onlyFlag: boolean
} {
  if (!Array.isArray(operations)) return { flag: {}, rest: operations, onlyFlag: false }
  const flag: JsonObject = {}
  for (const operation of operations.filter(isFlagOperation)) {
    const { op, value } = operation as JsonObject
    flag[PROCESS_NOTIFICATIONS] = typeof op === 'string' && op.toLowerCase() === 'remove' ? undefined : value
  }
  const rest = operations.filter((operation) => !isFlagOperation(operation))
  return { flag, rest, onlyFlag: rest.length === 0 && operations.length > 0 }
}
