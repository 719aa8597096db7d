import type { VendorHttpSettings } from '../src/vendor-http/settings.js'

/**
 * How long a stop (SIGTERM, SIGINT) waits for requests in flight before the process exits anyway: long enough for
 * a request that queues at the rate limit and then spends its whole retry budget. A platform that kills after a
 * grace period of its own (Kubernetes' terminationGracePeriodSeconds) must give more than this.
 */
export const shutdownGraceMs = (vendorHttp: VendorHttpSettings) =>
  vendorHttp.rateLimitMaxWaitMs + vendorHttp.retryBudgetMs + 5_000
