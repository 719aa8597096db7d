import type { VendorAuth } from '../auth.js'
import type { Exchange, Layer } from './exchange.js'

/**
 * Each attempt carries the connection's credentials, fetched once it holds its turn. A 401 renews them once per
 * call (unless the call says not to: the passthrough): the attempt goes again with the new ones, and that does not
 * count as an attempt.
 */
export const authLayer =
  (auth: VendorAuth): Layer =>
  (next) => {
    const renewed = new WeakSet<Exchange>()
    return {
      async ready(exchange) {
        try {
          exchange.authHeaders = await auth.headers()
        } catch (error) {
          return { kind: 'no-credentials', error }
        }
        return next.ready(exchange)
      },
      async send(exchange) {
        const result = await next.send(exchange)
        if (
          result.kind === 'response' &&
          result.status === 401 &&
          exchange.call.renewOnUnauthorized !== false &&
          !renewed.has(exchange) &&
          (await auth.renewAfterUnauthorized(exchange.authHeaders))
        ) {
          renewed.add(exchange)
          return { kind: 'renewed-credentials' }
        }
        return result
      },
    }
  }
