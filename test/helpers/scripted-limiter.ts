import type { Acquisition, BucketSpec, RateLimiter } from '../../src/state/limiter/types.js'

/** A limiter that answers each acquisition with the next of `answers` (the last one repeats), and records. */
export function scriptedLimiter(...answers: Array<(count: number) => Acquisition>) {
  const acquired: Array<{ key: string; maxWaitMs: number; count: number }> = []
  const released: Array<{ key: string; turnsAt: number[] }> = []
  const blocked: Array<{ key: string; untilMs: number }> = []
  const limiter: RateLimiter = {
    async acquire(bucket: BucketSpec, maxWaitMs: number, count = 1) {
      acquired.push({ key: bucket.key, maxWaitMs, count })
      return answers[Math.min(acquired.length - 1, answers.length - 1)]!(count)
    },
    async release(bucket, turnsAt) {
      released.push({ key: bucket.key, turnsAt })
    },
    async block(bucket, untilMs) {
      blocked.push({ key: bucket.key, untilMs })
    },
  }
  return { limiter, acquired, released, blocked }
}

/** `count` turns 100 ms apart from `firstMs`, on a limiter clock at `issuedAt`. */
export const spaced =
  (firstMs: number, issuedAt: number, most = Infinity) =>
  (count: number): Acquisition => {
    const waits = Array.from({ length: Math.min(count, most) }, (_, i) => firstMs + 100 * i)
    return { granted: true, waitMs: waits[0]!, laterWaitsMs: waits.slice(1), issuedAt }
  }

export const refused = (retryAfterMs: number) => (): Acquisition => ({ granted: false, retryAfterMs })
