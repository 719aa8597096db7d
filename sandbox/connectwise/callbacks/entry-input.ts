import { isHttpUrl } from '../../shared/urls.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import { readFlag, readText, Validation } from '../inputs/validation.js'
import type { PatchRules } from '../inputs/json-patch.js'
import type { CallbackEntryRecord } from '../records.js'
import type { FieldError } from '../vendor-errors.js'
import { CALLBACK_SCHEMA } from './entry-view.js'

export const CALLBACK_RESOURCE = 'callbackEntry'

/**
 * The levels each callback type accepts, from ConnectWise's "PSA Callbacks" developer page (copy at
 * gitea.resolutionflow.com/chihlasm/resolutionflow docs/connectwise/best-practices/PSA-Callbacks.md; see
 * docs/events-sources.md 1.1). Types go lower-case on the wire (amp-labs/connectors webhook/message.go,
 * Kerkhoff djconnectwise/callbacks.py); the page writes levels Capitalised and clients send them lower-case, so
 * both match case-insensitively. Other types (activity, agreement, ...) exist, but our sources list no levels
 * for them, so the emulator refuses them.
 */
export const CALLBACK_LEVELS: Readonly<Record<string, readonly string[]>> = {
  ticket: ['owner', 'board', 'project', 'phase', 'status', 'ticket', 'integratortag'],
  company: ['owner', 'status', 'type', 'territory', 'company', 'integratortag'],
  contact: ['owner', 'type', 'territory', 'company', 'contact'],
  configuration: ['owner', 'type', 'status', 'configuration'],
  productcatalog: ['owner'],
}

export const CALLBACK_WRITABLE = [
  'description',
  'url',
  'objectId',
  'type',
  'level',
  'payloadVersion',
  'inactiveFlag',
  'isSoapCallbackFlag',
  'isSelfSuppressedFlag',
] as const

export const CALLBACK_PATCH_RULES: PatchRules = {
  resource: CALLBACK_RESOURCE,
  schema: CALLBACK_SCHEMA,
  writable: Object.fromEntries(CALLBACK_WRITABLE.map((name) => [name, []])),
}

export type CallbackFields = Omit<CallbackEntryRecord, 'id' | 'memberId' | 'connectWiseID' | 'info'>

export function callbackFields(entry: CallbackEntryRecord): JsonObject {
  return Object.fromEntries(CALLBACK_WRITABLE.map((name) => [name, entry[name]]))
}

/**
 * A registration's fields, checked as ConnectWise does in the captured answers (amp-labs/connectors
 * providers/connectwise/internal/subscriber/test/create/create-webhook-bad-request-{1,2}.json): `url`, `objectId`,
 * `type` and `level` are required; a URL that is not absolute http(s) is `InvalidField` "Invalid URL"; a level the
 * type does not have is `InvalidObject` "Unrecognized level for type ..."; a registration matching another
 * (same url, type, level and objectId; our reading of "A matching callback entry") is `ObjectExists` on objectId.
 * A level `owner` stores objectId 1 whatever was sent (the captured create sent 0 and got 1).
 */
export function readCallback(
  db: ConnectWiseDatabase,
  fields: JsonObject,
  ownId?: number,
): { ok: true; fields: CallbackFields } | { ok: false; errors: FieldError[] } {
  const check = new Validation(CALLBACK_RESOURCE)
  const description = readText(check, fields, 'description', { max: 100 })
  const url = readText(check, fields, 'url', { max: 1000, required: true })
  if (url !== null && !isHttpUrl(url)) check.fail('InvalidField', 'url', 'Invalid URL')
  const type = readText(check, fields, 'type', { max: 50, required: true })
  const level = readText(check, fields, 'level', { max: 50, required: true })
  const levels = type === null ? undefined : CALLBACK_LEVELS[type.toLowerCase()]
  if (type !== null && levels === undefined)
    check.fail('InvalidField', 'type', `Unrecognized type, see documentation for supported types`)
  if (levels !== undefined && level !== null && !levels.includes(level.toLowerCase()))
    check.fail(
      'InvalidObject',
      'level',
      'Unrecognized level for type, see documentation for supported levels for each type',
    )
  let objectId = readObjectId(check, fields.objectId)
  if (level?.toLowerCase() === 'owner' && objectId !== null) objectId = 1
  const payloadVersion = readText(check, fields, 'payloadVersion', { max: 20 })
  const flags = {
    inactiveFlag: readFlag(check, fields, 'inactiveFlag', false),
    isSoapCallbackFlag: readFlag(check, fields, 'isSoapCallbackFlag', false),
    isSelfSuppressedFlag: readFlag(check, fields, 'isSelfSuppressedFlag', false),
  }
  if (!check.ok || url === null || type === null || level === null || objectId === null)
    return { ok: false, errors: check.errors }
  const entry = { description, url, objectId, type, level, payloadVersion, ...flags }
  const duplicate = [...db.callbacks.values()].some((other) => other.id !== ownId && sameTarget(other, entry))
  if (duplicate) {
    check.fail('ObjectExists', 'objectId', 'A matching callback entry already exists')
    return { ok: false, errors: check.errors }
  }
  return { ok: true, fields: entry }
}

function readObjectId(check: Validation, value: unknown): number | null {
  if (value === undefined || value === null)
    return check.fail('NullOrEmpty', 'objectId', 'objectId may not be empty.')
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value
  return check.fail('InvalidArgument', 'objectId', 'objectId must be a whole number.')
}

function sameTarget(a: CallbackFields, b: CallbackFields): boolean {
  return (
    a.url === b.url &&
    a.objectId === b.objectId &&
    a.type.toLowerCase() === b.type.toLowerCase() &&
    a.level.toLowerCase() === b.level.toLowerCase()
  )
}
