import { GatewayError } from '../src/errors.js'
import type { App } from './build-app.js'

/**
 * Loads each connection's reference data in the background once the gateway listens, through the vendor client
 * like any call (within the vendor's limits), so the first request of a connection waits for none of it. A
 * failure only costs the warm start: the first call that needs the data loads it, as without one.
 */
export async function warmConnections(app: App, signal: AbortSignal): Promise<void> {
  await Promise.all(
    app.registry.list().map(async (adapter) => {
      const log = app.log.child({ connection: adapter.connectionId })
      try {
        await adapter.warmUp({ log, signal })
        log.debug('reference data loaded at start')
      } catch (error) {
        if (signal.aborted) return
        if (error instanceof GatewayError && error.code === 'rate_limited')
          // Expected where a vendor's limit cannot serve every load in time (ConnectWise's sandbox, docs/behaviour.md):
          // what happened is the whole story, a stack would say nothing more.
          log.warn(
            { code: error.code, detail: error.detail, retryAfterSeconds: error.extras.retryAfterSeconds },
            'reference data not loaded at start (the vendor rate limit); the first call that needs it will',
          )
        else log.warn({ err: error }, 'reference data not loaded at start; the first call that needs it will')
      }
    }),
  )
}
