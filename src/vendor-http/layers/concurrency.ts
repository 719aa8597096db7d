import { rateLimited } from '../../errors.js'
import type { VendorCall } from '../call.js'
import type { VendorHttpSettings } from '../settings.js'
import { KeyedSlots } from '../slots.js'
import type { SendAttempt } from './exchange.js'
import { queueMaxWaitMs } from './limiter.js'
import { callerGone, type Sleep } from './pause.js'

/** A vendor's limit on calls in flight at once: at most `limit` calls per key, the vendor module says how keyed. */
export interface ConcurrencyLimit {
  limit: number
  /** The call's key; calls of one key share its `limit`. */
  keyOf: (call: VendorCall) => string
}

/**
 * How long a caller refused a slot is told to wait. (Unsourced: chosen because a vendor call usually answers
 * within a second, and a slot frees with it.)
 */
const SLOT_RETRY_AFTER_SECONDS = 1

/**
 * Each attempt holds a slot of its key while it queues for its turn at the rate limit and goes to the vendor; it
 * takes the slot first, so that no turn is held (and wasted) while it waits for one, and gives it back however
 * the attempt ends. A retry's wait between attempts holds none. It waits as long as it may queue for its turn
 * (queueMaxWaitMs), then is refused a 429 like a call the rate limit cannot serve in time.
 *
 * The slots are this process's: replicas of the gateway together may still send more at once, and the vendor's
 * refusal then (its answer read as a 429) makes the call wait out the bucket's block and go again.
 */
export const concurrencyLayer =
  (options: {
    concurrency: ConcurrencyLimit
    vendor: string
    settings: Pick<VendorHttpSettings, 'rateLimitMaxWaitMs'>
    now: () => number
    sleep: Sleep
  }) =>
  (next: SendAttempt): SendAttempt => {
    const { concurrency, vendor, settings, now } = options
    const slots = new KeyedSlots(concurrency.limit, options.sleep)
    return async (exchange) => {
      const key = concurrency.keyOf(exchange.call)
      const queuedAt = now()
      const wait = await slots.take(key, queueMaxWaitMs(exchange, settings), exchange.context.signal)
      exchange.slotWaitMs += now() - queuedAt
      if (wait === 'abandoned') throw callerGone(vendor)
      if (wait === 'timed-out')
        throw rateLimited(
          SLOT_RETRY_AFTER_SECONDS,
          `${vendor} answers at most ${concurrency.limit} calls at once to ${key}; more are queued than can be served in time`,
        )
      try {
        return await next(exchange)
      } finally {
        slots.free(key)
      }
    }
  }
