import { MemoryReferenceCache, type ReferenceCache } from './reference-data/reference-cache.js'
import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  MemoryIdempotencyStore,
  type IdempotencyStore,
  type LeaseSettings,
} from './idempotency/idempotency.js'
import { MemoryTokenCache, type TokenCache } from './tokens/token-cache.js'
import { MemoryRateLimiter } from './limiter/memory.js'
import { MemoryPageRemainders, type PageRemainders } from './page-remainders/page-remainders.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../vendor-http/settings.js'
import type { RateLimiter } from './limiter/types.js'
import { DEFAULT_EVENT_RETENTION_HOURS } from '../events/change-event.js'
import { MemoryEventLog } from '../events/memory-event-log.js'
import type { EventLog } from '../events/types.js'
import { MemorySubscriptionStore, type SubscriptionStore } from './subscriptions/subscription-store.js'
import { MemoryEventWatchStore, type EventWatchStore } from './event-watch/event-watch-store.js'

/** What replicas share: in memory for one process; on Redis (REDIS_URL) for several. */
export interface SharedState {
  limiter: RateLimiter
  tokenCache: TokenCache
  referenceCache: ReferenceCache
  idempotency: IdempotencyStore
  pageRemainders: PageRemainders
  /** Each connection's change events (docs/events.md). */
  events: EventLog
  /** Event subscriptions and their delivery positions (docs/events.md). */
  subscriptions: SubscriptionStore
  /** Where the event sources are in each connection's resources (docs/events.md). */
  eventWatch: EventWatchStore
  /** For /readyz: whether the store behind this state answers. */
  ready(): Promise<{ store: 'memory' | 'redis'; ok: boolean }>
  close(): Promise<void>
}

/** A write may land until its vendor call's timeout is over. */
const DEFAULT_LEASE: LeaseSettings = {
  leaseMs: DEFAULT_IDEMPOTENCY_LEASE_MS,
  settleMs: DEFAULT_VENDOR_HTTP_SETTINGS.requestTimeoutMs,
}

export function memoryState(
  onBackgroundError: (error: unknown) => void = () => {},
  idempotencyLease: LeaseSettings = DEFAULT_LEASE,
  eventRetentionMs: number = DEFAULT_EVENT_RETENTION_HOURS * 3_600_000,
): SharedState {
  return {
    limiter: new MemoryRateLimiter(),
    tokenCache: new MemoryTokenCache({ onRefreshError: onBackgroundError }),
    referenceCache: new MemoryReferenceCache({ onRefreshError: onBackgroundError }),
    idempotency: new MemoryIdempotencyStore(idempotencyLease),
    pageRemainders: new MemoryPageRemainders(),
    events: new MemoryEventLog(eventRetentionMs),
    subscriptions: new MemorySubscriptionStore(),
    eventWatch: new MemoryEventWatchStore(),
    ready: async () => ({ store: 'memory', ok: true }),
    close: async () => {},
  }
}
