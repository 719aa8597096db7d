import { Type, type Static } from '@sinclair/typebox'
import { PriorityLevel, StatusCategory } from './canonical/common.js'
import { PassthroughConfig } from './passthrough/allow-list.js'

/** Configuration pieces every vendor's connection schema is built from. */

export const ConnectionId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'lowercase letters, digits and dashes',
})

export const RateLimitOverride = Type.Object(
  {
    limit: Type.Integer({ minimum: 2 }),
    windowMs: Type.Integer({ minimum: 100 }),
    burst: Type.Optional(Type.Integer({ minimum: 1 })),
    /** 'vendor': one bucket for every connection of this vendor (one egress IP, one API member); 'connection': its own. */
    scope: Type.Optional(Type.Union([Type.Literal('vendor'), Type.Literal('connection')])),
  },
  { additionalProperties: false },
)
export type RateLimitOverride = Static<typeof RateLimitOverride>

/** Vendor status name or id -> category; wins over the vendor's flags and the name rules. */
export const StatusMap = Type.Record(Type.String({ minLength: 1 }), StatusCategory)
export type StatusMap = Static<typeof StatusMap>
/** Vendor priority name or id -> level. */
export const PriorityMap = Type.Record(Type.String({ minLength: 1 }), PriorityLevel)
export type PriorityMap = Static<typeof PriorityMap>

/** A connection's own status and priority maps (empty when not configured), which win over any vendor rule. */
export const categoryMapsOf = (config: { statusMap?: StatusMap; priorityMap?: PriorityMap }) => ({
  statusMap: config.statusMap ?? {},
  priorityMap: config.priorityMap ?? {},
})

export const commonConnectionFields = {
  id: ConnectionId,
  rateLimit: Type.Optional(RateLimitOverride),
  statusMap: Type.Optional(StatusMap),
  priorityMap: Type.Optional(PriorityMap),
  /**
   * Whether the vendor may send its own notifications (board rules mailing the contact, ticket emails) for the
   * gateway's ticket and comment writes. Default false: ConnectWise gets `processNotifications: false`, HaloPSA
   * `sendemail: false`, Syncro `do_not_email: true`.
   */
  notifications: Type.Optional(Type.Boolean()),
  /** What /passthrough may send to the vendor: methods and path prefixes. Absent: GET on every path. */
  passthrough: Type.Optional(PassthroughConfig),
}

/** A connection's notification setting: off unless the connection says `notifications: true`. */
export const notificationsAllowed = (config: { notifications?: boolean }) => config.notifications === true
