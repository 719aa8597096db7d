import { describe, expect, it } from 'vitest'
import type { Attempt, Exchange } from '../../src/vendor-http/layers/exchange.js'
import { retryLayer } from '../../src/vendor-http/layers/retry.js'
import { answered, exchangeOf, fakeTime } from '../helpers/vendor-layers.js'

const settings = { maxAttempts: 3, retryBudgetMs: 2_000, rateLimitMaxWaitMs: 1_000 }
const dropped: Attempt = { kind: 'transport', failure: { reachedVendor: true, timedOut: false } }

/** Attempts answered with `results` in turn, each queued `queueMs` on the fake clock before it leaves. */
function retrying(results: Attempt[], queueMs = 0, statusOf?: (status: number, body: unknown) => number) {
  const time = fakeTime()
  const seen: Array<Pick<Exchange, 'attempt' | 'retryWaitMs'>> = []
  const send = retryLayer({ settings, now: time.now, pause: time.pause, random: () => 0.5, statusOf })(async (
    exchange,
  ) => {
    seen.push({ attempt: exchange.attempt, retryWaitMs: exchange.retryWaitMs })
    time.advance(queueMs)
    exchange.sentAt = time.now()
    return results[Math.min(seen.length - 1, results.length - 1)]!
  })
  return { time, seen, send }
}

describe('the retry layer', () => {
  it('decides by the status an answer stands for: a refusal answered 503 is not repeated', async () => {
    const refusal = (status: number, body: unknown) => (body === 'refused' ? 400 : status)
    const { send, seen } = retrying([answered(503, { body: 'refused' }), answered(200)], 0, refusal)
    expect(await send(exchangeOf({ method: 'PATCH' }))).toMatchObject({ status: 503 })
    expect(seen).toHaveLength(1)
    const failing = retrying([answered(503, { body: 'failed' }), answered(200)], 0, refusal)
    expect(await failing.send(exchangeOf({ method: 'PATCH' }))).toMatchObject({ status: 200 })
  })

  it('retries a GET after a 503 and a dropped connection, backing off in between', async () => {
    const { send, seen, time } = retrying([answered(503), dropped, answered(200)])
    const exchange = exchangeOf()
    expect(await send(exchange)).toMatchObject({ status: 200 })
    expect(seen.map((attempt) => attempt.attempt)).toEqual([1, 2, 3])
    expect(time.sleeps).toEqual([100, 200])
    expect(exchange.retryReasons).toEqual(['status 503', 'transport error'])
  })

  it('gives the last answer once the attempts are spent, and never repeats a POST the vendor may have acted on', async () => {
    expect(await retrying([answered(503)]).send(exchangeOf())).toMatchObject({ status: 503 })
    const post = retrying([answered(503), answered(200)])
    expect(await post.send(exchangeOf({ method: 'POST' }))).toMatchObject({ status: 503 })
    expect(post.seen).toHaveLength(1)
  })

  it("waits a 429's Retry-After in the bucket's queue, not here: the retry may queue for all that is left of its budget", async () => {
    const { send, seen, time } = retrying([answered(429, { retryAfterMs: 1_500 }), answered(200)])
    await send(exchangeOf())
    expect(time.sleeps).toEqual([])
    expect(seen).toEqual([
      { attempt: 1, retryWaitMs: undefined },
      { attempt: 2, retryWaitMs: 2_000 },
    ])
  })

  it('lets another retry queue up to the queue limit, within the budget', async () => {
    const { send, seen } = retrying([answered(503, { retryAfterMs: 600 }), answered(200)])
    await send(exchangeOf())
    expect(seen[1]).toEqual({ attempt: 2, retryWaitMs: 1_000 })
    const late = retrying([answered(503, { retryAfterMs: 1_500 }), answered(200)])
    await late.send(exchangeOf())
    expect(late.seen[1]).toEqual({ attempt: 2, retryWaitMs: 500 })
  })

  it('starts the budget when the first attempt leaves, not while it queues for its turn', async () => {
    const { send, seen } = retrying([dropped, answered(200)], 5_000)
    expect(await send(exchangeOf())).toMatchObject({ status: 200 })
    expect(seen).toHaveLength(2)
  })

  it('stops when the wait would pass the budget', async () => {
    const { send, seen } = retrying([answered(429, { retryAfterMs: 30_000 }), answered(200)])
    expect(await send(exchangeOf())).toMatchObject({ status: 429 })
    expect(seen).toHaveLength(1)
  })

  it('sends the same attempt again after renewed credentials, without counting it', async () => {
    const { send, seen } = retrying([answered(503), { kind: 'renewed-credentials' }, answered(503)])
    expect(await send(exchangeOf())).toMatchObject({ status: 503 })
    expect(seen.map((attempt) => attempt.attempt)).toEqual([1, 2, 2, 3])
  })

  it('ends at once when the credentials could not be had', async () => {
    const none: Attempt = { kind: 'no-credentials', error: new Error('token endpoint down') }
    const { send, seen } = retrying([none, answered(200)])
    expect(await send(exchangeOf())).toBe(none)
    expect(seen).toHaveLength(1)
  })

  it('stops backing off when the caller goes away', async () => {
    const caller = new AbortController()
    const { send } = retrying([answered(503), answered(200)])
    caller.abort()
    await expect(send(exchangeOf({}, { signal: caller.signal }))).rejects.toMatchObject({
      detail: expect.stringContaining('the caller went away'),
    })
  })
})
