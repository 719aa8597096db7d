import { Type, type Static } from '@sinclair/typebox'
import { Nullable, PriorityLevel, StatusCategory } from './common.js'

export const Status = Type.Object(
  { id: Type.String(), name: Type.String(), category: StatusCategory, boardId: Nullable(Type.String()) },
  {
    $id: 'Status',
    additionalProperties: false,
    examples: [
      { id: 'waiting-on-customer', name: 'Waiting on Customer', category: 'pending', boardId: null },
    ],
  },
)
export type Status = Static<typeof Status>

export const Priority = Type.Object(
  { id: Type.String(), name: Type.String(), level: PriorityLevel },
  {
    $id: 'Priority',
    additionalProperties: false,
    examples: [{ id: 'urgent', name: 'Urgent', level: 'critical' }],
  },
)
export type Priority = Static<typeof Priority>

export const TicketType = Type.Object(
  { id: Type.String(), name: Type.String(), boardId: Nullable(Type.String()) },
  {
    $id: 'TicketType',
    additionalProperties: false,
    examples: [{ id: '2', name: 'Hardware', boardId: null }],
  },
)
export type TicketType = Static<typeof TicketType>

/** Where tickets are worked: ConnectWise service boards, HaloPSA teams; a vendor without them has none. */
export const Board = Type.Object(
  { id: Type.String(), name: Type.String(), active: Type.Boolean() },
  {
    $id: 'Board',
    additionalProperties: false,
    examples: [{ id: '1', name: 'Service Desk', active: true }],
  },
)
export type Board = Static<typeof Board>
