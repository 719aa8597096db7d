import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { TimeEntryRecord } from '../records.js'
import { withoutNulls } from './json.js'
import { companyRef, ID_IDENTIFIER_NAME, INFO, infoView, memberRef } from './references.js'

/** TimeEntry's fields the emulator keeps (sowderca/connectwise-ruby-sdk models/time_entry.rb). */
export const TIME_ENTRY_SCHEMA = {
  id: 'integer',
  company: ID_IDENTIFIER_NAME,
  chargeToId: 'integer',
  chargeToType: 'string',
  member: ID_IDENTIFIER_NAME,
  timeStart: 'datetime',
  timeEnd: 'datetime',
  hoursDeduct: 'number',
  actualHours: 'number',
  billableOption: 'string',
  notes: 'string',
  internalNotes: 'string',
  addToDetailDescriptionFlag: 'boolean',
  addToInternalAnalysisFlag: 'boolean',
  addToResolutionFlag: 'boolean',
  enteredBy: 'string',
  dateEntered: 'datetime',
  _info: INFO,
} as const satisfies FieldSchema

export function timeEntryView(db: ConnectWiseDatabase, entry: TimeEntryRecord): JsonObject {
  return withoutNulls({
    id: entry.id,
    company: companyRef(db, entry.companyId),
    chargeToId: entry.ticketId,
    chargeToType: 'ServiceTicket',
    member: memberRef(db, entry.memberId),
    timeStart: entry.timeStart,
    timeEnd: entry.timeEnd,
    hoursDeduct: entry.hoursDeduct,
    actualHours: entry.actualHours,
    billableOption: entry.billableOption,
    notes: entry.notes,
    internalNotes: entry.internalNotes,
    addToDetailDescriptionFlag: entry.addToDetailDescriptionFlag,
    addToInternalAnalysisFlag: entry.addToInternalAnalysisFlag,
    addToResolutionFlag: entry.addToResolutionFlag,
    enteredBy: entry.info.enteredBy,
    dateEntered: entry.info.dateEntered,
    _info: infoView(entry.info),
  })
}
