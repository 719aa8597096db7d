import type { RedisConnection } from '../store/redis-connection.js'
import type { Acquisition, BucketSpec, RateLimiter } from './types.js'
import { bucketIdleTtlMs, refillPerMs } from './types.js'

/** Tokens a replica asks to take ahead, on a round trip it makes anyway, when its bucket is over half full. */
export const LEASE_TOKENS = 16
/**
 * How long leased tokens may be handed out. Well inside the refill's margin for late sends (windowSafetyMs, at
 * least 50 ms): a call sent on a leased token is at most this much later than its token, so no vendor window
 * sees more than the limit. Tokens unused by then are dropped, never returned: the bucket stays exact.
 */
export const LEASE_MS = 10

interface Lease {
  tokens: number
  until: number
}

/**
 * The token bucket shared by every replica: one Lua script per acquire or block, timed by Redis's clock.
 * Far from the vendor's limit, each script also leases a few tokens that this replica then grants without a
 * round trip (its L1); near the limit, where callers queue and order matters, every turn is decided in Redis.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #leases = new Map<string, Lease>()
  readonly #now: () => number

  constructor(
    private readonly redis: RedisConnection,
    options: { now?: () => number } = {},
  ) {
    this.#now = options.now ?? (() => performance.now())
  }

  async acquire(bucket: BucketSpec, maxWaitMs: number): Promise<Acquisition> {
    const lease = this.#leases.get(bucket.key)
    const leaseLeft = lease && this.#now() < lease.until ? lease.tokens : 0
    if (lease && leaseLeft > 0) {
      lease.tokens--
      return { granted: true, waitMs: 0 }
    }
    const [granted, waitMs, leased] = await this.redis.client.psagwAcquire(
      this.redis.keys.bucket(bucket.key),
      bucket.burst,
      refillPerMs(bucket),
      Math.max(0, Math.floor(maxWaitMs)),
      bucketIdleTtlMs(bucket),
      LEASE_TOKENS,
    )
    // Concurrent round trips each lease (many callers at once need many tokens); what they bring adds up.
    if (leased > 0) {
      const current = this.#leases.get(bucket.key)
      const left = current && this.#now() < current.until ? current.tokens : 0
      this.#leases.set(bucket.key, { tokens: left + leased, until: this.#now() + LEASE_MS })
    }
    return granted === 1 ? { granted: true, waitMs } : { granted: false, retryAfterMs: waitMs }
  }

  /** `untilMs` is read on this replica's clock only to get a duration; Redis's clock places it. */
  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
    this.#leases.delete(bucket.key)
    const blockMs = Math.ceil(untilMs - Date.now())
    if (blockMs <= 0) return
    await this.redis.client.psagwBlock(
      this.redis.keys.bucket(bucket.key),
      bucket.burst,
      refillPerMs(bucket),
      blockMs,
      bucketIdleTtlMs(bucket),
    )
  }
}
