import { describe, expect, it } from 'vitest'
import { lateTurnToleranceMs, refillPerMs } from '../../src/state/limiter/types.js'
import { RequestAdmission } from '../../src/vendor-http/admission.js'
import { bucketTurns } from '../../src/vendor-http/layers/turns.js'
import { exchangeOf, fakeTime, recordingObserver } from '../helpers/vendor-layers.js'
import { refused, scriptedLimiter, spaced } from '../helpers/scripted-limiter.js'

const bucket = { key: 'vendor', limit: 20, windowMs: 1_000, burst: 1 }

function turnsAt(...answers: Parameters<typeof scriptedLimiter>) {
  const time = fakeTime()
  const scripted = scriptedLimiter(...answers)
  const { observer, events } = recordingObserver()
  const turns = bucketTurns({
    vendor: 'testvendor',
    limiter: scripted.limiter,
    bucket,
    now: time.now,
    observer,
  })
  return { ...scripted, time, events, turns }
}

describe("the vendor bucket's turns", () => {
  it('reserves the turns a request expects together; it keeps all but the first', async () => {
    const { turns, time, events } = turnsAt(spaced(200, 5_000))
    const admission = new RequestAdmission(time.now)
    const { context } = exchangeOf({}, { admission })
    const reservation = await turns.reserve(context, 1_000, 3)
    const now = time.now()
    expect(reservation).toEqual({
      granted: true,
      turns: [
        { dueAt: now + 200, limiterAt: 5_200 },
        { dueAt: now + 300, limiterAt: 5_300 },
        { dueAt: now + 400, limiterAt: 5_400 },
      ],
    })
    expect(events).toEqual(['granted 200'])
    time.advance(300)
    expect(turns.takeReserved(context)).toEqual({ dueAt: now + 300, limiterAt: 5_300 })
  })

  it('never asks for more turns than even an idle bucket gives within the wait', async () => {
    const { turns, acquired } = turnsAt(spaced(0, 0))
    await turns.reserve(exchangeOf().context, 1_000, 40)
    expect(acquired[0]?.count).toBe(Math.floor(1 + 1_000 * refillPerMs(bucket)))
  })

  it('refuses with a 429 and its Retry-After when the queue is too long, and says so', async () => {
    const { turns, events } = turnsAt(refused(4_200))
    const reservation = await turns.reserve(exchangeOf().context, 1_000, 1)
    expect(reservation.granted).toBe(false)
    if (reservation.granted) return
    expect(reservation.refusal).toMatchObject({ status: 429, extras: { retryAfterSeconds: 5 } })
    expect(reservation.refusal.detail).toContain('the testvendor rate limit is reached')
    expect(events).toEqual(['refused'])
  })

  it('passes over reserved turns too late to use', async () => {
    const { turns, time } = turnsAt(spaced(0, 0))
    const admission = new RequestAdmission(time.now)
    const { context } = exchangeOf({}, { admission })
    await turns.reserve(context, 1_000, 3)
    time.advance(200 + lateTurnToleranceMs(bucket) + 1)
    expect(turns.takeReserved(context)).toBeUndefined()
  })
})
