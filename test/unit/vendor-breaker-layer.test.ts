import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { ConnectionHealth } from '../../src/vendor-http/health.js'
import { breakerLayer } from '../../src/vendor-http/layers/breaker.js'
import type { FinalAttempt, SendCall } from '../../src/vendor-http/layers/exchange.js'
import { answered, exchangeOf, fakeTime } from '../helpers/vendor-layers.js'

function breaker(next: SendCall, threshold = 1) {
  const time = fakeTime()
  const health = new ConnectionHealth({ failureThreshold: threshold, cooldownMs: 5_000 })
  return { time, health, send: breakerLayer({ health, vendor: 'testvendor', now: time.now })(next) }
}

const ending =
  (final: FinalAttempt): SendCall =>
  async () =>
    final

describe('the breaker layer', () => {
  it.each<[string, FinalAttempt, 'ok' | 'failing']>([
    ['a 2xx', answered(200), 'ok'],
    ['an unreadable 2xx', answered(200, { unreadable: true }), 'failing'],
    ['a 404', answered(404), 'ok'],
    ['a 429', answered(429), 'ok'],
    ['a 401', answered(401), 'failing'],
    ['a 500', answered(500), 'failing'],
    ['no answer', { kind: 'transport', failure: { reachedVendor: true, timedOut: true } }, 'failing'],
    ['no credentials', { kind: 'no-credentials', error: new Error('token endpoint down') }, 'failing'],
  ])('records the end of a call, %s, as the connection %s', async (_, final, status) => {
    const { send, health } = breaker(ending(final), 5)
    expect(await send(exchangeOf())).toBe(final)
    expect(health.report().status).toBe(status)
  })

  it.each<[string, FinalAttempt, 'unknown' | 'failing']>([
    ['a 500', answered(500), 'unknown'],
    ['a 401', answered(401), 'unknown'],
    ['an unreadable 2xx', answered(200, { unreadable: true }), 'unknown'],
    ['a 200', answered(200), 'unknown'],
    ['no answer', { kind: 'transport', failure: { reachedVendor: true, timedOut: true } }, 'failing'],
  ])(
    "records nothing of the vendor's answer to a call whose answers do not tell (the passthrough), %s: the connection is %s",
    async (_, final, status) => {
      const { send, health } = breaker(ending(final), 1)
      expect(await send(exchangeOf({ answerTellsHealth: false }))).toBe(final)
      expect(health.report().status).toBe(status)
    },
  )

  it('fails fast with 503 and Retry-After while open, without calling the layers below', async () => {
    let calls = 0
    const { send, time } = breaker(async () => {
      calls += 1
      return answered(503)
    })
    await send(exchangeOf())
    time.advance(1_200)
    const error = await send(exchangeOf()).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(GatewayError)
    expect(error).toMatchObject({ status: 503, code: 'vendor_unavailable', extras: { retryAfterSeconds: 4 } })
    expect(calls).toBe(1)
  })

  it('admits the call once for all its attempts, as the probe after the cool-down', async () => {
    const probes: boolean[] = []
    const { send, time, health } = breaker(async (exchange) => {
      probes.push(exchange.probe)
      return answered(probes.length === 1 ? 503 : 200)
    })
    await send(exchangeOf())
    time.advance(5_000)
    await send(exchangeOf())
    expect(probes).toEqual([false, true])
    expect(health.breakerState(time.now())).toBe('closed')
  })

  it('frees the probe when the call ends without an answer either way (the caller left)', async () => {
    let leave = true
    const { send, time, health } = breaker(async () => {
      if (leave) throw new Error('the caller went away')
      return answered(503)
    })
    health.recordFailure(time.now())
    time.advance(5_000)
    await expect(send(exchangeOf())).rejects.toThrow('the caller went away')
    expect(health.admit(time.now())).toEqual({ admitted: true, probe: true })
    health.releaseProbe()
    leave = false
    await send(exchangeOf())
    expect(health.breakerState(time.now())).toBe('open')
  })
})
