import { describe, expect, it } from 'vitest'
import type { Acquisition, BucketSpec, RateLimiter } from '../../src/limiter/types.js'
import { refillPerMs } from '../../src/limiter/types.js'

/**
 * What every RateLimiter must do, whatever keeps its state. Runs on real time (Redis reads its own clock), so
 * expectations allow a few milliseconds; nothing here sleeps.
 */
export function rateLimiterContract(name: string, make: () => RateLimiter) {
  let serial = 0
  const bucket = (over: Partial<BucketSpec> = {}): BucketSpec => ({
    key: `contract-${name}-${++serial}-${Date.now()}`,
    limit: 20,
    windowMs: 1_000,
    burst: 2,
    ...over,
  })
  const granted = (acquisition: Acquisition) => {
    if (!acquisition.granted) throw new Error(`refused, retry after ${acquisition.retryAfterMs}`)
    return acquisition.waitMs
  }

  describe(`${name}: rate limiter contract`, () => {
    it('grants the burst at once, then queues callers in order at the refill rate', async () => {
      const limiter = make()
      const spec = bucket()
      const sendTimes: number[] = []
      const waits: number[] = []
      for (let i = 0; i < 6; i++) {
        const asked = Date.now()
        waits.push(granted(await limiter.acquire(spec, 10_000)))
        sendTimes.push(asked + waits[i]!)
      }
      expect(waits.slice(0, 2)).toEqual([0, 0])
      // Turns are one refill interval apart, however long each call took (both clocks are this machine's).
      const interval = 1 / refillPerMs(spec)
      for (let i = 2; i < 6; i++) {
        expect(Math.abs(sendTimes[i]! - sendTimes[i - 1]! - interval)).toBeLessThan(15)
      }
    })

    it('takes nothing when the wait would exceed maxWait', async () => {
      const limiter = make()
      const spec = bucket()
      granted(await limiter.acquire(spec, 0))
      granted(await limiter.acquire(spec, 0))
      const refused = await limiter.acquire(spec, 5)
      expect(refused.granted).toBe(false)
      if (!refused.granted) expect(refused.retryAfterMs).toBeGreaterThan(5)
      const next = granted(await limiter.acquire(spec, 10_000))
      expect(next).toBeLessThan(1.5 / refillPerMs(spec))
    })

    it('grants no more than the limit in any window, however many callers queue', async () => {
      const limiter = make()
      const spec = bucket({ limit: 10, windowMs: 500, burst: 1 })
      const start = Date.now()
      const sendTimes: number[] = []
      for (let i = 0; i < 35; i++) sendTimes.push(Date.now() + granted(await limiter.acquire(spec, 60_000)))
      sendTimes.sort((a, b) => a - b)
      for (const from of sendTimes) {
        expect(sendTimes.filter((at) => at >= from && at < from + spec.windowMs).length).toBeLessThanOrEqual(
          spec.limit,
        )
      }
      // And not much less: 35 requests fit in about 35 / (limit - burst) windows.
      expect(sendTimes.at(-1)! - start).toBeLessThan((35 / (spec.limit - spec.burst)) * spec.windowMs * 1.1)
    })

    it('holds every caller back until a block ends', async () => {
      const limiter = make()
      const spec = bucket()
      const blockedUntil = Date.now() + 400
      await limiter.block(spec, blockedUntil)
      const askedFirst = Date.now()
      const first = askedFirst + granted(await limiter.acquire(spec, 10_000))
      const second = Date.now() + granted(await limiter.acquire(spec, 10_000))
      expect(first).toBeGreaterThanOrEqual(blockedUntil - 2)
      expect(second).toBeGreaterThan(first)
      expect((await limiter.acquire(spec, 100)).granted).toBe(false)
    })

    it('keeps buckets apart by key', async () => {
      const limiter = make()
      const spec = bucket()
      for (let i = 0; i < 2; i++) granted(await limiter.acquire(spec, 0))
      expect(await limiter.acquire({ ...spec, key: `${spec.key}-other` }, 0)).toEqual({
        granted: true,
        waitMs: 0,
      })
    })
  })
}
