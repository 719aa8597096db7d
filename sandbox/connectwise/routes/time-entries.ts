import type { ConnectWiseDatabase } from '../database.js'
import type { RouteHandler } from '../http-types.js'
import { applyPatch } from '../inputs/json-patch.js'
import {
  readTimeEntry,
  TIME_ENTRY_CREATE_FIELDS,
  TIME_ENTRY_PATCH_RULES,
  TIME_ENTRY_RESOURCE,
  timeEntryFields,
} from '../inputs/time-entry-input.js'
import { writableFields } from '../inputs/validation.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { TimeEntryRecord } from '../records.js'
import { invalidObject, recordNotFound } from '../vendor-errors.js'
import { TIME_ENTRY_SCHEMA, timeEntryView } from '../views/time-entries.js'
import { newInfo, objectBody, recordId, touchedInfo, writeStamp } from './common.js'

// `/time/entries`: one list across tickets (one ticket's time: `conditions=chargeToId=5 and
// chargeToType="ServiceTicket"`), get, POST, PATCH (a JSON Patch array) and DELETE by id, as
// christaylorcodes/ConnectWiseManageAPI has them (Public/Time/TimeEntries: Get, New, Update, Remove-CWMTimeEntry).

const timeEntrySource = (db: ConnectWiseDatabase): ListSource<TimeEntryRecord> => ({
  records: db.timeEntries,
  view: (entry) => timeEntryView(db, entry),
})

export const listTimeEntries: RouteHandler = (request, context) =>
  listReply(request, context, TIME_ENTRY_SCHEMA, timeEntrySource(context.db))

export const countTimeEntries: RouteHandler = (request, { db }) =>
  countReply(request, TIME_ENTRY_SCHEMA, timeEntrySource(db))

export const getTimeEntry: RouteHandler = (request, { db }) => {
  const entry = db.timeEntries.get(recordId(request.params.id))
  if (!entry) return recordNotFound('TimeEntry', request.params.id)
  return recordReply(request, TIME_ENTRY_SCHEMA, timeEntryView(db, entry))
}

export const createTimeEntry: RouteHandler = (request, context) => {
  const { db } = context
  const fields = writableFields(objectBody(request.body), TIME_ENTRY_CREATE_FIELDS)
  const input = readTimeEntry(db, fields, {
    mode: 'create',
    defaultMemberId: context.apiMemberId,
    hoursSetTheEnd: fields.timeEnd === undefined || fields.timeEnd === null,
  })
  if (!input.ok) return invalidObject(TIME_ENTRY_RESOURCE, input.errors)
  const entry = db.insertTimeEntry({ ...input.fields, info: newInfo(writeStamp(context)) })
  return recordReply(request, TIME_ENTRY_SCHEMA, timeEntryView(db, entry), 201)
}

export const patchTimeEntry: RouteHandler = (request, context) => {
  const { db } = context
  const entry = db.timeEntries.get(recordId(request.params.id))
  if (!entry) return recordNotFound('TimeEntry', request.params.id)
  const patch = applyPatch(timeEntryFields(entry), request.body, TIME_ENTRY_PATCH_RULES)
  if (!patch.ok) return invalidObject(TIME_ENTRY_RESOURCE, patch.errors)
  const input = readTimeEntry(db, patch.fields, {
    mode: 'update',
    defaultMemberId: entry.memberId,
    hoursSetTheEnd: patch.touched.has('actualHours') && !patch.touched.has('timeEnd'),
  })
  if (!input.ok) return invalidObject(TIME_ENTRY_RESOURCE, input.errors)
  db.updateTimeEntry(entry, { ...input.fields, info: touchedInfo(entry.info, writeStamp(context)) })
  return recordReply(request, TIME_ENTRY_SCHEMA, timeEntryView(db, entry))
}

export const deleteTimeEntry: RouteHandler = (request, context) => {
  const entry = context.db.timeEntries.get(recordId(request.params.id))
  if (!entry) return recordNotFound('TimeEntry', request.params.id)
  context.db.deleteTimeEntry(entry, writeStamp(context).by)
  return { status: 204 }
}
