import type { Acquisition, BucketSpec, RateLimiter } from './types.js'
import { refillPerMs } from './types.js'

interface BucketState {
  /** Token balance at `at`; negative while requests are queued. */
  tokens: number
  at: number
}

/** Turns given back (`release`), by time, earliest first: handed out again before any new turn. */
type FreeTurns = number[]

/** The in-process limiter: one process, one bucket per key. */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, BucketState>()
  readonly #free = new Map<string, FreeTurns>()
  /** Until when each bucket is blocked (a vendor 429): no free turn before then is handed out or taken back. */
  readonly #blockedUntil = new Map<string, number>()
  readonly #now: () => number

  readonly #startEmpty: boolean

  /** `startEmpty`: a new bucket has no tokens yet (an insurance bucket taking over mid-window). */
  constructor(options: { now?: () => number; startEmpty?: boolean } = {}) {
    this.#now = options.now ?? Date.now
    this.#startEmpty = options.startEmpty ?? false
  }

  async acquire(bucket: BucketSpec, maxWaitMs: number, count = 1): Promise<Acquisition> {
    const now = this.#now()
    const usableFrom = Math.max(now, this.#blockedUntil.get(bucket.key) ?? 0)
    const free = (this.#free.get(bucket.key) ?? []).filter((at) => at >= usableFrom)
    const reused = free.filter((at) => at <= now + maxWaitMs).slice(0, count)
    const fromBucket = count - reused.length
    const rate = refillPerMs(bucket)
    const state = this.#stateAt(bucket, now, rate)
    /** The wait of the nth new turn from now: when the balance reaches n. */
    const waitOf = (turn: number) => {
      const tokensAfter = state.tokens - turn
      return tokensAfter >= 0 ? 0 : Math.ceil(-tokensAfter / rate)
    }
    const lastWait = fromBucket > 0 ? waitOf(fromBucket) : 0
    if (lastWait > maxWaitMs) return { granted: false, retryAfterMs: lastWait }
    this.#free.set(bucket.key, free.slice(reused.length))
    if (fromBucket > 0) this.#buckets.set(bucket.key, { tokens: state.tokens - fromBucket, at: now })
    const waits = [
      ...reused.map((at) => at - now),
      ...Array.from({ length: fromBucket }, (_, i) => waitOf(i + 1)),
    ].sort((a, b) => a - b)
    const [waitMs = 0, ...later] = waits
    return later.length > 0
      ? { granted: true, waitMs, laterWaitsMs: later, issuedAt: now }
      : { granted: true, waitMs, issuedAt: now }
  }

  async release(bucket: BucketSpec, turnsAt: number[]): Promise<void> {
    const now = this.#now()
    const usableFrom = Math.max(now, this.#blockedUntil.get(bucket.key) ?? 0)
    const ahead = turnsAt.filter((at) => at > usableFrom)
    if (ahead.length === 0) return
    const free = [...(this.#free.get(bucket.key) ?? []).filter((at) => at >= now), ...ahead]
    this.#free.set(
      bucket.key,
      free.sort((a, b) => a - b),
    )
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
    // Free turns before the block's end may not be used either.
    this.#blockedUntil.set(bucket.key, Math.max(untilMs, this.#blockedUntil.get(bucket.key) ?? 0))
    const free = this.#free.get(bucket.key)
    if (free)
      this.#free.set(
        bucket.key,
        free.filter((at) => at >= untilMs),
      )
  }

  #stateAt(bucket: BucketSpec, now: number, rate: number): BucketState {
    const state = this.#buckets.get(bucket.key)
    if (!state) return { tokens: this.#startEmpty ? 0 : bucket.burst, at: now }
    const elapsed = Math.max(0, now - state.at)
    return { tokens: Math.min(bucket.burst, state.tokens + elapsed * rate), at: now }
  }
}
