import type { RedisConnection } from '../redis/connection.js'
import type { Acquisition, BucketSpec, RateLimiter } from './types.js'
import { bucketIdleTtlMs, refillPerMs } from './types.js'

/** The token bucket shared by every replica: one Lua script per acquire or block, timed by Redis's clock. */
export class RedisRateLimiter implements RateLimiter {
  constructor(private readonly redis: RedisConnection) {}

  async acquire(bucket: BucketSpec, maxWaitMs: number, count = 1): Promise<Acquisition> {
    const [granted, first = 0, ...waits] = await this.redis.client.psagwAcquire(
      this.redis.keys.bucket(bucket.key),
      this.redis.keys.bucketFreeTurns(bucket.key),
      bucket.burst,
      refillPerMs(bucket),
      Math.max(0, Math.floor(maxWaitMs)),
      bucketIdleTtlMs(bucket),
      count,
    )
    if (granted !== 1) return { granted: false, retryAfterMs: first }
    const [waitMs = 0, ...later] = waits
    return later.length > 0
      ? { granted: true, waitMs, laterWaitsMs: later, issuedAt: first }
      : { granted: true, waitMs, issuedAt: first }
  }

  async release(bucket: BucketSpec, turnsAt: number[]): Promise<void> {
    if (turnsAt.length === 0) return
    await this.redis.client.psagwRelease(
      this.redis.keys.bucket(bucket.key),
      this.redis.keys.bucketFreeTurns(bucket.key),
      bucketIdleTtlMs(bucket),
      ...turnsAt.map(Math.round),
    )
  }

  /** `untilMs` is read on this replica's clock only to get a duration; Redis's clock places it. */
  async block(bucket: BucketSpec, untilMs: number): Promise<void> {
    const blockMs = Math.ceil(untilMs - Date.now())
    if (blockMs <= 0) return
    await this.redis.client.psagwBlock(
      this.redis.keys.bucket(bucket.key),
      this.redis.keys.bucketFreeTurns(bucket.key),
      bucket.burst,
      refillPerMs(bucket),
      blockMs,
      bucketIdleTtlMs(bucket),
    )
  }
}
