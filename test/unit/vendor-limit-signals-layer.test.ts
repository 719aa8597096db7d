import { describe, expect, it } from 'vitest'
import type { RateLimiter } from '../../src/state/limiter/types.js'
import { RequestAdmission } from '../../src/vendor-http/admission.js'
import type { Attempt } from '../../src/vendor-http/layers/exchange.js'
import { limitSignalsLayer, type RateLimitHint } from '../../src/vendor-http/layers/limit-signals.js'
import { answered, below, exchangeOf, fakeTime } from '../helpers/vendor-layers.js'
import { scriptedLimiter } from '../helpers/scripted-limiter.js'

const bucket = { key: 'vendor', limit: 20, windowMs: 1_000, burst: 1 }
const spent: RateLimitHint = (headers, now) => (headers['x-remaining'] === '0' ? now + 5_000 : undefined)

function signals(result: Attempt, statusOf?: (status: number, body: unknown) => number) {
  const time = fakeTime()
  const { limiter, blocked } = scriptedLimiter()
  const layer = limitSignalsLayer({ limiter, bucket, rateLimitHint: spent, now: time.now, statusOf })(
    below(result).dispatch,
  )
  return { time, blocked, layer }
}

describe('the rate-limit signals layer', () => {
  it('blocks the bucket until the quota is back when the vendor says it is spent', async () => {
    const { layer, blocked, time } = signals(answered(200, { headers: { 'x-remaining': '0' } }))
    expect(await layer.send(exchangeOf())).toEqual(answered(200, { headers: { 'x-remaining': '0' } }))
    expect(blocked).toEqual([{ key: 'vendor', untilMs: time.now() + 5_000 }])
  })

  it('blocks the bucket after a 429 until its Retry-After, or for a second, and carries the Retry-After up', async () => {
    const told = signals(answered(429, { headers: { 'retry-after': '2' } }))
    expect(await told.layer.send(exchangeOf())).toMatchObject({ status: 429, retryAfterMs: 2_000 })
    expect(told.blocked).toEqual([{ key: 'vendor', untilMs: told.time.now() + 2_000 }])
    const silent = signals(answered(429))
    expect(await silent.layer.send(exchangeOf())).toMatchObject({ status: 429, retryAfterMs: undefined })
    expect(silent.blocked).toEqual([{ key: 'vendor', untilMs: silent.time.now() + 1_000 }])
  })

  it('blocks the bucket after an answer that stands for a 429 (a vendor limit answered 500)', async () => {
    const threadLimit = (status: number, body: unknown) => (body === 'thread limit' ? 429 : status)
    const told = signals(answered(500, { body: 'thread limit' }), threadLimit)
    await told.layer.send(exchangeOf())
    expect(told.blocked).toEqual([{ key: 'vendor', untilMs: told.time.now() + 1_000 }])
    const other = signals(answered(500, { body: 'failed' }), threadLimit)
    await other.layer.send(exchangeOf())
    expect(other.blocked).toEqual([])
  })

  it("voids the request's reserved turns before the block's end", async () => {
    const { layer, time } = signals(answered(429, { headers: { 'retry-after': '1' } }))
    const admission = new RequestAdmission(time.now)
    const turn = (at: number) => ({ dueAt: time.now() + at })
    admission.keep(bucket, {} as RateLimiter, [turn(500), turn(1_000), turn(1_500)])
    await layer.send(exchangeOf({}, { admission }))
    expect(admission.takeReserved(bucket.key, Infinity)).toEqual(turn(1_000))
  })

  it('reads Retry-After on other statuses too, blocking nothing', async () => {
    const { layer, blocked } = signals(answered(503, { headers: { 'retry-after': '3' } }))
    expect(await layer.send(exchangeOf())).toMatchObject({ status: 503, retryAfterMs: 3_000 })
    expect(blocked).toEqual([])
  })

  it('lets a failure without an answer through untouched', async () => {
    const dropped: Attempt = { kind: 'transport', failure: { reachedVendor: true, timedOut: false } }
    const { layer, blocked } = signals(dropped)
    expect(await layer.send(exchangeOf())).toBe(dropped)
    expect(blocked).toEqual([])
  })
})
