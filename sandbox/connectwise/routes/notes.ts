import { IdTable } from '../../shared/id-table.js'
import type { ConnectWiseDatabase } from '../database.js'
import { NOTE_RESOURCE, readNote } from '../inputs/note-input.js'
import { readProcessNotifications } from '../inputs/notifications.js'
import type { ConnectWiseReply, ConnectWiseRequest, HandlerContext, RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { NoteRecord, TicketRecord } from '../records.js'
import { invalidObject, recordNotFound } from '../vendor-errors.js'
import { NOTE_SCHEMA, noteView } from '../views/notes.js'
import { objectBody, recordId, touchedInfo, writeStamp } from './common.js'

type TicketHandler = (
  ticket: TicketRecord,
  request: ConnectWiseRequest,
  context: HandlerContext,
) => ConnectWiseReply

/** The handler, given the ticket the path names; 404 when there is none. */
function onTicket(handler: TicketHandler): RouteHandler {
  return (request, context) => {
    const ticket = context.db.tickets.get(recordId(request.params.id))
    return ticket ? handler(ticket, request, context) : recordNotFound('Ticket', request.params.id)
  }
}

const noteSource = (db: ConnectWiseDatabase, ticket: TicketRecord): ListSource<NoteRecord> => ({
  records: new IdTable(db.notesOf(ticket.id)),
  view: (note) => noteView(db, note),
})

export const listNotes = onTicket((ticket, request, context) =>
  listReply(request, context, NOTE_SCHEMA, noteSource(context.db, ticket)),
)

export const countNotes = onTicket((ticket, request, { db }) =>
  countReply(request, NOTE_SCHEMA, noteSource(db, ticket)),
)

export const getNote = onTicket((ticket, request, { db }) => {
  const note = db.notes.get(recordId(request.params.noteId))
  if (!note || note.ticketId !== ticket.id) return recordNotFound('Note', request.params.noteId)
  return recordReply(request, NOTE_SCHEMA, noteView(db, note))
})

/** Written by the API member; the ticket counts as updated. */
export const createNote = onTicket((ticket, request, context) => {
  const { db } = context
  const body = objectBody(request.body)
  const input = readNote(body)
  if (!input.ok) return invalidObject(NOTE_RESOURCE, input.errors)
  const notify = readProcessNotifications(body, NOTE_RESOURCE)
  if (!notify.ok) return invalidObject(NOTE_RESOURCE, notify.errors)
  const stamp = writeStamp(context)
  const note = db.insertNote({
    ...input.fields,
    ticketId: ticket.id,
    memberId: context.apiMemberId,
    contactId: null,
    dateCreated: stamp.at,
    createdBy: stamp.by,
  })
  db.updateTicket(ticket, { info: touchedInfo(ticket.info, stamp) })
  db.notifications.push({
    resource: 'ticketNote',
    id: note.id,
    method: 'POST',
    processNotifications: notify.value,
  })
  return recordReply(request, NOTE_SCHEMA, noteView(db, note), 201)
})
