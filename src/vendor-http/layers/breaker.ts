import { GatewayError } from '../../errors.js'
import type { ConnectionHealth } from '../health.js'
import type { FinalAttempt, SendCall } from './exchange.js'

/** Whether a call's end says the connection works: 5xx, 401, no answer, no credentials say it does not. */
function failed(final: FinalAttempt): boolean {
  if (final.kind !== 'response') return true
  if (final.status < 300) return final.unreadable === true
  return final.status >= 500 || final.status === 401
}

/**
 * The connection's circuit breaker. It admits a call once, for all its attempts: a probe's retries stay the
 * probe, and its failure opens the breaker again. A call that ends without an answer either way (the caller
 * left, the rate limit refused it) records nothing.
 */
export const breakerLayer =
  (options: { health: ConnectionHealth; vendor: string; now: () => number }) =>
  (next: SendCall): SendCall =>
  async (exchange) => {
    const { health, vendor, now } = options
    const admission = health.admit(now())
    if (!admission.admitted) {
      throw new GatewayError(
        503,
        'vendor_unavailable',
        `${vendor} is failing: calls to it are paused for a while`,
        {
          retryAfterSeconds: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)),
        },
      )
    }
    exchange.probe = admission.probe
    try {
      const final = await next(exchange)
      if (failed(final)) health.recordFailure(now())
      else health.recordSuccess(now())
      return final
    } finally {
      // A probe that ended without an answer either way must not keep the breaker half-open for good.
      if (admission.probe) health.releaseProbe()
    }
  }
