import { Type, type Static } from '@sinclair/typebox'
import {
  MultiLine,
  NonBlankLine,
  Nullable,
  PriorityLevel,
  RecordId,
  Ref,
  Remote,
  StatusCategory,
  Timestamp,
} from './common.js'
import { CustomFields, CustomFieldWrites } from './custom-field.js'

export const TicketStatus = Type.Object(
  { id: Type.String(), name: Type.String(), category: StatusCategory },
  { additionalProperties: false },
)

export const TicketPriority = Type.Object(
  { id: Type.String(), name: Type.String(), level: PriorityLevel },
  { additionalProperties: false },
)

export const Ticket = Type.Object(
  {
    id: Type.String(),
    number: Type.String({ description: "The vendor's ticket number (its id where it has none)" }),
    subject: Type.String(),
    description: Nullable(Type.String()),
    status: TicketStatus,
    priority: Nullable(TicketPriority),
    type: Nullable(Ref),
    board: Nullable(Ref),
    customer: Nullable(Ref),
    contact: Nullable(Ref),
    assignee: Nullable(Ref),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    dueAt: Nullable(Timestamp),
    closedAt: Nullable(Timestamp),
    url: Nullable(Type.String()),
    customFields: CustomFields,
    remote: Remote,
  },
  {
    $id: 'Ticket',
    additionalProperties: false,
    examples: [
      {
        id: '1207',
        number: '2207',
        subject: 'Printer on 2nd floor offline',
        description: 'The HP printer near accounting shows offline since this morning.',
        status: { id: 'in-progress', name: 'In Progress', category: 'open' },
        priority: { id: 'high', name: 'High', level: 'high' },
        type: { id: '2', name: 'Hardware' },
        board: null,
        customer: { id: '12', name: 'Northwind Dental' },
        contact: null,
        assignee: { id: '3', name: 'Dana Reyes' },
        createdAt: '2025-03-14T09:26:53.000Z',
        updatedAt: '2025-03-14T11:02:10.000Z',
        dueAt: null,
        closedAt: null,
        url: 'https://acme.syncromsp.com/tickets/1207',
        customFields: [],
      },
    ],
  },
)
export type Ticket = Static<typeof Ticket>

const ticketWriteFields = {
  subject: NonBlankLine({ minLength: 1, maxLength: 255 }),
  description: MultiLine({ maxLength: 65_535 }),
  customerId: RecordId,
  contactId: Nullable(RecordId),
  status: StatusCategory,
  statusId: RecordId,
  priority: PriorityLevel,
  priorityId: RecordId,
  typeId: RecordId,
  boardId: RecordId,
  assigneeId: Nullable(RecordId),
  dueAt: Nullable(Timestamp),
  customFields: CustomFieldWrites,
}

export const TicketCreate = Type.Object(
  {
    subject: ticketWriteFields.subject,
    description: Type.Optional(ticketWriteFields.description),
    customerId: ticketWriteFields.customerId,
    contactId: Type.Optional(RecordId),
    status: Type.Optional(ticketWriteFields.status),
    statusId: Type.Optional(ticketWriteFields.statusId),
    priority: Type.Optional(ticketWriteFields.priority),
    priorityId: Type.Optional(ticketWriteFields.priorityId),
    typeId: Type.Optional(ticketWriteFields.typeId),
    boardId: Type.Optional(ticketWriteFields.boardId),
    assigneeId: Type.Optional(RecordId),
    dueAt: Type.Optional(Timestamp),
    customFields: Type.Optional(ticketWriteFields.customFields),
  },
  {
    $id: 'TicketCreate',
    additionalProperties: false,
    examples: [{ subject: 'Printer offline', description: 'Since 9am', customerId: '12', priority: 'high' }],
  },
)
export type TicketCreate = Static<typeof TicketCreate>

export const TicketUpdate = Type.Partial(Type.Object(ticketWriteFields), {
  $id: 'TicketUpdate',
  additionalProperties: false,
  minProperties: 1,
  examples: [{ status: 'resolved' }],
})
export type TicketUpdate = Static<typeof TicketUpdate>
