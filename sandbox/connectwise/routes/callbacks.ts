import { randomUUID } from 'node:crypto'
import {
  CALLBACK_PATCH_RULES,
  CALLBACK_RESOURCE,
  CALLBACK_WRITABLE,
  callbackFields,
  readCallback,
} from '../callbacks/entry-input.js'
import { CALLBACK_SCHEMA, callbackView } from '../callbacks/entry-view.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { JsonObject } from '../field-schema.js'
import type { ConnectWiseRequest, HandlerContext, RouteHandler } from '../http-types.js'
import { applyPatch } from '../inputs/json-patch.js'
import { writableFields } from '../inputs/validation.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { CallbackEntryRecord } from '../records.js'
import { invalidObject, recordNotFound, type FieldError } from '../vendor-errors.js'
import { objectBody, recordId, writeStamp } from './common.js'

// `/system/callbacks` (CallbackEntriesAPI: ai-connor/connectwise build/docs/CallbackEntriesAPI.md, generated from
// ConnectWise's OpenAPI): list, count, get, create, replace, patch, delete. What a registration calls back is in
// ../callbacks/sender.ts.

const callbackSource = (db: ConnectWiseDatabase): ListSource<CallbackEntryRecord> => ({
  records: db.callbacks,
  view: callbackView,
})

export const listCallbacks: RouteHandler = (request, context) =>
  listReply(request, context, CALLBACK_SCHEMA, callbackSource(context.db))

export const countCallbacks: RouteHandler = (request, { db }) =>
  countReply(request, CALLBACK_SCHEMA, callbackSource(db))

export const getCallback: RouteHandler = (request, { db }) => {
  const entry = db.callbacks.get(recordId(request.params.id))
  if (!entry) return recordNotFound('CallbackEntry', request.params.id)
  return recordReply(request, CALLBACK_SCHEMA, callbackView(entry))
}

/** The registering member is the API member; `connectWiseID` a new uuid, as the captured answer shows one. */
export const createCallback: RouteHandler = (request, context) => {
  const { db } = context
  const input = readCallback(db, writableFields(objectBody(request.body), CALLBACK_WRITABLE))
  if (!input.ok) return invalidObject(CALLBACK_RESOURCE, input.errors)
  const entry = db.insertCallback({
    ...input.fields,
    memberId: context.apiMemberId,
    connectWiseID: randomUUID(),
    info: stampOf(context),
  })
  return recordReply(request, CALLBACK_SCHEMA, callbackView(entry), 201)
}

export const replaceCallback: RouteHandler = (request, context) =>
  updateCallback(request, context, (entry) => ({
    ok: true,
    fields: { ...blankFields(entry), ...writableFields(objectBody(request.body), CALLBACK_WRITABLE) },
  }))

export const patchCallback: RouteHandler = (request, context) =>
  updateCallback(request, context, (entry) =>
    applyPatch(callbackFields(entry), request.body, CALLBACK_PATCH_RULES),
  )

export const deleteCallback: RouteHandler = (request, { db }) =>
  db.callbacks.delete(recordId(request.params.id))
    ? { status: 204 }
    : recordNotFound('CallbackEntry', request.params.id)

function updateCallback(
  request: ConnectWiseRequest,
  context: HandlerContext,
  change: (
    entry: CallbackEntryRecord,
  ) => { ok: true; fields: JsonObject } | { ok: false; errors: FieldError[] },
) {
  const { db } = context
  const entry = db.callbacks.get(recordId(request.params.id))
  if (!entry) return recordNotFound('CallbackEntry', request.params.id)
  const changed = change(entry)
  if (!changed.ok) return invalidObject(CALLBACK_RESOURCE, changed.errors)
  const input = readCallback(db, changed.fields, entry.id)
  if (!input.ok) return invalidObject(CALLBACK_RESOURCE, input.errors)
  Object.assign(entry, input.fields, { info: stampOf(context) })
  return recordReply(request, CALLBACK_SCHEMA, callbackView(entry))
}

/** A PUT replaces the whole entry: what it leaves out goes back to empty. */
function blankFields(entry: CallbackEntryRecord): JsonObject {
  return Object.fromEntries(Object.keys(callbackFields(entry)).map((name) => [name, null]))
}

function stampOf(context: HandlerContext) {
  const { at, by } = writeStamp(context)
  return { lastUpdated: at, updatedBy: by }
}
