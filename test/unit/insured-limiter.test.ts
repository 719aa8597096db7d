import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import {
  InsuredRateLimiter,
  insuranceBucket,
  type InsuranceOptions,
} from '../../src/state/limiter/insured.js'
import { MemoryRateLimiter } from '../../src/state/limiter/memory.js'
import {
  refillPerMs,
  type Acquisition,
  type BucketSpec,
  type RateLimiter,
} from '../../src/state/limiter/types.js'

const log = pino({ level: 'silent' })
const bucket: BucketSpec = { key: 'syncro:egress-ip', limit: 20, windowMs: 1_000, burst: 1 }
const HORIZON = 2_000
const SKEW = 1_000
const HOLD = HORIZON + SKEW

function clock(start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

/** A replica's view of the store: up or down as that replica sees it; a return bumps the generation. */
class StoreView {
  available = true
  generation = 1
  set(up: boolean) {
    if (up && !this.available) this.generation += 1
    this.available = up
  }
}

/** The shared store, as Redis would be: it may restart empty. */
class RestartableShared implements RateLimiter {
  #state: MemoryRateLimiter
  constructor(private readonly now: () => number) {
    this.#state = new MemoryRateLimiter({ now })
  }
  restartEmpty() {
    this.#state = new MemoryRateLimiter({ now: this.now })
  }
  acquire(spec: BucketSpec, maxWaitMs: number, count?: number): Promise<Acquisition> {
    return this.#state.acquire(spec, maxWaitMs, count)
  }
  block(spec: BucketSpec, untilMs: number): Promise<void> {
    return this.#state.block(spec, untilMs)
  }
  release(spec: BucketSpec, turnsAt: number[]): Promise<void> {
    return this.#state.release(spec, turnsAt)
  }
}

const options = (time: { now: () => number }, over: Partial<InsuranceOptions> = {}): InsuranceOptions => ({
  replicas: 3,
  whenStoreDown: 'local',
  horizonMs: HORIZON,
  skewMs: SKEW,
  buckets: [bucket],
  log,
  now: time.now,
  ...over,
})

const windowsWithin = (times: number[], spec: BucketSpec) => {
  const sorted = [...times].sort((a, b) => a - b)
  return Math.max(
    ...sorted.map((from) => sorted.filter((at) => at >= from && at < from + spec.windowMs).length),
  )
}

describe('InsuredRateLimiter', () => {
  it('keeps 3 replicas under the vendor limit across an outage and a return to an emptied Redis, and keeps serving', async () => {
    const time = clock()
    const shared = new RestartableShared(time.now)
    const views = [new StoreView(), new StoreView(), new StoreView()]
    const replicas = views.map((view) => new InsuredRateLimiter(shared, view, options(time)))
    const start = time.now()
    const sends: number[] = []
    // The outage: replica 0 notices it at 4 s, replica 1 at 4.5 s, replica 2 (idle then) at 4.9 s. Redis comes
    // back empty; the replicas notice at 14 s, 14.6 s and 14.9 s. Replica 2 sends nothing from 3 s to 16 s.
    const switches = [
      { at: 4_000, replica: 0, up: false },
      { at: 4_500, replica: 1, up: false },
      { at: 4_900, replica: 2, up: false },
      { at: 14_000, replica: 0, up: true },
      { at: 14_600, replica: 1, up: true },
      { at: 14_900, replica: 2, up: true },
    ]
    for (let t = 0; t < 26_000; t += 10) {
      if (t === 13_000) shared.restartEmpty()
      for (const change of switches) if (change.at === t) views[change.replica]!.set(change.up)
      for (const [index, replica] of replicas.entries()) {
        if (index === 2 && t >= 3_000 && t < 16_000) continue
        const grant = await replica.acquire(bucket, HORIZON)
        if (grant.granted) sends.push(time.now() + grant.waitMs)
      }
      time.advance(10)
    }
    expect(windowsWithin(sends, bucket)).toBeLessThanOrEqual(bucket.limit)
    const sentBetween = (from: number, to: number) =>
      sends.filter((at) => at >= start + from && at < start + to).length
    const rate = (bucket.limit - bucket.burst) / bucket.windowMs
    // Once the shared promises are due, the replicas keep sending at their shares during the outage…
    expect(sentBetween(4_900 + HOLD, 14_000)).toBeGreaterThan(0.6 * rate * (14_000 - 4_900 - HOLD))
    // …and through the return, then at the full rate on the shared bucket.
    expect(sentBetween(15_000, 17_000)).toBeGreaterThan(0)
    expect(sentBetween(19_000, 25_000)).toBeGreaterThan(0.8 * rate * 6_000)
  })

  it('tries a failed shared call once more while the store is up, answers 429 if it fails again, and switches nothing', async () => {
    const time = clock()
    let fail = true
    let failOnce = false
    const flaky: RateLimiter = {
      acquire: async () => {
        if (fail || failOnce) {
          failOnce = false
          throw new Error('Command timed out')
        }
        return { granted: true, waitMs: 0 }
      },
      block: async () => {},
      release: async () => {},
    }
    const limiter = new InsuredRateLimiter(flaky, new StoreView(), options(time))
    await expect(limiter.acquire(bucket, HORIZON)).rejects.toMatchObject({
      status: 429,
      code: 'rate_limited',
    })
    fail = false
    failOnce = true // an event loop blocked past the command timeout: the answer was there
    expect(await limiter.acquire(bucket, HORIZON)).toMatchObject({ granted: true, waitMs: 0 })
  })

  it('holds back the insurance bucket until the shared promises are due, and honours a vendor block while down', async () => {
    const time = clock()
    const view = new StoreView()
    const limiter = new InsuredRateLimiter(new MemoryRateLimiter({ now: time.now }), view, options(time))
    view.set(false)
    const first = await limiter.acquire(bucket, 60_000)
    expect(first.granted && first.waitMs).toBeGreaterThanOrEqual(HOLD)
    await limiter.block(bucket, time.now() + 30_000)
    const afterBlock = await limiter.acquire(bucket, 60_000)
    expect(afterBlock.granted && afterBlock.waitMs).toBeGreaterThanOrEqual(30_000)
  })

  it('serves its share at once after an outage when it saw the shared bucket idle just before', async () => {
    const time = clock()
    const view = new StoreView()
    const limiter = new InsuredRateLimiter(new MemoryRateLimiter({ now: time.now }), view, options(time))
    expect(await limiter.acquire(bucket, HORIZON)).toMatchObject({ granted: true, waitMs: 0 })
    time.advance(SKEW / 2)
    view.set(false)
    const first = await limiter.acquire(bucket, HORIZON)
    const share = insuranceBucket(bucket, 3)
    expect(first.granted && first.waitMs).toBeLessThanOrEqual(Math.ceil(1 / refillPerMs(share)))
  })

  it('holds back after an outage when the shared bucket it last saw had a queue, or when it saw it too long ago', async () => {
    for (const [queued, before] of [
      [true, SKEW / 2],
      [false, SKEW * 2],
    ] as const) {
      const time = clock()
      const view = new StoreView()
      const limiter = new InsuredRateLimiter(new MemoryRateLimiter({ now: time.now }), view, options(time))
      const turns = queued ? 3 : 1 // a burst of 1: the third turn waits
      for (let i = 0; i < turns; i++) await limiter.acquire(bucket, HORIZON)
      time.advance(before)
      view.set(false)
      const first = await limiter.acquire(bucket, 60_000)
      expect(first.granted && first.waitMs).toBeGreaterThanOrEqual(HOLD)
    }
  })

  it("refuses vendor calls while the store is down in 'deny' mode", async () => {
    const view = new StoreView()
    const limiter = new InsuredRateLimiter(
      new MemoryRateLimiter(),
      view,
      options(clock(), { whenStoreDown: 'deny' }),
    )
    expect((await limiter.acquire(bucket, 0)).granted).toBe(true)
    view.set(false)
    await expect(limiter.acquire(bucket, 0)).rejects.toBeInstanceOf(GatewayError)
  })
})
