import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { ReferenceCache } from './state/reference-data/reference-cache.js'
import type { DeliveryOutcome } from './canonical/subscription.js'
import type { TokenCache } from './state/tokens/token-cache.js'
import type { BreakerState } from './vendor-http/health.js'

/** The process's own metrics (memory, CPU, event loop, GC): collected once per process, whatever the apps. */
let processMetrics: Registry | undefined
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry()
    collectDefaultMetrics({ register: processMetrics, prefix: 'psagw_' })
  }
  return processMetrics
}

/**
 * The gateway's Prometheus metrics, one registry per app (and the process's own, shared). Labels are connection ids, vendor names, methods,
 * route templates and outcomes: never a key, a token, a query or a record id.
 */
export class GatewayMetrics {
  readonly registry = new Registry()

  readonly vendorCalls = new Counter({
    name: 'psagw_vendor_calls_total',
    help: 'Vendor call attempts by connection, method and outcome (the HTTP status, or timeout / network)',
    labelNames: ['connection', 'vendor', 'method', 'outcome'] as const,
    registers: [this.registry],
  })

  readonly vendorCallSeconds = new Histogram({
    name: 'psagw_vendor_call_duration_seconds',
    help: 'Duration of vendor call attempts',
    labelNames: ['connection', 'vendor'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  })

  readonly eventDeliveries = new Counter({
    name: 'psagw_event_deliveries_total',
    help: 'Event delivery attempts to subscriptions by outcome: delivered (2xx), failed (retried), gone (410)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  })

  readonly eventDeliverySeconds = new Histogram({
    name: 'psagw_event_delivery_seconds',
    help: "Duration of event delivery attempts, until the receiver's answer or the failure",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  })

  readonly eventsDetected = new Counter({
    name: 'psagw_events_detected_total',
    help: 'Change events logged, by connection, resource and source (poll or callback); repeats are not counted',
    labelNames: ['connection', 'resource', 'source'] as const,
    registers: [this.registry],
  })

  readonly eventVendorCalls = new Counter({
    name: 'psagw_event_vendor_calls_total',
    help: 'Vendor call attempts made by the event sources; their share is this over psagw_vendor_calls_total',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  })

  /** Each poller's lag, read at every scrape once the event sources run (`watchPollerLag`). */
  #pollerLags?: () => Promise<Array<{ connection: string; resource: string; seconds: number }>>

  readonly limiterWaitSeconds = new Histogram({
    name: 'psagw_limiter_wait_seconds',
    help: "How long vendor calls waited for their turn in the vendor's rate limit",
    labelNames: ['connection'] as const,
    buckets: [0, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [this.registry],
  })

  readonly limiterRefusals = new Counter({
    name: 'psagw_limiter_refusals_total',
    help: 'Calls answered 429 because their turn in the vendor rate limit was too far off',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  })

  readonly limiterLateTurns = new Counter({
    name: 'psagw_limiter_late_turns_total',
    help: 'Turns given up because the call could not be sent in time for them (a busy event loop), and taken again',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  })

  readonly referenceLookups = new Counter({
    name: 'psagw_reference_cache_lookups_total',
    help: 'Reference data lookups, by whether they needed a vendor load (miss) or not (hit)',
    labelNames: ['connection', 'name', 'result'] as const,
    registers: [this.registry],
  })

  readonly tokenFetches = new Counter({
    name: 'psagw_token_fetches_total',
    help: 'OAuth tokens fetched from a vendor by this process',
    labelNames: ['connection'] as const,
    registers: [this.registry],
  })

  readonly httpRequests = new Counter({
    name: 'psagw_http_requests_total',
    help: 'Requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  })

  readonly httpSeconds = new Histogram({
    name: 'psagw_http_request_duration_seconds',
    help: 'Time to answer a request',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  })

  constructor(breakers: () => Array<{ connection: string; state: BreakerState }>) {
    new Gauge({
      name: 'psagw_breaker_state',
      help: "Each connection's circuit breaker: 1 for its current state",
      labelNames: ['connection', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset()
        for (const { connection, state } of breakers()) this.set({ connection, state }, 1)
      },
    })
    const pollerLags = () => this.#pollerLags?.() ?? Promise.resolve([])
    new Gauge({
      name: 'psagw_event_poller_lag_seconds',
      help: "Seconds since the start of each poller's last look that succeeded: changes older than that were seen",
      labelNames: ['connection', 'resource'] as const,
      registers: [this.registry],
      async collect() {
        this.reset()
        for (const { connection, resource, seconds } of await pollerLags())
          this.set({ connection, resource }, seconds)
      },
    })
  }

  /** Where the pollers' lag is read at each scrape. */
  watchPollerLag(
    read: () => Promise<Array<{ connection: string; resource: string; seconds: number }>>,
  ): void {
    this.#pollerLags = read
  }

  readonly contentType = this.registry.contentType

  /** Everything, in the Prometheus text format. */
  text(): Promise<string> {
    return Registry.merge([processRegistry(), this.registry]).metrics()
  }

  /** For delivery's `onAttempt` (src/events/delivery/deliver-next.ts). */
  readonly countEventDelivery = (outcome: DeliveryOutcome, seconds: number): void => {
    this.eventDeliveries.inc({ outcome })
    this.eventDeliverySeconds.observe(seconds)
  }

  /** The reference cache as one connection uses it, counting hits and misses. */
  countedReferenceCache(cache: ReferenceCache, connection: string): ReferenceCache {
    return {
      get: async <T>(id: string, name: string, load: () => Promise<T>) => {
        let loaded = false
        const value = await cache.get(id, name, async () => {
          loaded = true
          return load()
        })
        this.referenceLookups.inc({
          connection,
          name: name.replace(/:.*$/, ''),
          result: loaded ? 'miss' : 'hit',
        })
        return value
      },
    }
  }

  /** The token cache as one connection uses it, counting the tokens it fetches. */
  countedTokenCache(cache: TokenCache, connection: string): TokenCache {
    return {
      get: (key, fetchToken) =>
        cache.get(key, async () => {
          this.tokenFetches.inc({ connection })
          return fetchToken()
        }),
      invalidate: (key, rejected) => cache.invalidate(key, rejected),
    }
  }
}
