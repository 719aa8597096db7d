import type { ConnectWiseDatabase } from '../database.js'
import { applyPatch } from '../inputs/json-patch.js'
import {
  readTicket,
  TICKET_CREATE_FIELDS,
  TICKET_PATCH_RULES,
  TICKET_RESOURCE,
  ticketFields,
  type TicketFields,
} from '../inputs/ticket-input.js'
import { readProcessNotifications, splitNotificationOperations } from '../inputs/notifications.js'
import { writableFields } from '../inputs/validation.js'
import type { ConnectWiseRequest, HandlerContext, RouteHandler } from '../http-types.js'
import { countReply, listReply, recordReply } from '../listing/list.js'
import type { ListSource } from '../listing/matches.js'
import type { TicketRecord } from '../records.js'
import { invalidArgument, invalidObject, recordNotFound } from '../vendor-errors.js'
import { TICKET_SCHEMA, ticketView } from '../views/tickets.js'
import { newInfo, objectBody, recordId, touchedInfo, writeStamp, type WriteStamp } from './common.js'

const ticketSource = (db: ConnectWiseDatabase): ListSource<TicketRecord> => ({
  records: db.tickets,
  view: (ticket) => ticketView(db, ticket),
})

export const listTickets: RouteHandler = (request, context) =>
  listReply(request, context, TICKET_SCHEMA, ticketSource(context.db))

/**
 * `POST /service/tickets/search` (postServiceTicketsSearch in ConnectWise's spec, as generated in
 * connectwise-rest 1.3.0): the body is FilterValues `{conditions, orderBy, childconditions,
 * customfieldconditions}` (names matched case-insensitively, as the vendor's JSON binding does); paging and
 * `fields` stay in the query, as on the GET list. Any other body field answers 400 (our choice: an ignored
 * filter would answer unfiltered records).
 */
export const searchTickets: RouteHandler = (request, context) => {
  const body = objectBody(request.body)
  const names = ['conditions', 'orderBy', 'childConditions', 'customFieldConditions'] as const
  const values = new Map<string, string>()
  for (const [key, value] of Object.entries(body)) {
    const name = names.find((candidate) => candidate.toLowerCase() === key.toLowerCase())
    if (name === undefined)
      return invalidArgument(
        `'${key}' is not a search field; use ${names.join(', ')} (paging goes in the query).`,
      )
    if (value === null || value === undefined) continue
    if (typeof value !== 'string') return invalidArgument(`${name} must be a string.`)
    if (value.trim() !== '') values.set(name, value)
  }
  return listReply(request, context, TICKET_SCHEMA, ticketSource(context.db), {
    filters: (name) => values.get(name),
    orderBy: values.get('orderBy'),
  })
}

export const countTickets: RouteHandler = (request, { db }) =>
  countReply(request, TICKET_SCHEMA, ticketSource(db))

export const getTicket: RouteHandler = (request, { db }) => {
  const ticket = db.tickets.get(recordId(request.params.id))
  if (!ticket) return recordNotFound('Ticket', request.params.id)
  return recordReply(request, TICKET_SCHEMA, ticketView(db, ticket))
}

/** `initialDescription` becomes the first note (the description), written by the API member. */
export const createTicket: RouteHandler = (request, context) => {
  const { db } = context
  const body = objectBody(request.body)
  const fields = writableFields(body, TICKET_CREATE_FIELDS)
  const input = readTicket(db, fields, 'create')
  if (!input.ok) return invalidObject(TICKET_RESOURCE, input.errors)
  const notify = readProcessNotifications(body, TICKET_RESOURCE)
  if (!notify.ok) return invalidObject(TICKET_RESOURCE, notify.errors)
  const stamp = writeStamp(context)
  const ticket = db.insertTicket({
    ...input.fields,
    ...closure(db, undefined, input.fields.statusId, stamp),
    info: newInfo(stamp),
  })
  const description = fields.initialDescription
  if (typeof description === 'string' && description.trim() !== '') {
    db.insertNote({
      ticketId: ticket.id,
      text: description,
      detailDescriptionFlag: true,
      internalAnalysisFlag: false,
      resolutionFlag: false,
      internalFlag: false,
      externalFlag: false,
      memberId: context.apiMemberId,
      contactId: null,
      dateCreated: stamp.at,
      createdBy: stamp.by,
    })
  }
  logNotifications(db, 'POST', ticket.id, notify.value)
  return recordReply(request, TICKET_SCHEMA, ticketView(db, ticket), 201)
}

/**
 * A JSON Patch, checked as a whole ticket afterwards. A new contact brings its name and email along unless the
 * same patch sets them.
 */
export const patchTicket: RouteHandler = (request, context) => {
  const { db } = context
  const ticket = db.tickets.get(recordId(request.params.id))
  if (!ticket) return recordNotFound('Ticket', request.params.id)
  // processNotifications is a write option, not a ticket field: a patch of nothing else changes nothing.
  const operations = splitNotificationOperations(request.body)
  const notify = readProcessNotifications(operations.flag, TICKET_RESOURCE)
  if (!notify.ok) return invalidObject(TICKET_RESOURCE, notify.errors)
  const patch = operations.onlyFlag
    ? { ok: true as const, fields: ticketFields(db, ticket), touched: new Set<string>() }
    : applyPatch(ticketFields(db, ticket), operations.rest, TICKET_PATCH_RULES)
  if (!patch.ok) return invalidObject(TICKET_RESOURCE, patch.errors)
  const fields = { ...patch.fields }
  if (patch.touched.has('contact')) {
    if (!patch.touched.has('contactName')) delete fields.contactName
    if (!patch.touched.has('contactEmailAddress')) delete fields.contactEmailAddress
  }
  const input = readTicket(db, fields, 'update')
  if (!input.ok) return invalidObject(TICKET_RESOURCE, input.errors)
  logNotifications(db, 'PATCH', ticket.id, notify.value)
  return saveTicket(request, context, ticket, input.fields)
}

/** Full replacement under create's rules: what the body leaves out is reset to its default. */
export const replaceTicket: RouteHandler = (request, context) => {
  const { db } = context
  const ticket = db.tickets.get(recordId(request.params.id))
  if (!ticket) return recordNotFound('Ticket', request.params.id)
  const body = objectBody(request.body)
  const fields = writableFields(body, Object.keys(TICKET_PATCH_RULES.writable))
  const input = readTicket(db, fields, 'create')
  if (!input.ok) return invalidObject(TICKET_RESOURCE, input.errors)
  const notify = readProcessNotifications(body, TICKET_RESOURCE)
  if (!notify.ok) return invalidObject(TICKET_RESOURCE, notify.errors)
  logNotifications(db, 'PUT', ticket.id, notify.value)
  return saveTicket(request, context, ticket, input.fields)
}

export const deleteTicket: RouteHandler = (request, context) =>
  context.db.deleteTicket(recordId(request.params.id), writeStamp(context).by)
    ? { status: 204 }
    : recordNotFound('Ticket', request.params.id)

const logNotifications = (
  db: ConnectWiseDatabase,
  method: string,
  id: number,
  processNotifications: boolean,
) => db.notifications.push({ resource: 'ticket', id, method, processNotifications })

function saveTicket(
  request: ConnectWiseRequest,
  context: HandlerContext,
  ticket: TicketRecord,
  fields: TicketFields,
) {
  const { db } = context
  const stamp = writeStamp(context)
  db.updateTicket(ticket, {
    ...fields,
    ...closure(db, ticket, fields.statusId, stamp),
    info: touchedInfo(ticket.info, stamp),
  })
  return recordReply(request, TICKET_SCHEMA, ticketView(db, ticket))
}

/**
 * The closed fields after a move to `statusId`: entering a closed status stamps closedDate and dateResolved,
 * moving between closed statuses keeps them, leaving clears them.
 */
function closure(
  db: ConnectWiseDatabase,
  ticket: TicketRecord | undefined,
  statusId: number,
  stamp: WriteStamp,
) {
  const closed = db.statuses.get(statusId)?.closedStatus ?? false
  if (!closed) return { closedFlag: false, closedDate: null, dateResolved: null }
  if (ticket?.closedFlag)
    return { closedFlag: true, closedDate: ticket.closedDate, dateResolved: ticket.dateResolved }
  return { closedFlag: true, closedDate: stamp.at, dateResolved: stamp.at }
}
