import { Type, type Static } from '@sinclair/typebox'
import { Asset } from './asset.js'
import { Comment } from './comment.js'
import { Customer } from './customer.js'
import { Nullable, StringEnum, Timestamp } from './common.js'
import { Ticket } from './ticket.js'

/** What a change event can be about (docs/events.md). */
export const EVENT_RESOURCES = ['ticket', 'comment', 'customer', 'asset'] as const
export type EventResource = (typeof EVENT_RESOURCES)[number]

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.deleted',
  'comment.created',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'asset.created',
  'asset.updated',
  'asset.deleted',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const EVENT_SOURCES = ['callback', 'poll'] as const
export type EventSource = (typeof EVENT_SOURCES)[number]

export const ChangeEvent = Type.Object(
  {
    id: Type.String({ description: 'Unique and stable: the same change seen twice has the same id' }),
    type: StringEnum(EVENT_TYPES),
    connection: Type.String(),
    occurredAt: Type.String({
      format: 'date-time',
      description:
        "Vendor time: the record's updatedAt (a comment's createdAt); for a delete, when it was found",
    }),
    detectedAt: Timestamp,
    resource: Type.Object(
      { type: StringEnum(EVENT_RESOURCES), id: Type.String() },
      { additionalProperties: false },
    ),
    data: Nullable(
      Type.Union([Type.Ref(Ticket), Type.Ref(Comment), Type.Ref(Customer), Type.Ref(Asset)], {
        description: 'The canonical record as the gateway re-read it; null for a delete',
      }),
    ),
    source: StringEnum(EVENT_SOURCES),
  },
  {
    $id: 'ChangeEvent',
    additionalProperties: false,
    examples: [
      {
        id: 'evt_4kq2z7m3c1d9x0ab',
        type: 'ticket.deleted',
        connection: 'cw-main',
        occurredAt: '2026-12-03T10:02:14.000Z',
        detectedAt: '2026-12-03T10:02:14.532Z',
        resource: { type: 'ticket', id: '1207' },
        data: null,
        source: 'poll',
      },
    ],
  },
)
export type ChangeEvent = Static<typeof ChangeEvent>
