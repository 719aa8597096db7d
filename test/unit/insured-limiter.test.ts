import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { InsuredRateLimiter, STORE_SWITCH_SKEW_MS } from '../../src/limiter/insured.js'
import { MemoryRateLimiter } from '../../src/limiter/memory.js'
import type { BucketSpec } from '../../src/limiter/types.js'

const log = pino({ level: 'silent' })
const bucket: BucketSpec = { key: 'syncro:egress-ip', limit: 20, windowMs: 1_000, burst: 1 }
const HORIZON = 2_000

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

/** A replica's view of the store: up or down, as that replica sees it. */
class StoreView {
  available = true
}

describe('InsuredRateLimiter', () => {
  it('keeps 2 replicas under the vendor limit in every window across an outage and the return, and keeps serving', async () => {
    const time = clock()
    const shared = new MemoryRateLimiter({ now: time.now })
    const views = [new StoreView(), new StoreView()]
    const replicas = views.map(
      (view) =>
        new InsuredRateLimiter(shared, view, {
          replicas: 2,
          whenStoreDown: 'local',
          horizonMs: HORIZON,
          log,
          now: time.now,
        }),
    )
    const start = time.now()
    const sends: Array<{ at: number; replica: number }> = []
    // Replica 0 loses the store at 4 s and gets it back at 14 s; replica 1 notices each 700 ms later.
    const switches = [
      { at: 4_000, replica: 0, up: false },
      { at: 4_700, replica: 1, up: false },
      { at: 14_000, replica: 0, up: true },
      { at: 14_700, replica: 1, up: true },
    ]
    for (let t = 0; t < 26_000; t += 10) {
      for (const change of switches) if (change.at === t) views[change.replica]!.available = change.up
      for (const [index, replica] of replicas.entries()) {
        const grant = await replica.acquire(bucket, HORIZON)
        if (grant.granted) sends.push({ at: time.now() + grant.waitMs, replica: index })
      }
      time.advance(10)
    }
    const times = sends.map((send) => send.at).sort((a, b) => a - b)
    for (const from of times) {
      expect(times.filter((at) => at >= from && at < from + bucket.windowMs).length).toBeLessThanOrEqual(
        bucket.limit,
      )
    }
    const sentBetween = (from: number, to: number) =>
      times.filter((at) => at >= start + from && at < start + to).length
    // During the outage, once the shared promises are due, both replicas keep sending at their share.
    expect(sentBetween(4_700 + HORIZON + STORE_SWITCH_SKEW_MS, 14_000)).toBeGreaterThan(0.8 * 19 * 3.3)
    // After the return, the shared bucket serves again at the full rate.
    expect(sentBetween(21_000, 25_000)).toBeGreaterThan(0.8 * 19 * 4)
  })

  it('serves a bucket it never insured from the shared bucket at once after the return', async () => {
    const time = clock()
    const shared = new MemoryRateLimiter({ now: time.now })
    const view = new StoreView()
    const limiter = new InsuredRateLimiter(shared, view, {
      replicas: 2,
      whenStoreDown: 'local',
      horizonMs: HORIZON,
      log,
      now: time.now,
    })
    view.available = false
    await limiter.acquire(bucket, HORIZON)
    view.available = true
    expect(await limiter.acquire({ ...bucket, key: 'other' }, 0)).toEqual({ granted: true, waitMs: 0 })
    expect((await limiter.acquire(bucket, 100)).granted).toBe(false)
  })

  it("refuses vendor calls while the store is down in 'deny' mode", async () => {
    const view = new StoreView()
    const limiter = new InsuredRateLimiter(new MemoryRateLimiter(), view, {
      replicas: 2,
      whenStoreDown: 'deny',
      horizonMs: HORIZON,
      log,
    })
    expect((await limiter.acquire(bucket, 0)).granted).toBe(true)
    view.available = false
    await expect(limiter.acquire(bucket, 0)).rejects.toBeInstanceOf(GatewayError)
  })

  it('falls back to the insurance bucket when a shared call fails', async () => {
    const failing = {
      acquire: async () => Promise.reject(new Error('Connection is closed.')),
      block: async () => Promise.reject(new Error('Connection is closed.')),
    }
    const time = clock()
    const limiter = new InsuredRateLimiter(failing, new StoreView(), {
      replicas: 1,
      whenStoreDown: 'local',
      horizonMs: HORIZON,
      log,
      now: time.now,
    })
    const grant = await limiter.acquire(bucket, 60_000)
    expect(grant.granted).toBe(true)
    if (grant.granted) expect(grant.waitMs).toBeGreaterThanOrEqual(HORIZON + STORE_SWITCH_SKEW_MS)
  })
})
