import { Type, type Static } from '@sinclair/typebox'
import { ConnectionId } from '../connection-config.js'
import { Nullable, StringEnum, Timestamp } from './common.js'
import { EVENT_TYPES } from './event.js'
import { ListOf } from './page.js'

/** Push delivery of change events (docs/events.md): a receiver's URL and what it wants. */

const SUBSCRIPTION_EXAMPLE = {
  id: 'sub_7hq2m4k9c3x1d0fa',
  url: 'https://hooks.example.com/psa',
  connections: ['cw-main'],
  types: ['ticket.created', 'ticket.updated'],
  enabled: true,
  disabledReason: null,
  createdAt: '2026-12-03T10:00:00.000Z',
}

const subscriptionFields = {
  id: Type.String(),
  url: Type.String({ description: 'Where each event is POSTed' }),
  connections: Nullable(Type.Array(Type.String(), { description: 'Null: every connection' })),
  types: Nullable(Type.Array(StringEnum(EVENT_TYPES), { description: 'Null: every type' })),
  enabled: Type.Boolean({ description: 'False once a 410 or a spent retry schedule disabled it' }),
  disabledReason: Nullable(Type.String()),
  createdAt: Timestamp,
}

export const Subscription = Type.Object(subscriptionFields, {
  $id: 'Subscription',
  additionalProperties: false,
  examples: [SUBSCRIPTION_EXAMPLE],
})
export type Subscription = Static<typeof Subscription>

export const CreatedSubscription = Type.Object(
  {
    ...subscriptionFields,
    secret: Type.String({
      description:
        'The Standard Webhooks signing secret (whsec_ and base64 of 32 random bytes): shown in this answer only',
    }),
  },
  {
    $id: 'CreatedSubscription',
    additionalProperties: false,
    examples: [{ ...SUBSCRIPTION_EXAMPLE, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw0bIR2x1hM6Y=' }],
  },
)

export const SubscriptionCreate = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: 2048,
      description: 'https, resolving to public addresses only (unless WEBHOOK_ALLOW_PRIVATE_URLS=true)',
    }),
    connections: Type.Optional(
      Type.Array(ConnectionId, { minItems: 1, uniqueItems: true, description: 'Default: every connection' }),
    ),
    types: Type.Optional(
      Type.Array(StringEnum(EVENT_TYPES), {
        minItems: 1,
        uniqueItems: true,
        description: 'Default: every type',
      }),
    ),
  },
  {
    $id: 'SubscriptionCreate',
    additionalProperties: false,
    examples: [{ url: 'https://hooks.example.com/psa', connections: ['cw-main'], types: ['ticket.created'] }],
  },
)
export type SubscriptionCreate = Static<typeof SubscriptionCreate>

export const DELIVERY_OUTCOMES = ['delivered', 'failed', 'gone'] as const
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number]

export const DeliveryAttempt = Type.Object(
  {
    eventId: Type.String(),
    connection: Type.String(),
    attemptedAt: Timestamp,
    outcome: StringEnum(DELIVERY_OUTCOMES, {
      description: 'delivered: a 2xx; gone: a 410, which disables the subscription; failed: anything else',
    }),
    status: Nullable(Type.Integer({ description: "The receiver's HTTP status; null when none came" })),
    error: Nullable(Type.String({ description: 'Why no status came (timeout, refused address...)' })),
    durationMs: Type.Integer({ minimum: 0 }),
  },
  {
    $id: 'DeliveryAttempt',
    additionalProperties: false,
    examples: [
      {
        eventId: 'evt_4kq2z7m3c1d9x0ab',
        connection: 'cw-main',
        attemptedAt: '2026-12-03T10:02:15.000Z',
        outcome: 'delivered',
        status: 204,
        error: null,
        durationMs: 84,
      },
    ],
  },
)
export type DeliveryAttempt = Static<typeof DeliveryAttempt>

export const SubscriptionList = ListOf(Type.Ref(Subscription), 'SubscriptionList')
export const DeliveryAttemptList = ListOf(Type.Ref(DeliveryAttempt), 'DeliveryAttemptList')
