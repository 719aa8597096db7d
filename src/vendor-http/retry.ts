/**
 * Whether to try a vendor call again, as a pure function of what happened, so it can be table-tested.
 * Idempotent calls retry on 429, 502, 503, 504 and transport failures. A POST retries only when the request
 * provably never reached the vendor (no connection was made); a POST answered 429 goes back to the caller
 * as 429 with Retry-After, and the blocked bucket holds back everything else meanwhile.
 */

export type AttemptOutcome =
  { kind: 'response'; status: number; retryAfterMs?: number } | { kind: 'transport'; reachedVendor: boolean }

export interface RetryInput {
  method: string
  /** Overrides what the method says about repeating a call that may have reached the vendor. */
  idempotent?: boolean
  attempt: number
  maxAttempts: number
  outcome: AttemptOutcome
  remainingBudgetMs: number
  random?: () => number
}

export interface RetryDecision {
  retry: boolean
  reason: string
  waitMs: number
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
const RETRYABLE_STATUS = new Set([429, 502, 503, 504])
const BACKOFF_BASE_MS = 200
const BACKOFF_CAP_MS = 5_000

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)))
}

export function retryDecision(input: RetryInput): RetryDecision {
  const { method, attempt, maxAttempts, outcome, remainingBudgetMs } = input
  const idempotent = input.idempotent ?? IDEMPOTENT.has(method.toUpperCase())
  if (outcome.kind === 'response' && !RETRYABLE_STATUS.has(outcome.status)) {
    return { retry: false, reason: `status ${outcome.status} is final`, waitMs: 0 }
  }
  const safeToRepeat = idempotent || (outcome.kind === 'transport' && !outcome.reachedVendor)
  if (!safeToRepeat) return { retry: false, reason: `${method} may have reached the vendor`, waitMs: 0 }
  if (attempt >= maxAttempts) return { retry: false, reason: 'attempts exhausted', waitMs: 0 }
  const waitMs =
    outcome.kind === 'response' && outcome.retryAfterMs !== undefined
      ? outcome.retryAfterMs
      : backoffMs(attempt, input.random)
  if (waitMs > remainingBudgetMs) return { retry: false, reason: 'retry budget exhausted', waitMs }
  return {
    retry: true,
    reason: outcome.kind === 'response' ? `status ${outcome.status}` : 'transport error',
    waitMs,
  }
}

/** Retry-After in delay-seconds or HTTP-date form, as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (!text) return undefined
  if (/^\s*\d+\s*$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
