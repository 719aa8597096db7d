import { describe, expect, it } from 'vitest'
import type { Acquisition, BucketSpec, RateLimiter } from '../../src/state/limiter/types.js'
import { refillPerMs } from '../../src/state/limiter/types.js'

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

    it('reserves several consecutive turns at once, or none when the last would wait too long', async () => {
      const limiter = make()
      const spec = bucket()
      const interval = 1 / refillPerMs(spec)
      const grant = await limiter.acquire(spec, 10_000, 4)
      if (!grant.granted) throw new Error('refused')
      const waits = [grant.waitMs, ...(grant.laterWaitsMs ?? [])]
      expect(waits).toHaveLength(4)
      // The burst (2) at once, then one refill interval apart.
      expect(waits.slice(0, 2)).toEqual([0, 0])
      expect(Math.abs(waits[3]! - waits[2]! - interval)).toBeLessThan(2)
      const tooMany = await limiter.acquire(spec, interval * 2, 5)
      expect(tooMany.granted).toBe(false)
      // Nothing was taken by the refusal: the next single turn comes right after the four.
      const next = granted(await limiter.acquire(spec, 10_000))
      expect(Math.abs(next - (waits[3]! + interval))).toBeLessThan(15)
    })

    it('hands a turn given back to the next caller, and keeps every turn used once', async () => {
      const limiter = make()
      const spec = bucket()
      const interval = 1 / refillPerMs(spec)
      const grant = await limiter.acquire(spec, 10_000, 6) // two at once, four queued
      if (!grant.granted || grant.issuedAt === undefined) throw new Error('refused, or turns without names')
      const waits = [grant.waitMs, ...(grant.laterWaitsMs ?? [])]
      // The third and fourth turns will not be used: the next two callers get them, the one after them the seventh.
      await limiter.release(spec, [grant.issuedAt + waits[2]!, grant.issuedAt + waits[3]!])
      const next = [
        granted(await limiter.acquire(spec, 10_000)),
        granted(await limiter.acquire(spec, 10_000)),
        granted(await limiter.acquire(spec, 10_000)),
      ]
      expect(Math.abs(next[0]! - waits[2]!)).toBeLessThan(15)
      expect(Math.abs(next[1]! - waits[3]!)).toBeLessThan(15)
      expect(Math.abs(next[2]! - (waits[5]! + interval))).toBeLessThan(15)
      // A turn whose time has passed is not given again.
      await limiter.release(spec, [grant.issuedAt - 1])
      expect(
        Math.abs(granted(await limiter.acquire(spec, 10_000)) - (waits[5]! + 2 * interval)),
      ).toBeLessThan(15)
    })

    it('takes back no turn that falls before a block ends, given back after the block came', async () => {
      const limiter = make()
      const spec = bucket()
      const grant = await limiter.acquire(spec, 10_000, 4)
      if (!grant.granted || grant.issuedAt === undefined) throw new Error('refused, or turns without names')
      const blockedUntil = Date.now() + 400
      await limiter.block(spec, blockedUntil)
      await limiter.release(spec, [grant.issuedAt + grant.laterWaitsMs!.at(-1)!])
      const asked = Date.now()
      expect(asked + granted(await limiter.acquire(spec, 10_000))).toBeGreaterThanOrEqual(blockedUntil - 2)
    })

    it('gives out no turn given back that falls before a block ends', async () => {
      const limiter = make()
      const spec = bucket()
      const grant = await limiter.acquire(spec, 10_000, 4)
      if (!grant.granted || grant.issuedAt === undefined) throw new Error('refused, or turns without names')
      const last = grant.issuedAt + grant.laterWaitsMs!.at(-1)!
      await limiter.release(spec, [last])
      const blockedUntil = Date.now() + 400
      await limiter.block(spec, blockedUntil)
      const asked = Date.now()
      expect(asked + granted(await limiter.acquire(spec, 10_000))).toBeGreaterThanOrEqual(blockedUntil - 2)
    })

    it('keeps buckets apart by key', async () => {
      const limiter = make()
      const spec = bucket()
      for (let i = 0; i < 2; i++) granted(await limiter.acquire(spec, 0))
      expect(await limiter.acquire({ ...spec, key: `${spec.key}-other` }, 0)).toMatchObject({
        granted: true,
        waitMs: 0,
      })
    })
  })
}
