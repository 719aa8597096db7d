import type { FastifyBaseLogger } from 'fastify'
import { RedisIdempotencyStore } from './idempotency/redis-idempotency.js'
import { RedisReferenceCache } from './reference-data/redis-reference-cache.js'
import { RedisTokenCache } from './tokens/redis-token-cache.js'
import { RedisPageRemainders } from './page-remainders/redis-page-remainders.js'
import { RedisSubscriptionStore } from './subscriptions/redis-subscription-store.js'
import { RedisEventWatchStore } from './event-watch/redis-event-watch-store.js'
import { InsuredRateLimiter, type WhenStoreDown } from './limiter/insured.js'
import { RedisRateLimiter } from './limiter/redis.js'
import { memoryState, type SharedState } from './index.js'
import { sharedWithLocalFallback } from './redis/fallback.js'
import { RedisConnection, STORE_SWITCH_SKEW_MS, type RedisSettings } from './redis/connection.js'
import type { BucketSpec } from './limiter/types.js'
import type { LeaseSettings } from './idempotency/idempotency.js'
import { RedisEventLog } from '../events/redis-event-log.js'

export interface StoreSettings extends RedisSettings {
  /** Replicas sharing the vendor limits; each takes limit / replicas while Redis is unreachable. */
  replicas: number
  whenStoreDown: WhenStoreDown
  /** The longest wait a rate-limit reservation may carry (see InsuredRateLimiter). */
  horizonMs: number
  /** The rate-limit buckets of the configured connections. */
  buckets: BucketSpec[]
  idempotencyLease: LeaseSettings
  /** How long change events are kept (EVENT_RETENTION_HOURS). */
  eventRetentionMs: number
}

/** How long start-up waits for Redis before serving on the in-process twins (readyz: degraded). */
const STARTUP_WAIT_MS = 3_000

/** State shared by every replica through Redis, each piece with its in-process twin as the insurance path. */
export async function redisState(settings: StoreSettings, log: FastifyBaseLogger): Promise<SharedState> {
  const redis = new RedisConnection(settings, log)
  if (!(await redis.waitUntilReady(STARTUP_WAIT_MS))) {
    log.warn('redis: not reachable at start-up; serving on in-process state until it is')
  }
  const onBackgroundError = (error: unknown) => log.warn({ err: error }, 'background refresh failed')
  const local = memoryState(onBackgroundError)
  return {
    limiter: new InsuredRateLimiter(new RedisRateLimiter(redis), redis, {
      replicas: settings.replicas,
      whenStoreDown: settings.whenStoreDown,
      horizonMs: settings.horizonMs,
      skewMs: STORE_SWITCH_SKEW_MS,
      buckets: settings.buckets,
      log,
    }),
    tokenCache: sharedWithLocalFallback(
      new RedisTokenCache(redis, { onRefreshError: onBackgroundError }),
      local.tokenCache,
      ['get', 'invalidate'],
      redis,
      'token cache',
      log,
    ),
    referenceCache: sharedWithLocalFallback(
      new RedisReferenceCache(redis, { onRefreshError: onBackgroundError }),
      local.referenceCache,
      ['get'],
      redis,
      'reference cache',
      log,
    ),
    // Never this process's own records: a keyed write decided by one replica's memory could run twice.
    idempotency: new RedisIdempotencyStore(redis, settings.idempotencyLease),
    pageRemainders: new RedisPageRemainders(redis),
    // Never this process's own log: positions handed out by one replica must mean the same on every other.
    events: new RedisEventLog(redis, settings.eventRetentionMs),
    subscriptions: new RedisSubscriptionStore(redis),
    eventWatch: new RedisEventWatchStore(redis),
    ready: async () => ({ store: 'redis', ok: await redis.ping() }),
    close: () => redis.close(),
  }
}
