import { GatewayError } from '../../src/errors.js'

/** The first retry of a callback registration that failed comes this much later, doubled at each failure... */
const FIRST_RETRY_MS = 30_000
/** ...up to this: a vendor that keeps refusing (a permission missing) is asked twice an hour. */
const LONGEST_RETRY_MS = 30 * 60_000

/**
 * How long after its `failures`-th failure a connection's callback registration is tried again: the backoff, or
 * longer when the error says when the share of the vendor limit frees up.
 */
export function registrationRetryMs(failures: number, error: unknown): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_MS)
  const retryAfterSeconds =
    error instanceof GatewayError && error.code === 'rate_limited' ? (error.extras.retryAfterSeconds ?? 0) : 0
  return Math.max(backoff, retryAfterSeconds * 1000)
}
