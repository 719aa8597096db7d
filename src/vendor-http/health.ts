/** What the gateway has seen of a connection's vendor lately; reported by GET /v1/connections. */
export interface ConnectionHealthReport {
  status: 'unknown' | 'ok' | 'failing'
  /** `open`: calls fail fast until the cool-down ends; `half-open`: one probe call is let through. */
  breaker: BreakerState
  lastSuccessAt: string | null
  lastFailureAt: string | null
  consecutiveFailures: number
}

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface BreakerSettings {
  /** Consecutive failures (5xx, no answer, credentials refused) that open the breaker. */
  failureThreshold: number
  /** How long an open breaker fails calls fast before one probe may go. */
  cooldownMs: number
}

export type Admission = { admitted: true; probe: boolean } | { admitted: false; retryAfterMs: number }

/**
 * A connection's health and its circuit breaker. After `failureThreshold` failures in a row no call goes to the
 * vendor for `cooldownMs` (callers get 503 at once, not after a timeout each); then one probe goes: its success
 * closes the breaker, its failure opens it for another cool-down. Per process: each replica judges for itself.
 */
export class ConnectionHealth {
  #lastSuccessAt: number | null = null
  #lastFailureAt: number | null = null
  #consecutiveFailures = 0
  #openUntil: number | null = null
  #probing = false

  constructor(private readonly settings: BreakerSettings) {}

  /** Whether a call may go to the vendor now; a caller let through as the probe must end in record*() or releaseProbe(). */
  admit(now: number): Admission {
    if (this.#openUntil === null) return { admitted: true, probe: false }
    if (now < this.#openUntil) return { admitted: false, retryAfterMs: this.#openUntil - now }
    // Cool-down over: half-open. One probe at a time; the others wait for its outcome a short while.
    if (this.#probing) return { admitted: false, retryAfterMs: 1_000 }
    this.#probing = true
    return { admitted: true, probe: true }
  }

  /** A probe that ended without an answer either way (the caller left, the rate limit refused it). */
  releaseProbe(): void {
    this.#probing = false
  }

  recordSuccess(at: number): void {
    this.#lastSuccessAt = at
    this.#consecutiveFailures = 0
    this.#openUntil = null
    this.#probing = false
  }

  recordFailure(at: number): void {
    this.#lastFailureAt = at
    this.#consecutiveFailures += 1
    const probeFailed = this.#probing
    this.#probing = false
    if (
      probeFailed ||
      (this.#openUntil === null && this.#consecutiveFailures >= this.settings.failureThreshold)
    ) {
      this.#openUntil = at + this.settings.cooldownMs
    }
  }

  breakerState(now: number): BreakerState {
    if (this.#openUntil === null) return 'closed'
    return now < this.#openUntil ? 'open' : 'half-open'
  }

  report(now: number = Date.now()): ConnectionHealthReport {
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString())
    const status =
      this.#lastSuccessAt === null && this.#lastFailureAt === null
        ? 'unknown'
        : this.#consecutiveFailures > 0
          ? 'failing'
          : 'ok'
    return {
      status,
      breaker: this.breakerState(now),
      lastSuccessAt: iso(this.#lastSuccessAt),
      lastFailureAt: iso(this.#lastFailureAt),
      consecutiveFailures: this.#consecutiveFailures,
    }
  }
}
