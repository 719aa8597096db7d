import { pino } from 'pino'
import { afterAll, beforeAll } from 'vitest'
import { MemoryIdempotencyStore } from '../../src/state/idempotency/idempotency.js'
import { MemoryReferenceCache, type ReferenceCache } from '../../src/state/reference-data/reference-cache.js'
import { RedisIdempotencyStore } from '../../src/state/idempotency/redis-idempotency.js'
import { RedisReferenceCache } from '../../src/state/reference-data/redis-reference-cache.js'
import { RedisTokenCache } from '../../src/state/tokens/redis-token-cache.js'
import { MemoryTokenCache, type TokenCache } from '../../src/state/tokens/token-cache.js'
import { MemoryRateLimiter } from '../../src/state/limiter/memory.js'
import { MemoryPageRemainders } from '../../src/state/page-remainders/page-remainders.js'
import { RedisPageRemainders } from '../../src/state/page-remainders/redis-page-remainders.js'
import { MemorySubscriptionStore } from '../../src/state/subscriptions/subscription-store.js'
import { RedisSubscriptionStore } from '../../src/state/subscriptions/redis-subscription-store.js'
import { InsuredRateLimiter } from '../../src/state/limiter/insured.js'
import { RedisRateLimiter } from '../../src/state/limiter/redis.js'
import { sharedWithLocalFallback } from '../../src/state/redis/fallback.js'
import { RedisConnection } from '../../src/state/redis/connection.js'
import {
  fakeClock,
  idempotencyContract,
  referenceCacheContract,
  tokenCacheContract,
} from '../contracts/caches.js'
import { rateLimiterContract } from '../contracts/limiter.js'
import { pageRemaindersContract } from '../contracts/page-remainders.js'
import { subscriptionStoreContract } from '../contracts/subscriptions.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { eventLogContract } from '../contracts/event-log.js'
import { MemoryEventLog } from '../../src/events/memory-event-log.js'
import { RedisEventLog } from '../../src/events/redis-event-log.js'
import { eventWatchContract } from '../contracts/event-watch.js'
import { MemoryEventWatchStore } from '../../src/state/event-watch/event-watch-store.js'
import { RedisEventWatchStore } from '../../src/state/event-watch/redis-event-watch-store.js'

/** One contract per piece of shared state, run against the in-memory twin and the Redis implementation. */

const log = pino({ level: 'silent' })
let redis: TestRedis
let connection: RedisConnection
/** A second client: another replica's connection to the same Redis. */
let otherConnection: RedisConnection

beforeAll(async () => {
  redis = await startRedis()
  connection = new RedisConnection({ redisUrl: redis.url, keyPrefix: 'contract:' }, pino({ level: 'silent' }))
  await connection.waitUntilReady(5_000)
  otherConnection = new RedisConnection({ redisUrl: redis.url, keyPrefix: 'contract:' }, log)
  await otherConnection.waitUntilReady(5_000)
})
afterAll(async () => {
  await otherConnection?.close()
  await connection?.close()
  await redis?.stop()
})

rateLimiterContract('memory', () => new MemoryRateLimiter())
rateLimiterContract('redis', () => new RedisRateLimiter(connection))
rateLimiterContract(
  'redis, insured (as replicas run it)',
  () =>
    new InsuredRateLimiter(new RedisRateLimiter(connection), connection, {
      replicas: 2,
      whenStoreDown: 'local',
      horizonMs: 10_000,
      skewMs: 3_000,
      buckets: [],
      log,
    }),
)

tokenCacheContract('memory', (clock) => new MemoryTokenCache({ now: clock.now }))
tokenCacheContract('redis', (clock) => new RedisTokenCache(connection, { now: clock.now }))
tokenCacheContract('redis with its local fallback (as replicas run it)', (clock) =>
  sharedWithLocalFallback<TokenCache>(
    new RedisTokenCache(connection, { now: clock.now }),
    new MemoryTokenCache({ now: clock.now }),
    ['get', 'invalidate'],
    connection,
    'token cache',
    log,
  ),
)

referenceCacheContract('memory', (clock) => new MemoryReferenceCache({ now: clock.now }))
referenceCacheContract('redis', (clock) => new RedisReferenceCache(connection, { now: clock.now }))
referenceCacheContract('redis with its local fallback (as replicas run it)', (clock) =>
  sharedWithLocalFallback<ReferenceCache>(
    new RedisReferenceCache(connection, { now: clock.now }),
    new MemoryReferenceCache({ now: clock.now }),
    ['get'],
    connection,
    'reference cache',
    log,
  ),
)

idempotencyContract('memory', (lease) => {
  const clock = fakeClock()
  return {
    store: new MemoryIdempotencyStore(lease, clock.now),
    pass: async (ms) => clock.advance(ms),
  }
})
idempotencyContract('redis', (lease) => ({
  store: new RedisIdempotencyStore(connection, lease),
  // Leases run on Redis's own clock (every replica reads the same time), so time has to pass.
  pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}))

pageRemaindersContract('memory', () => new MemoryPageRemainders())
pageRemaindersContract('redis', () => new RedisPageRemainders(connection))

eventLogContract('memory', (retentionMs) => {
  const log = new MemoryEventLog(retentionMs)
  return { log, otherReplica: log }
})
eventLogContract('redis', (retentionMs) => ({
  log: new RedisEventLog(connection, retentionMs),
  otherReplica: new RedisEventLog(otherConnection, retentionMs),
}))
subscriptionStoreContract('memory', () => new MemorySubscriptionStore())
subscriptionStoreContract('redis', () => new RedisSubscriptionStore(connection))

eventWatchContract('memory', () => {
  let now = Date.UTC(2026, 11, 3, 10)
  const store = new MemoryEventWatchStore(() => now)
  return {
    store,
    otherReplica: store,
    pass: async (ms) => {
      now += ms
    },
  }
})
eventWatchContract('redis', () => ({
  store: new RedisEventWatchStore(connection),
  otherReplica: new RedisEventWatchStore(otherConnection),
  // Leases run on Redis's own clock (PX), so time has to pass.
  pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}))
