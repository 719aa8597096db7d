import { toTimestamp } from '../../shared/dates.js'
import type { AutotaskDatabase } from '../database.js'
import type { TicketNoteRecord } from '../records.js'
import { EntityError, type EntityDefinition, type FieldDefinition, type Row } from './entity.js'
import { dateTime, idField, picklist, readOnly, reference, required, text, watchable } from './fields.js'
import { acceptedValues, recordToUpdate, refused } from './writes.js'

// Required: ticketID, description (≤ 32000), noteType, publish; title optional (≤ 250)
// (ecitsolutions/Autotask:Autotask/Functions/New-AtwsTicketNote.ps1 Mandatory parameters; noteType isRequired in
// django-autotask's fixture, facts §7); createDateTime and creatorResourceID read only (facts §5 "Read-only system
// stamps"). Written only under the ticket: `POST /Tickets/{id}/Notes`; `/TicketNotes` as a top-level write answers
// 404 (WYRE-AI/autotask-mcp#24, facts §4) and a note cannot be deleted (no DELETE in SWAGGER; 405 in
// a practitioner's notes "Autotask API — Lessons Learned" (zone 19; repository not identified: weak)).

function noteFields(db: AutotaskDatabase): FieldDefinition[] {
  return [
    idField(),
    reference('ticketID', 'Ticket', { ...required, isReadOnly: false }),
    text('title', 250, watchable),
    text('description', 32000, { ...required, ...watchable }),
    picklist('noteType', db.picklist('TicketNotes', 'noteType'), { ...required, ...watchable }),
    picklist('publish', db.picklist('TicketNotes', 'publish'), { ...required, ...watchable }),
    reference('creatorResourceID', 'Resource', readOnly),
    dateTime('createDateTime', readOnly),
    dateTime('lastActivityDate', readOnly),
  ]
}

function parentTicket(db: AutotaskDatabase, parentId: number | undefined) {
  // (unsourced: the 404 text chosen; the status is the notes' above)
  if (parentId === undefined) throw new EntityError(404, ['TicketNotes are written under their ticket.'])
  const ticket = db.tickets.get(parentId)
  if (!ticket) throw refused('Value does not reference an existing entity for ticketID . ')
  return ticket
}

export const TICKET_NOTES: EntityDefinition = {
  name: 'TicketNotes',
  info: {
    name: 'TicketNotes',
    canCreate: true,
    canUpdate: true,
    canDelete: false,
    canQuery: true,
    hasUserDefinedFields: false,
    supportsWebhookCallouts: true,
  },
  parent: { entity: 'Tickets', idField: 'ticketID', childPath: 'Notes' },
  fields: noteFields,
  rows: (db) => db.ticketNotes as Map<number, Row>,
  create(db, body, parentId, now) {
    const ticket = parentTicket(db, parentId)
    const values = acceptedValues(noteFields(db), db, { ...body, ticketID: ticket.id }, 'create')
    const at = toTimestamp(now.getTime())
    const note = db.insert('ticketNotes', {
      title: null,
      ...(values as Pick<TicketNoteRecord, 'description' | 'noteType' | 'publish'>),
      ticketID: ticket.id,
      creatorResourceID: db.apiResourceID,
      createDateTime: at,
      lastActivityDate: at,
      userDefinedFields: [],
    })
    // A note is activity on its ticket. (unsourced: chosen because `lastActivityDate` says so by its name)
    db.update('tickets', ticket, { lastActivityDate: at, lastActivityResourceID: db.apiResourceID })
    return note as Row
  },
  update(db, body, parentId, now) {
    const ticket = parentTicket(db, parentId)
    const note = recordToUpdate(db.ticketNotes, body, {
      idField: 'ticketID',
      parentId: ticket.id,
    })
    // An update must name noteType and publish again, or it answers 500 (the notes above, Notes; weak).
    const missing = ['noteType', 'publish'].filter(
      (field) => body[field] === undefined || body[field] === null,
    )
    if (missing.length > 0)
      throw refused(...missing.map((field) => `Value does not exist for the required field ${field}`))
    const { ticketID: _ticketID, ...values } = acceptedValues(noteFields(db), db, body, 'update', note)
    return db.update('ticketNotes', note, {
      ...(values as Partial<TicketNoteRecord>),
      lastActivityDate: toTimestamp(now.getTime()),
    }) as Row
  },
}
