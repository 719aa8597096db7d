import { pino } from 'pino'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import { RedisRateLimiter } from '../../src/limiter/redis.js'
import type { BucketSpec } from '../../src/limiter/types.js'
import { RedisConnection } from '../../src/store/redis-connection.js'
import { startRedis } from '../../test/helpers/redis.js'
import { throughput } from '../measure.js'

/** A bucket no run can empty: every acquire is a real decision, none waits. */
const BUCKET: BucketSpec = { key: 'bench', limit: 100_000_000, windowMs: 60_000, burst: 1_000_000 }

export interface LimiterResult {
  memory: { decisionsPerSecond: number; p99Ms: number }
  redis: { decisionsPerSecond: number; p99Ms: number }
  rawEvalsha: { callsPerSecond: number; p99Ms: number }
  redisToRawRatio: number
}

/** Decisions per second of the in-memory limiter, and of the Redis one against raw EVALSHA round trips. */
export async function limiter(count: number): Promise<LimiterResult> {
  const memory = new MemoryRateLimiter()
  const inMemory = await throughput(count * 10, 1, () => memory.acquire(BUCKET, 0))
  const redis = await startRedis()
  const connection = new RedisConnection(
    { redisUrl: redis.url, keyPrefix: 'bench:' },
    pino({ level: 'silent' }),
  )
  try {
    await connection.waitUntilReady(5_000)
    const shared = new RedisRateLimiter(connection)
    await shared.acquire(BUCKET, 0)
    const onRedis = await throughput(count, 50, () => shared.acquire(BUCKET, 0))
    const sha = (await connection.client.script('LOAD', 'return 1')) as string
    const raw = await throughput(count, 50, () => connection.client.evalsha(sha, 0))
    return {
      memory: { decisionsPerSecond: inMemory.perSecond, p99Ms: inMemory.p99Ms },
      redis: { decisionsPerSecond: onRedis.perSecond, p99Ms: onRedis.p99Ms },
      rawEvalsha: { callsPerSecond: raw.perSecond, p99Ms: raw.p99Ms },
      redisToRawRatio: Number((onRedis.perSecond / raw.perSecond).toFixed(2)),
    }
  } finally {
    await connection.close()
    await redis.stop()
  }
}
