import type { RedisConnection } from '../store/redis-connection.js'
import type { Acquisition, BucketSpec, RateLimiter } from './types.js'
import { bucketIdleTtlMs, refillPerMs } from './types.js'

/** The token bucket shared by every replica: one Lua script per acquire or block, timed by Redis's clock. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: RedisConnection) {}

  async acquire(bucket: BucketSpec, maxWaitMs: number): Promise<Acquisition> {
    const [granted, waitMs] = await this.redis.client.psagwAcquire(
      this.redis.keys.bucket(bucket.key),
      bucket.burst,
      refillPerMs(bucket),
      Math.max(0, Math.floor(maxWaitMs)),
      bucketIdleTtlMs(bucket),
    )
    return granted === 1 ? { granted: true, waitMs } : { granted: false, retryAfterMs: waitMs }
  }

  /** `untilMs` is read on this replica's clock only to get a duration; Redis's clock places it. */
  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
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
