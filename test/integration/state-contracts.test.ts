import { pino } from 'pino'
import { afterAll, beforeAll } from 'vitest'
import { MemoryIdempotencyStore } from '../../src/cache/idempotency.js'
import { MemoryReferenceCache } from '../../src/cache/reference-cache.js'
import { RedisIdempotencyStore } from '../../src/cache/redis-idempotency.js'
import { RedisReferenceCache } from '../../src/cache/redis-reference-cache.js'
import { RedisTokenCache } from '../../src/cache/redis-token-cache.js'
import { MemoryTokenCache } from '../../src/cache/token-cache.js'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import { RedisRateLimiter } from '../../src/limiter/redis.js'
import { RedisConnection } from '../../src/store/redis-connection.js'
import { idempotencyContract, referenceCacheContract, tokenCacheContract } from '../contracts/caches.js'
import { rateLimiterContract } from '../contracts/limiter.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

/** One contract per piece of shared state, run against the in-memory twin and the Redis implementation. */

let redis: TestRedis
let connection: RedisConnection

beforeAll(async () => {
  redis = await startRedis()
  connection = new RedisConnection({ url: redis.url, keyPrefix: 'contract:' }, pino({ level: 'silent' }))
  await connection.waitUntilReady(5_000)
})
afterAll(async () => {
  await connection?.close()
  await redis?.stop()
})

rateLimiterContract('memory', () => new MemoryRateLimiter())
rateLimiterContract('redis', () => new RedisRateLimiter(connection))

tokenCacheContract('memory', (clock) => new MemoryTokenCache({ now: clock.now }))
tokenCacheContract('redis', (clock) => new RedisTokenCache(connection, { now: clock.now }))

referenceCacheContract('memory', (clock) => new MemoryReferenceCache({ now: clock.now }))
referenceCacheContract('redis', (clock) => new RedisReferenceCache(connection, { now: clock.now }))

idempotencyContract('memory', () => new MemoryIdempotencyStore())
idempotencyContract('redis', () => new RedisIdempotencyStore(connection))
