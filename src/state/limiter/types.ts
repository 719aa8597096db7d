/**
 * A token bucket per vendor key. `limit` requests per `windowMs` is the vendor's figure; `burst` is how
 * many may go at once after a quiet spell. The refill rate leaves room for the burst, so that no window of
 * `windowMs` (rolling or fixed, wherever it starts) ever sees more than `limit` requests: burst + rate * window <= limit.
 */
export interface BucketSpec {
  key: string
  limit: number
  windowMs: number
  burst: number
}

export type Acquisition =
  /**
   * `laterWaitsMs`: with a count above one, the waits of the further turns, in order. `issuedAt`: the limiter's
   * own clock when it granted them (Redis's, for the shared one): a turn is named to `release` by `issuedAt` + wait.
   */
  | { granted: true; waitMs: number; laterWaitsMs?: number[]; issuedAt?: number }
  | { granted: false; retryAfterMs: number }

export interface RateLimiter {
  /**
   * Reserves `count` requests (one by default): consecutive turns. Granted: the caller must wait `waitMs` before
   * sending the first (queued callers are served in order, at the bucket's rate, without polling). Refused
   * when the last turn's wait would exceed `maxWaitMs`: nothing is taken and `retryAfterMs` says when to come
   * back.
   */
  acquire(bucket: BucketSpec, maxWaitMs: number, count?: number): Promise<Acquisition>
  /**
   * Gives back turns reserved for sends that will not be made (their caller left, or needed fewer), named by
   * their time on the limiter's clock (`issuedAt` + wait). Each goes to a pool of free turns that the next
   * acquisitions take first, so the turn keeps its place in the spacing the vendor's window relies on: no two
   * sends ever share a turn. A turn whose time has passed is dropped.
   */
  release(bucket: BucketSpec, turnsAt: number[]): Promise<void>
  /** No request leaves before `untilMs` (epoch ms): the vendor said 429/Retry-After or its quota is spent. */
  block(bucket: BucketSpec, untilMs: number): Promise<void>
}

/**
 * Margin for the clock of the vendor's window: a request sent at its turn may reach the vendor later than the
 * next one (a busy event loop, the network), so the refill is stretched by this much: 2% of the window,
 * at least 50 ms, at most 250 ms.
 */
export const windowSafetyMs = (windowMs: number) => Math.min(250, Math.max(50, Math.ceil(windowMs * 0.02)))

/**
 * How late a call may leave after its turn: half the window margin. A turn missed by more (the event loop was
 * busy) is given up and taken again, so that late sends never bunch up past what the margin absorbs.
 */
export const lateTurnToleranceMs = (bucket: BucketSpec) => windowSafetyMs(bucket.windowMs) / 2

/** Tokens added per millisecond (bucketFor keeps burst below limit, so this is positive). */
export const refillPerMs = (bucket: BucketSpec) =>
  (bucket.limit - bucket.burst) / (bucket.windowMs + windowSafetyMs(bucket.windowMs))

/** How long an idle bucket's state is kept: after that it would be full again anyway. */
export const bucketIdleTtlMs = (bucket: BucketSpec) => 2 * (bucket.windowMs + windowSafetyMs(bucket.windowMs))

/** Default burst: 2% of the limit, at least one request (a small burst keeps the sustained rate high). */
export const defaultBurst = (limit: number) => Math.max(1, Math.floor(limit * 0.02))
