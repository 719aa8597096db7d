import type { Acquisition, BucketSpec, RateLimiter } from './types.js'
import { refillPerMs } from './types.js'

interface BucketState {
  /** Token balance at `at`; negative while requests are queued. */
  tokens: number
  at: number
}

/** The in-process limiter: one process, one bucket per key. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, BucketState>()
  readonly #now: () => number

  readonly #startEmpty: boolean

  /** `startEmpty`: a new bucket has no tokens yet (an insurance bucket taking over mid-window). */
  constructor(options: { now?: () => number; startEmpty?: boolean } = {}) {
    this.#now = options.now ?? Date.now
    this.#startEmpty = options.startEmpty ?? false
  }

  async acquire(bucket: BucketSpec, maxWaitMs: number): Promise<Acquisition> {
    const now = this.#now()
    const rate = refillPerMs(bucket)
    const state = this.#stateAt(bucket, now, rate)
    const tokensAfter = state.tokens - 1
    const waitMs = tokensAfter >= 0 ? 0 : Math.ceil(-tokensAfter / rate)
    if (waitMs > maxWaitMs) return { granted: false, retryAfterMs: waitMs }
    this.#buckets.set(bucket.key, { tokens: tokensAfter, at: now })
    return { granted: true, waitMs }
  }

  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
    const now = this.#now()
    if (untilMs <= now) return
    const rate = refillPerMs(bucket)
    const state = this.#stateAt(bucket, now, rate)
    // The balance that reaches zero exactly at `untilMs`: no new reservation before then, none with a burst after.
    // Reservations already handed out keep their times; a deeper balance (a longer queue or block) is kept.
    const blocked = -(untilMs - now) * rate
    if (blocked < state.tokens) this.#buckets.set(bucket.key, { tokens: blocked, at: now })
  }

  #stateAt(bucket: BucketSpec, now: number, rate: number): BucketState {
    const state = this.#buckets.get(bucket.key)
    if (!state) return { tokens: this.#startEmpty ? 0 : bucket.burst, at: now }
    const elapsed = Math.max(0, now - state.at)
    return { tokens: Math.min(bucket.burst, state.tokens + elapsed * rate), at: now }
  }
}
