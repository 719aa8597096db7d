import { Type, type Static } from '@sinclair/typebox'
import { MultiLine, Nullable, RecordId, Ref, Remote, Timestamp } from './common.js'

/** The most one entry records: a day. Longer work is entered day by day at every vendor we serve. */
export const MAX_TIME_ENTRY_MINUTES = 1440

/**
 * Time an agent spent on a ticket: a ConnectWise time entry charged to a service ticket, a HaloPSA action with
 * time taken, a Syncro ticket timer entry.
 */
export const TimeEntry = Type.Object(
  {
    id: Type.String(),
    ticketId: Type.String(),
    agent: Nullable(Ref),
    startedAt: Timestamp,
    endedAt: Nullable(Timestamp),
    minutes: Type.Integer({ minimum: 0, description: 'The time recorded, in whole minutes (rounded)' }),
    notes: Nullable(Type.String()),
    billable: Type.Boolean(),
    createdAt: Nullable(Timestamp),
    updatedAt: Nullable(Timestamp),
    remote: Remote,
  },
  {
    $id: 'TimeEntry',
    additionalProperties: false,
    examples: [
      {
        id: '5120',
        ticketId: '1207',
        agent: { id: '3', name: 'Dana Reyes' },
        startedAt: '2025-03-14T09:00:00.000Z',
        endedAt: '2025-03-14T09:45:00.000Z',
        minutes: 45,
        notes: 'Replaced the toner cartridge and ran a test page.',
        billable: true,
        createdAt: '2025-03-14T09:46:10.000Z',
        updatedAt: '2025-03-14T09:46:10.000Z',
      },
    ],
  },
)
export type TimeEntry = Static<typeof TimeEntry>

export const TimeEntryCreate = Type.Object(
  {
    startedAt: Timestamp,
    endedAt: Type.Optional(
      Type.String({
        ...Timestamp,
        description: 'When the work ended: send this or minutes (or both, agreeing)',
      }),
    ),
    minutes: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_TIME_ENTRY_MINUTES,
        description: 'The time worked: send this or endedAt (or both, agreeing)',
      }),
    ),
    notes: Type.Optional(MultiLine({ maxLength: 65_535 })),
    billable: Type.Optional(Type.Boolean({ description: "The vendor's default where absent" })),
    agentId: Type.Optional({
      ...RecordId,
      description: "The agent who worked (GET .../agents); the connection's own API user where absent",
    }),
  },
  {
    $id: 'TimeEntryCreate',
    additionalProperties: false,
    examples: [
      {
        startedAt: '2025-03-14T09:00:00.000Z',
        minutes: 45,
        notes: 'Replaced the toner cartridge and ran a test page.',
        billable: true,
      },
    ],
  },
)
export type TimeEntryCreate = Static<typeof TimeEntryCreate>

/** A create's start and length, whichever of endedAt and minutes it sent. */
export interface TimeEntrySpan {
  startedAt: string
  endedAt: string
  minutes: number
}
