export interface VendorHttpSettings {
  /** TCP/TLS connect timeout. */
  connectTimeoutMs: number
  /** Deadline of one attempt, headers and body included. */
  requestTimeoutMs: number
  /** Attempts per call, the first included. */
  maxAttempts: number
  /** Total time a call may spend on retries, waiting out a vendor 429 included. */
  retryBudgetMs: number
  /** How long a call may queue at the rate limiter before the caller gets 429. */
  rateLimitMaxWaitMs: number
  /** Consecutive failures that open a connection's circuit breaker. */
  breakerFailureThreshold: number
  /** How long an open breaker fails calls fast before it lets one probe through. */
  breakerCooldownMs: number
}

export const DEFAULT_VENDOR_HTTP_SETTINGS: VendorHttpSettings = {
  connectTimeoutMs: 5_000,
  requestTimeoutMs: 15_000,
  maxAttempts: 3,
  retryBudgetMs: 20_000,
  rateLimitMaxWaitMs: 10_000,
  breakerFailureThreshold: 5,
  breakerCooldownMs: 30_000,
}
