import type { CallbackEndpoint } from '../../adapters/types.js'
import { callbackPath, callbackSigningKey, callbackToken } from '../../src/events/callback-token.js'

/** An `EVENT_CALLBACK_SECRET` for the tests' gateways. */
export const CALLBACK_SECRET = 'a-callback-secret-of-at-least-32-characters'

/** Each connection's callback endpoint at a gateway listening on the loopback's `port`, as the server derives it. */
export const callbackEndpointsAt =
  (port: number, secret = CALLBACK_SECRET) =>
  (connection: string): CallbackEndpoint => ({
    url: `http://127.0.0.1:${port}${callbackPath(connection, callbackToken(secret, connection))}`,
    signingKey: callbackSigningKey(secret, connection),
  })
