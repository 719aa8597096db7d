import { describe, expect, it } from 'vitest'
import { rateLimited } from '../../src/errors.js'
import type { RateLimiter } from '../../src/state/limiter/types.js'
import { RequestAdmission, type Turn } from '../../src/vendor-http/admission.js'
import { callerShareLayer, shareOf } from '../../src/vendor-http/layers/caller-share.js'
import type { Reservation, TurnSource } from '../../src/vendor-http/layers/turns.js'
import { exchangeOf, fakeTime } from '../helpers/vendor-layers.js'
import { refused, scriptedLimiter, spaced } from '../helpers/scripted-limiter.js'

const bucket = { key: 'vendor', limit: 20, windowMs: 1_000, burst: 1 }
const share = { caller: 'sync job', fraction: 0.5 }
const shareKey = shareOf(bucket, share).key

/** Vendor turns at once, at most `most` of them (or refused); the share's from `shareAnswer`. */
function sharing(
  shareAnswers: Parameters<typeof scriptedLimiter>[0] | Array<Parameters<typeof scriptedLimiter>[0]>,
  vendor: { most?: number; refuse?: boolean } = {},
) {
  const time = fakeTime()
  const scripted = scriptedLimiter(...[shareAnswers].flat())
  const asked: Array<{ maxWaitMs: number; count: number; at: number }> = []
  const vendorTurns: TurnSource = {
    takeReserved: ({ admission }) => admission?.takeReserved(bucket.key, 25),
    async reserve(_context, maxWaitMs, count): Promise<Reservation> {
      asked.push({ maxWaitMs, count, at: time.now() })
      if (vendor.refuse) return { granted: false, refusal: rateLimited(2, 'vendor queue full') }
      const turns = Array.from({ length: Math.min(count, vendor.most ?? count) }, (_, i) => ({
        dueAt: time.now() + i,
      }))
      return { granted: true, turns }
    },
  }
  const settings = { rateLimitMaxWaitMs: 1_000 }
  const turns = callerShareLayer({
    vendor: 'testvendor',
    limiter: scripted.limiter,
    bucket,
    settings,
    ...time,
  })(vendorTurns)
  return { ...scripted, time, asked, turns }
}

describe('the caller share layer', () => {
  it('leaves a caller without a share to the vendor bucket alone', async () => {
    const { turns, acquired, asked } = sharing(spaced(0, 0))
    await turns.reserve(exchangeOf().context, 2_000, 3)
    expect(acquired).toEqual([])
    expect(asked).toEqual([{ maxWaitMs: 2_000, count: 3, at: expect.any(Number) }])
  })

  it("takes the share's turns first, waited out in its own queue, then as many of the vendor's", async () => {
    const { turns, acquired, asked, time } = sharing(spaced(300, 10_000))
    const start = time.now()
    const reservation = await turns.reserve(exchangeOf({}, { share }).context, 2_000, 3)
    expect(acquired).toEqual([{ key: shareKey, maxWaitMs: 1_000, count: 3 }])
    expect(asked).toEqual([{ maxWaitMs: 2_000, count: 3, at: start + 300 }])
    expect(reservation.granted && reservation.turns).toHaveLength(3)
  })

  it("answers 429 when the caller's share is used up, without asking the vendor bucket", async () => {
    const { turns, asked } = sharing(refused(2_500))
    await expect(turns.reserve(exchangeOf({}, { share }).context, 2_000, 1)).rejects.toMatchObject({
      status: 429,
      extras: { retryAfterSeconds: 3 },
      detail: expect.stringContaining("this API key's share of the testvendor rate limit"),
    })
    expect(asked).toEqual([])
  })

  it("says the change events' share is used up when their calls find it so, no API key being involved", async () => {
    const { turns } = sharing(refused(2_500))
    const events = { share: { caller: 'gateway-event-sources', fraction: 0.05 }, purpose: 'events' as const }
    await expect(turns.reserve(exchangeOf({}, events).context, 2_000, 1)).rejects.toMatchObject({
      status: 429,
      detail: "the change events' share of the testvendor rate limit is used up for now",
    })
  })

  it('lets a patient caller ask again once its turn is within half the wait it may reserve, rather than fail', async () => {
    const { turns, acquired, time } = sharing([refused(20_500), spaced(10_000, 0)])
    const patient = { share, shareWaitMs: 20_000, sharePatienceMs: 300_000 }
    const reservation = await turns.reserve(exchangeOf({}, patient).context, 2_000, 1)
    expect(reservation.granted).toBe(true)
    expect(acquired.map(({ maxWaitMs }) => maxWaitMs)).toEqual([20_000, 20_000])
    // Asked again 10.5 s later (its turn then 10 s ahead), then the turn's own wait.
    expect(time.sleeps).toEqual([10_500, 10_000])
  })

  it('answers 429 to a patient caller once the refusal puts its turn past its patience', async () => {
    const { turns, acquired, time } = sharing([refused(40_000)])
    const patient = { share, shareWaitMs: 20_000, sharePatienceMs: 60_000, purpose: 'events' as const }
    await expect(turns.reserve(exchangeOf({}, patient).context, 2_000, 1)).rejects.toMatchObject({
      status: 429,
      extras: { retryAfterSeconds: 40 },
    })
    // Asked at 0 (turn at 40 s) and at 30 s (turn at 70 s, past the 60 s of patience).
    expect(acquired).toHaveLength(2)
    expect(time.sleeps).toEqual([30_000])
  })

  it("gives back the share's turns still ahead when the vendor bucket refuses", async () => {
    const { turns, released } = sharing(spaced(0, 10_000), { refuse: true })
    const reservation = await turns.reserve(exchangeOf({}, { share }).context, 2_000, 3)
    expect(reservation).toMatchObject({ granted: false, refusal: { status: 429 } })
    expect(released).toEqual([{ key: shareKey, turnsAt: [10_100, 10_200] }])
  })

  it('keeps as many share turns as vendor turns, and gives back the others', async () => {
    const { turns, released, time } = sharing(spaced(0, 10_000), { most: 2 })
    const admission = new RequestAdmission(time.now)
    await turns.reserve(exchangeOf({}, { share, admission }).context, 2_000, 3)
    expect(released).toEqual([{ key: shareKey, turnsAt: [10_200] }])
    expect(admission.takeReserved(shareKey, Infinity)).toMatchObject({ limiterAt: 10_100 })
    expect(admission.takeReserved(shareKey, Infinity)).toBeUndefined()
  })

  it('uses a reserved share turn along with each reserved vendor turn', async () => {
    const { turns, time } = sharing(spaced(0, 0))
    const admission = new RequestAdmission(time.now)
    const limiter = {} as RateLimiter
    const later = (at: number): Turn => ({ dueAt: time.now() + at })
    admission.keep(bucket, limiter, [later(10)])
    admission.keep(shareOf(bucket, share), limiter, [later(10), later(20)])
    const { context } = exchangeOf({}, { share, admission })
    expect(turns.takeReserved(context)).toEqual(later(10))
    expect(admission.takeReserved(shareKey, Infinity)).toEqual(later(20))
  })
})
