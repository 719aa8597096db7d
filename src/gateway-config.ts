import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './canonical/common.js'
import { ConnectionId } from './connection-config.js'

/**
 * The gateway-wide settings the core reads (log levels, gateway API keys): their shapes, apart from the loader
 * (app/config.ts), which knows the adapters and the emulators. A connection's settings: connection-config.ts.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/**
 * read: GET; write: POST/PATCH; events: the event subscriptions (/v1/subscriptions); passthrough: a connection's
 * vendor API as it is (/v1/connections/{connection}/passthrough/...), besides read or write for its method.
 */
export const API_KEY_SCOPES = ['read', 'write', 'events', 'passthrough'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

/** `sha256:` and the hex SHA-256 digest of a key: what `npm run key` prints, so no key is kept in plain text. */
export const KEY_HASH_PATTERN = '^sha256:[0-9a-fA-F]{64}$'

export const GatewayApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    /** The key's hash (preferred); or `key`, the key itself (development). Exactly one of the two. */
    keyHash: Type.Optional(Type.String({ pattern: KEY_HASH_PATTERN })),
    key: Type.Optional(Type.String({ minLength: 16 })),
    scopes: Type.Optional(Type.Array(StringEnum(API_KEY_SCOPES), { minItems: 1 })),
    /** Connections this key may use; all when absent. */
    connections: Type.Optional(Type.Array(ConnectionId)),
    /**
     * The share of each vendor's rate limit this key's calls may take (0 < share <= 1), so one busy caller
     * cannot spend a vendor's quota for the others; default API_KEY_VENDOR_SHARE, else 1.
     */
    vendorShare: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
)
export type GatewayApiKey = Static<typeof GatewayApiKey>
