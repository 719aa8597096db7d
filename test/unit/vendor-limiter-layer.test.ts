import { describe, expect, it } from 'vitest'
import type { BucketSpec, RateLimiter } from '../../src/state/limiter/types.js'
import { RequestAdmission, type Turn } from '../../src/vendor-http/admission.js'
import type { Dispatch, Exchange } from '../../src/vendor-http/layers/exchange.js'
import { limiterLayer, MAX_LATE_RETAKES } from '../../src/vendor-http/layers/limiter.js'
import type { TurnSource } from '../../src/vendor-http/layers/turns.js'
import { rateLimited } from '../../src/errors.js'
import { answered, below, exchangeOf, fakeTime, recordingObserver } from '../helpers/vendor-layers.js'

// Half the window's 50 ms margin: a call may leave up to 25 ms after its turn.
const bucket: BucketSpec = { key: 'k', limit: 20, windowMs: 1_000, burst: 1 }
const settings = { rateLimitMaxWaitMs: 1_000 }

/** Turns `waitMs` away, recording what was asked; the limiter records what was given back. */
function limiting(next: Dispatch, options: { waitMs?: number; refuse?: boolean } = {}) {
  const time = fakeTime()
  const asked: Array<{ maxWaitMs: number; count: number }> = []
  const released: number[] = []
  const turns: TurnSource = {
    takeReserved: ({ admission }) => admission?.takeReserved(bucket.key, 25),
    async reserve(_context, maxWaitMs, count) {
      asked.push({ maxWaitMs, count })
      if (options.refuse) return { granted: false, refusal: rateLimited(3, 'queue full') }
      const dueAt = time.now() + (options.waitMs ?? 0)
      return { granted: true, turns: [{ dueAt, limiterAt: dueAt }] }
    },
  }
  const limiter: RateLimiter = {
    acquire: async () => ({ granted: true, waitMs: 0 }),
    block: async () => {},
    release: async (_bucket, turnsAt) => void released.push(...turnsAt),
  }
  const { observer, events } = recordingObserver()
  const send = limiterLayer({ limiter, bucket, turns, settings, now: time.now, pause: time.pause, observer })(
    next,
  )
  return { time, asked, released, events, send }
}

describe('the limiter layer', () => {
  it('lets a newcomer queue up to rateLimitMaxWaitMs for its first turn, and waits the turn out', async () => {
    const { dispatch, sent } = below(answered(200))
    const { send, asked, time } = limiting(dispatch, { waitMs: 300 })
    expect(await send(exchangeOf())).toMatchObject({ status: 200 })
    expect(asked).toEqual([{ maxWaitMs: 1_000, count: 1 }])
    expect(time.sleeps).toEqual([300])
    expect(sent).toHaveLength(1)
  })

  it("adds each attempt's wait for its turn to the call's (its span tells it)", async () => {
    const { send } = limiting(below(answered(200)).dispatch, { waitMs: 300 })
    const exchange = exchangeOf()
    await send(exchange)
    await send(exchange)
    expect(exchange.limiterWaitMs).toBe(600)
  })

  it.each<[string, () => Exchange]>([
    ['the probe', () => Object.assign(exchangeOf(), { probe: true })],
    [
      'a request under way',
      () => {
        const admission = new RequestAdmission()
        admission.markStarted()
        return exchangeOf({}, { admission })
      },
    ],
    ['a caller held to a share', () => exchangeOf({}, { share: { caller: 'sync', fraction: 0.2 } })],
  ])('lets %s queue twice as long for its first turn', async (_, exchange) => {
    const { send, asked } = limiting(below(answered(200)).dispatch)
    await send(exchange())
    expect(asked[0]?.maxWaitMs).toBe(2_000)
  })

  it('queues a retry as long as the retry layer says, and reserves the turns a request expects', async () => {
    const { send, asked } = limiting(below(answered(200)).dispatch)
    const admission = new RequestAdmission()
    admission.expect(3)
    const exchange = exchangeOf({}, { admission })
    exchange.retryWaitMs = 700
    await send(exchange)
    expect(asked).toEqual([{ maxWaitMs: 700, count: 3 }])
    expect(admission.started).toBe(true)
  })

  it('uses a turn the request reserved ahead instead of asking for one', async () => {
    const { send, asked, time } = limiting(below(answered(200)).dispatch)
    const admission = new RequestAdmission(time.now)
    const reserved: Turn = { dueAt: time.now() + 50 }
    admission.keep(bucket, {} as RateLimiter, [reserved])
    await send(exchangeOf({}, { admission }))
    expect(asked).toEqual([])
    expect(time.sleeps).toEqual([50])
  })

  it('answers 429 when the queue is longer than the call may wait, without readying or sending it', async () => {
    const { dispatch, sent, readied } = below(answered(200))
    const { send } = limiting(dispatch, { refuse: true })
    await expect(send(exchangeOf())).rejects.toMatchObject({ status: 429 })
    expect([readied(), sent.length]).toEqual([0, 0])
  })

  it('gives up a turn it was not ready in time for and takes another, queueing twice as long', async () => {
    let slowToken = true
    const { dispatch, sent } = below(answered(200))
    const next: Dispatch = {
      ...dispatch,
      async ready(exchange) {
        if (slowToken) time.advance(500)
        slowToken = false
        return dispatch.ready(exchange)
      },
    }
    const { send, asked, events, time } = limiting(next)
    await send(exchangeOf())
    expect(events).toEqual(['late'])
    expect(asked.map((ask) => ask.maxWaitMs)).toEqual([1_000, 2_000])
    expect(sent).toHaveLength(1)
  })

  it(`goes anyway after ${MAX_LATE_RETAKES} late turns`, async () => {
    const { dispatch, sent } = below(answered(200))
    const next: Dispatch = {
      ...dispatch,
      ready: async (exchange) => (time.advance(500), dispatch.ready(exchange)),
    }
    const { send, asked, events, time } = limiting(next)
    await send(exchangeOf())
    expect(asked).toHaveLength(MAX_LATE_RETAKES + 1)
    expect(events).toEqual(Array(MAX_LATE_RETAKES).fill('late'))
    expect(sent).toHaveLength(1)
  })

  it('ends the attempt unsent when the credentials cannot be had', async () => {
    const { dispatch, sent } = below(answered(200))
    const none = { kind: 'no-credentials', error: new Error('down') } as const
    const { send } = limiting({ ...dispatch, ready: async () => none })
    expect(await send(exchangeOf())).toBe(none)
    expect(sent).toHaveLength(0)
  })

  it('gives its turn back when its caller hangs up while it queues', async () => {
    const { dispatch, sent } = below(answered(200))
    const { send, released, time } = limiting(dispatch, { waitMs: 800 })
    const caller = new AbortController()
    const hanging = send(exchangeOf({}, { signal: caller.signal }))
    caller.abort()
    await expect(hanging).rejects.toMatchObject({ detail: expect.stringContaining('the caller went away') })
    expect(released).toEqual([time.now() + 800])
    expect(sent).toHaveLength(0)
  })
})
