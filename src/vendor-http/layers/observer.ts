import type { GatewayMetrics } from '../../metrics.js'
import type { Exchange, Sent } from './exchange.js'

/** What the layers report as a call goes through them; metrics and logs watch from here. */
export interface VendorCallObserver {
  /** An attempt went to the vendor and came back (or failed) after `ms` (transport). */
  attempted(exchange: Exchange, result: Sent, ms: number): void
  /** The vendor bucket gave a turn `waitMs` away (limiter). */
  turnGranted(waitMs: number): void
  /** The vendor bucket refused: its queue is longer than the call may wait (limiter). */
  turnRefused(): void
  /** A turn given up because the call was not ready in time for it, and another taken (limiter). */
  lateTurn(): void
}

/** Counts into the gateway's metrics (when there are any) and logs each attempt at debug level. */
export function metricsAndLogs(
  metrics: GatewayMetrics | undefined,
  connection: string,
  vendor: string,
): VendorCallObserver {
  const labels = { connection, vendor }
  return {
    attempted({ call, context, attempt }, result, ms) {
      if (metrics) {
        const outcome =
          result.kind === 'response' ? String(result.status) : result.failure.timedOut ? 'timeout' : 'network'
        metrics.vendorCalls.inc({ ...labels, method: call.method, outcome })
        metrics.vendorCallSeconds.observe(labels, ms / 1000)
        if (context.purpose === 'events') metrics.eventVendorCalls.inc({ connection })
      }
      context.log.debug(
        {
          vendor,
          connection,
          method: call.method,
          path: call.path,
          attempt,
          status: result.kind === 'response' ? result.status : undefined,
          transportError: result.kind === 'transport' ? result.failure : undefined,
          ms,
        },
        'vendor call',
      )
    },
    turnGranted: (waitMs) => metrics?.limiterWaitSeconds.observe({ connection }, waitMs / 1000),
    turnRefused: () => metrics?.limiterRefusals.inc({ connection }),
    lateTurn: () => metrics?.limiterLateTurns.inc({ connection }),
  }
}
