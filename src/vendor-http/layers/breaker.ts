import { GatewayError } from '../../errors.js'
import type { ConnectionHealth } from '../health.js'
import type { Exchange, FinalAttempt, SendCall } from './exchange.js'

/**
 * What a call's end says of the connection: it fails on a 5xx, a 401, an unreadable 2xx, no answer or no
 * credentials; nothing at all when the call's answers do not tell (the passthrough) and it got one.
 */
function verdict(
  exchange: Exchange,
  final: FinalAttempt,
  statusOf: AnswerStatus,
): 'works' | 'failed' | undefined {
  if (final.kind !== 'response') return 'failed'
  if (exchange.call.answerTellsHealth === false) return undefined
  if (final.status < 300) return final.unreadable === true ? 'failed' : 'works'
  const status = statusOf(final.status, final.body)
  return status >= 500 || status === 401 ? 'failed' : 'works'
}

/** The status an error answer stands for (the vendor's, unless its description says otherwise). */
export type AnswerStatus = (status: number, body: unknown) => number

/**
 * The connection's circuit breaker. It admits a call once, for all its attempts: a probe's retries stay the
 * probe, and its failure opens the breaker again. A call that ends without an answer either way (the caller
 * left, the rate limit refused it) records nothing.
 */
export const breakerLayer =
  (options: { health: ConnectionHealth; vendor: string; now: () => number; statusOf?: AnswerStatus }) =>
  (next: SendCall): SendCall =>
  async (exchange) => {
    const { health, vendor, now, statusOf = (status) => status } = options
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
      const outcome = verdict(exchange, final, statusOf)
      if (outcome === 'failed') health.recordFailure(now())
      else if (outcome === 'works') health.recordSuccess(now())
      return final
    } finally {
      // A probe that ended without an answer either way must not keep the breaker half-open for good.
      if (admission.probe) health.releaseProbe()
    }
  }
