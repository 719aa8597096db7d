import { describe, expect, it } from 'vitest'
import { MemoryRateLimiter } from '../../src/state/limiter/memory.js'
import { refillPerMs, type BucketSpec } from '../../src/state/limiter/types.js'

const bucket: BucketSpec = { key: 'syncro:egress-ip', limit: 180, windowMs: 60_000, burst: 9 }

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('MemoryRateLimiter', () => {
  it('grants the burst at once, then queues callers in order at the refill rate', async () => {
    const time = clock()
    const limiter = new MemoryRateLimiter({ now: time.now })
    const waits: number[] = []
    for (let i = 0; i < bucket.burst + 3; i++) {
      const grant = await limiter.acquire(bucket, 60_000)
      if (!grant.granted) throw new Error('refused')
      waits.push(grant.waitMs)
    }
    expect(waits.slice(0, bucket.burst)).toEqual(Array(bucket.burst).fill(0))
    const queued = waits.slice(bucket.burst)
    expect(queued).toEqual([...queued].sort((a, b) => a - b))
    const interval = 1 / refillPerMs(bucket)
    expect(queued[0]).toBe(Math.ceil(interval))
    expect(queued[2]).toBe(Math.ceil(3 * interval))
  })

  it('takes nothing when the wait would exceed maxWait', async () => {
    const time = clock()
    const limiter = new MemoryRateLimiter({ now: time.now })
    for (let i = 0; i < bucket.burst; i++) await limiter.acquire(bucket, 0)
    const refused = await limiter.acquire(bucket, 10)
    expect(refused.granted).toBe(false)
    const again = await limiter.acquire(bucket, 60_000)
    expect(again).toMatchObject({ granted: true, waitMs: Math.ceil(1 / refillPerMs(bucket)) })
  })

  it('never grants more than the limit in any window', async () => {
    const time = clock()
    const limiter = new MemoryRateLimiter({ now: time.now })
    const grants: number[] = []
    // Demand far above the limit for three windows: each caller sends at now + wait.
    for (let t = 0; t < 3 * bucket.windowMs; t += 50) {
      const grant = await limiter.acquire(bucket, 500)
      if (grant.granted) grants.push(time.now() + grant.waitMs)
      time.advance(50)
    }
    grants.sort((a, b) => a - b)
    for (let i = 0; i < grants.length; i++) {
      const windowEnd = grants[i]! + bucket.windowMs
      const inWindow = grants.filter((at) => at >= grants[i]! && at < windowEnd).length
      expect(inWindow).toBeLessThanOrEqual(bucket.limit)
    }
    expect(grants.length).toBeGreaterThanOrEqual(3 * bucket.limit * 0.9)
  })

  it('holds every caller back until a block ends, then serves them in order', async () => {
    const time = clock()
    const limiter = new MemoryRateLimiter({ now: time.now })
    await limiter.block(bucket, time.now() + 30_000)
    const first = await limiter.acquire(bucket, 60_000)
    const second = await limiter.acquire(bucket, 60_000)
    if (!first.granted || !second.granted) throw new Error('refused')
    expect(first.waitMs).toBeGreaterThanOrEqual(30_000)
    expect(second.waitMs).toBeGreaterThan(first.waitMs)
    expect((await limiter.acquire(bucket, 10_000)).granted).toBe(false)
  })

  it('keeps buckets apart by key', async () => {
    const limiter = new MemoryRateLimiter({ now: clock().now })
    for (let i = 0; i < bucket.burst; i++) await limiter.acquire(bucket, 0)
    expect(await limiter.acquire({ ...bucket, key: 'other' }, 0)).toMatchObject({ granted: true, waitMs: 0 })
  })
})
