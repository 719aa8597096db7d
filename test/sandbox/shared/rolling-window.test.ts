import { describe, expect, it } from 'vitest'
import { RollingWindowLimiter } from '../../../sandbox/shared/rate-limit.js'

const limiterAt = (limit: number, windowMs: number) => {
  const clock = { now: 0 }
  return { clock, limiter: new RollingWindowLimiter(limit, windowMs, () => clock.now) }
}

describe('the emulators rolling window', () => {
  it('accepts `limit` requests in any window, and a slot frees when the oldest leaves it', () => {
    const { clock, limiter } = limiterAt(3, 1_000)
    for (const at of [0, 10, 20]) {
      clock.now = at
      expect(limiter.acquire('a').accepted).toBe(true)
    }
    clock.now = 30
    expect(limiter.acquire('a')).toEqual({ accepted: false, remaining: 0, msUntilNextSlot: 970 })
    clock.now = 999
    expect(limiter.tryAcquire('a')).toBe(false)
    clock.now = 1_000
    expect(limiter.acquire('a')).toEqual({ accepted: true, remaining: 0, msUntilNextSlot: 10 })
  })

  it('does not count refused requests, and keeps keys apart', () => {
    const { clock, limiter } = limiterAt(1, 1_000)
    expect(limiter.tryAcquire('a')).toBe(true)
    clock.now = 500
    expect(limiter.tryAcquire('a')).toBe(false)
    expect(limiter.tryAcquire('b')).toBe(true)
    clock.now = 1_000
    expect(limiter.acquire('a')).toEqual({ accepted: true, remaining: 0, msUntilNextSlot: 1_000 })
  })

  it('holds exactly the requests of the last window over a long run', () => {
    const { clock, limiter } = limiterAt(100_000, 1_000)
    for (let at = 0; at < 20_000; at += 4) {
      clock.now = at
      const state = limiter.acquire('a')
      // 250 requests fit in a window at one per 4 ms; before the first full window, one per step so far.
      expect(100_000 - state.remaining).toBe(Math.min(at / 4 + 1, 250))
    }
  })
})
