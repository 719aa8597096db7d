import { RollingWindowLimiter } from '../shared/rate-limit.js'

/** What `GET /ThresholdInformation` reports, and what the added latency is decided from. */
export interface ThresholdState {
  limit: number
  windowMs: number
  /** Requests in the current window, this one counted. */
  used: number
}

export interface ThresholdPolicy {
  limit: number
  windowMs: number
  latencyMs: { half: number; threeQuarters: number }
}

export type ThresholdDecision =
  { accepted: true; state: ThresholdState; latencyMs: number } | { accepted: false; msUntilNextSlot: number }

/**
 * The database's request threshold: 10 000 requests in any rolling hour, shared by every integration of the
 * database (HELP REST_Thresholds_Limits.htm; docs.mspintegrations.com "API Threshold": "a rolling 60 minute
 * period"), so one window for the whole emulated database. Past half of it Autotask answers more slowly, past
 * three quarters more slowly still (the latency figures are options), and past all of it it refuses.
 */
export class DatabaseThreshold {
  readonly #limiter: RollingWindowLimiter
  readonly #policy: ThresholdPolicy

  constructor(policy: ThresholdPolicy, clock?: () => number) {
    this.#policy = policy
    this.#limiter = new RollingWindowLimiter(policy.limit, policy.windowMs, clock)
  }

  admit(): ThresholdDecision {
    const { limit, windowMs, latencyMs } = this.#policy
    const window = this.#limiter.acquire('database')
    if (!window.accepted) return { accepted: false, msUntilNextSlot: window.msUntilNextSlot }
    const used = limit - window.remaining
    const latency = used > limit * 0.75 ? latencyMs.threeQuarters : used > limit * 0.5 ? latencyMs.half : 0
    return { accepted: true, state: { limit, windowMs, used }, latencyMs: latency }
  }
}
