import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { NoteRecord } from '../records.js'
import { withoutNulls } from './json.js'
import { contactRef, ID_IDENTIFIER_NAME, ID_NAME, memberRef } from './references.js'

export const NOTE_SCHEMA = {
  id: 'integer',
  ticketId: 'integer',
  text: 'string',
  detailDescriptionFlag: 'boolean',
  internalAnalysisFlag: 'boolean',
  resolutionFlag: 'boolean',
  internalFlag: 'boolean',
  externalFlag: 'boolean',
  member: ID_IDENTIFIER_NAME,
  contact: ID_NAME,
  dateCreated: 'datetime',
  createdBy: 'string',
} as const satisfies FieldSchema

export function noteView(db: ConnectWiseDatabase, note: NoteRecord): JsonObject {
  return withoutNulls({
    id: note.id,
    ticketId: note.ticketId,
    text: note.text,
    detailDescriptionFlag: note.detailDescriptionFlag,
    internalAnalysisFlag: note.internalAnalysisFlag,
    resolutionFlag: note.resolutionFlag,
    internalFlag: note.internalFlag,
    externalFlag: note.externalFlag,
    member: memberRef(db, note.memberId),
    contact: contactRef(db, note.contactId),
    dateCreated: note.dateCreated,
    createdBy: note.createdBy,
  })
}
