import { CUSTOM_FIELD_SCREENS } from '../custom-field-screens.js'
import type { ConnectWiseDatabase } from '../database.js'
import type { FieldSchema, JsonObject } from '../field-schema.js'
import type { TicketRecord } from '../records.js'
import { customFieldsView } from './custom-fields.js'
import { withoutNulls } from './json.js'
import {
  contactRef,
  companyRef,
  ID_IDENTIFIER_NAME,
  ID_NAME,
  INFO,
  infoView,
  memberRef,
  namedRef,
} from './references.js'

export const TICKET_SCHEMA = {
  id: 'integer',
  summary: 'string',
  recordType: 'string',
  board: ID_NAME,
  status: { ...ID_NAME, sort: 'integer' },
  company: ID_IDENTIFIER_NAME,
  contact: ID_NAME,
  contactName: 'string',
  contactEmailAddress: 'string',
  type: ID_NAME,
  owner: ID_IDENTIFIER_NAME,
  priority: { ...ID_NAME, sort: 'integer', level: 'string' },
  severity: 'string',
  impact: 'string',
  requiredDate: 'datetime',
  closedDate: 'datetime',
  closedFlag: 'boolean',
  dateResolved: 'datetime',
  customFields: 'array',
  _info: INFO,
} as const satisfies FieldSchema

export function ticketView(db: ConnectWiseDatabase, ticket: TicketRecord): JsonObject {
  const status = db.statuses.get(ticket.statusId)
  const priority = db.priorities.get(ticket.priorityId)
  return withoutNulls({
    id: ticket.id,
    summary: ticket.summary,
    recordType: 'ServiceTicket',
    board: namedRef(db.boards, ticket.boardId),
    status: { id: ticket.statusId, name: status?.name, sort: status?.sortOrder },
    company: companyRef(db, ticket.companyId),
    contact: contactRef(db, ticket.contactId),
    contactName: ticket.contactName,
    contactEmailAddress: ticket.contactEmailAddress,
    type: namedRef(db.types, ticket.typeId),
    owner: memberRef(db, ticket.ownerId),
    priority: {
      id: ticket.priorityId,
      name: priority?.name,
      sort: priority?.sortOrder,
      level: priority?.level,
    },
    severity: ticket.severity,
    impact: ticket.impact,
    requiredDate: ticket.requiredDate,
    closedDate: ticket.closedDate,
    closedFlag: ticket.closedFlag,
    dateResolved: ticket.dateResolved,
    customFields: customFieldsView(db, CUSTOM_FIELD_SCREENS.ticket, ticket.customFieldValues),
    _info: infoView(ticket.info),
  })
}
