import { describe, expect, it } from 'vitest'
import type { Acquisition, BucketSpec, RateLimiter } from '../../src/state/limiter/types.js'
import { refillPerMs } from '../../src/state/limiter/types.js'

/**
 * What every RateLimiter must do, whatever keeps its state. Runs on real time (Redis reads its own clock), so turns
 * are compared on the limiter's own clock (`issuedAt` + wait), where they are exact whatever a round trip took on a
 * busy machine; nothing here sleeps.
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
  /** When a granted turn falls, on the limiter's clock. */
  const turnAt = (acquisition: Acquisition) => {
    if (!acquisition.granted || acquisition.issuedAt === undefined)
      throw new Error('refused, or a turn without a time')
    return acquisition.issuedAt + acquisition.waitMs
  }
  /** Rounding of the limiter's arithmetic (Redis answers whole or fractional milliseconds). */
  const EXACT = 1

  describe(`${name}: rate limiter contract`, () => {
    it('grants the burst at once, then queues callers in order at the refill rate', async () => {
      const limiter = make()
      // Turns 3 s apart: the queue stays behind however long a round trip takes on a busy machine (at 50 ms apart,
      // a slow call let the bucket refill between two acquisitions and the turns drifted apart).
      const spec = bucket({ windowMs: 60_000 })
      const acquisitions: Acquisition[] = []
      for (let i = 0; i < 6; i++) acquisitions.push(await limiter.acquire(spec, 120_000))
      expect(acquisitions.slice(0, 2).map(granted)).toEqual([0, 0])
      // Turns are one refill interval apart, however long each call took.
      const interval = 1 / refillPerMs(spec)
      const turns = acquisitions.map(turnAt)
      for (let i = 3; i < 6; i++) expect(Math.abs(turns[i]! - turns[i - 1]! - interval)).toBeLessThan(EXACT)
      // The first queued turn comes one interval after the burst at most (sooner when the bucket refilled meanwhile).
      expect(turns[2]! - turns[1]!).toBeLessThanOrEqual(interval + EXACT)
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
      const sendTimes: number[] = []
      for (let i = 0; i < 35; i++) sendTimes.push(turnAt(await limiter.acquire(spec, 60_000)))
      const start = sendTimes[0]!
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
      const first = turnAt(await limiter.acquire(spec, 10_000))
      const second = turnAt(await limiter.acquire(spec, 10_000))
      expect(first).toBeGreaterThanOrEqual(blockedUntil - EXACT)
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
      expect(Math.abs(waits[3]! - waits[2]! - interval)).toBeLessThan(EXACT)
      const tooMany = await limiter.acquire(spec, interval * 2, 5)
      expect(tooMany.granted).toBe(false)
      // Nothing was taken by the refusal: the next single turn comes right after the four.
      const next = turnAt(await limiter.acquire(spec, 10_000))
      expect(Math.abs(next - (turnAt(grant) + waits[3]! - waits[0]! + interval))).toBeLessThan(EXACT)
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
        turnAt(await limiter.acquire(spec, 10_000)),
        turnAt(await limiter.acquire(spec, 10_000)),
        turnAt(await limiter.acquire(spec, 10_000)),
      ]
      const turn = (wait: number) => grant.issuedAt! + wait
      expect(Math.abs(next[0]! - turn(waits[2]!))).toBeLessThan(EXACT)
      expect(Math.abs(next[1]! - turn(waits[3]!))).toBeLessThan(EXACT)
      expect(Math.abs(next[2]! - turn(waits[5]! + interval))).toBeLessThan(EXACT)
      // A turn whose time has passed is not given again.
      await limiter.release(spec, [grant.issuedAt - 1])
      expect(
        Math.abs(turnAt(await limiter.acquire(spec, 10_000)) - turn(waits[5]! + 2 * interval)),
      ).toBeLessThan(EXACT)
    })

    it('takes back no turn that falls before a block ends, given back after the block came', async () => {
      const limiter = make()
      const spec = bucket()
      const grant = await limiter.acquire(spec, 10_000, 4)
      if (!grant.granted || grant.issuedAt === undefined) throw new Error('refused, or turns without names')
      const blockedUntil = Date.now() + 400
      await limiter.block(spec, blockedUntil)
      await limiter.release(spec, [grant.issuedAt + grant.laterWaitsMs!.at(-1)!])
      expect(turnAt(await limiter.acquire(spec, 10_000))).toBeGreaterThanOrEqual(blockedUntil - EXACT)
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
      expect(turnAt(await limiter.acquire(spec, 10_000))).toBeGreaterThanOrEqual(blockedUntil - EXACT)
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
