import { describe, expect, it } from 'vitest'
import { backoffMs, parseRetryAfter, retryDecision, type RetryInput } from '../../src/vendor-http/retry.js'

const base: RetryInput = {
  method: 'GET',
  attempt: 1,
  maxAttempts: 3,
  outcome: { kind: 'response', status: 503 },
  remainingBudgetMs: 20_000,
  random: () => 0.5,
}

describe('retryDecision', () => {
  it.each<[string, Partial<RetryInput>, boolean]>([
    ['GET 503', {}, true],
    ['GET 502', { outcome: { kind: 'response', status: 502 } }, true],
    ['GET 504', { outcome: { kind: 'response', status: 504 } }, true],
    ['GET 500 is final', { outcome: { kind: 'response', status: 500 } }, false],
    ['GET 404 is final', { outcome: { kind: 'response', status: 404 } }, false],
    ['PUT 503', { method: 'PUT' }, true],
    ['PATCH 502', { method: 'PATCH', outcome: { kind: 'response', status: 502 } }, true],
    ['a passthrough PUT 503 may have been processed', { method: 'PUT', idempotent: false }, false],
    [
      'a passthrough PATCH that never connected',
      { method: 'PATCH', idempotent: false, outcome: { kind: 'transport', reachedVendor: false } },
      true,
    ],
    ['POST 503 may have been processed', { method: 'POST' }, false],
    [
      'POST 429 reached the vendor',
      { method: 'POST', outcome: { kind: 'response', status: 429, retryAfterMs: 1000 } },
      false,
    ],
    ['POST never connected', { method: 'POST', outcome: { kind: 'transport', reachedVendor: false } }, true],
    ['POST connection reset', { method: 'POST', outcome: { kind: 'transport', reachedVendor: true } }, false],
    ['GET connection reset', { outcome: { kind: 'transport', reachedVendor: true } }, true],
    ['last attempt', { attempt: 3 }, false],
    [
      'Retry-After beyond the budget',
      { outcome: { kind: 'response', status: 429, retryAfterMs: 30_000 } },
      false,
    ],
  ])('%s', (_, input, retry) => {
    expect(retryDecision({ ...base, ...input }).retry).toBe(retry)
  })

  it('waits what Retry-After says', () => {
    const decision = retryDecision({
      ...base,
      outcome: { kind: 'response', status: 429, retryAfterMs: 2_000 },
    })
    expect(decision).toMatchObject({ retry: true, waitMs: 2_000 })
  })

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(1, () => 0.999)).toBeLessThan(200)
    expect(backoffMs(3, () => 0.999)).toBeGreaterThan(700)
    expect(backoffMs(3, () => 0)).toBe(0)
    expect(backoffMs(20, () => 0.999)).toBeLessThanOrEqual(5_000)
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30_000)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000)
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
  })
})
