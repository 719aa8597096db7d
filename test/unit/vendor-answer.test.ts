import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../src/errors.js'
import { answerOf } from '../../src/vendor-http/layers/answer.js'
import type { FinalAttempt } from '../../src/vendor-http/layers/exchange.js'
import { SecretScrubber } from '../../src/vendor-http/secret-scrubber.js'
import { answered, exchangeOf } from '../helpers/vendor-layers.js'

const described: unknown[] = []
const options = {
  vendor: 'testvendor',
  describeError: (_status: number, body: unknown) => {
    described.push(body)
    return { message: (body as { message?: string })?.message, errors: [] }
  },
  scrubber: new SecretScrubber(() => ['static-key']),
}

function answer(final: FinalAttempt, method: 'GET' | 'POST' = 'GET') {
  const exchange = exchangeOf({ method }, {})
  exchange.authHeaders = { authorization: 'Bearer this-attempts-token' }
  try {
    return answerOf(options, exchange, final)
  } catch (error) {
    if (error instanceof GatewayError) return error
    throw error
  }
}

describe('the answer of a call', () => {
  it('is the parsed body of a 2xx', () => {
    expect(answer(answered(200, { body: { id: 1 } }))).toEqual({ status: 200, headers: {}, body: { id: 1 } })
  })

  it('is a 502 for a 2xx that is not the JSON it claims, of unknown outcome for a write', () => {
    expect(answer(answered(200, { unreadable: true }))).toMatchObject({ status: 502, extras: {} })
    expect(answer(answered(200, { unreadable: true }), 'POST')).toMatchObject({
      status: 502,
      extras: { writeOutcomeUnknown: true },
    })
  })

  it("reads an error body only once scrubbed of the connection's secrets and this attempt's credentials", () => {
    described.length = 0
    const error = answer(answered(400, { body: { message: 'bad static-key this-attempts-token' } }))
    expect(described).toEqual([{ message: 'bad [redacted] [redacted]' }])
    expect(error).toMatchObject({ status: 422, code: 'validation_failed' })
  })

  it('tells a write answered 502 or 504 as of unknown outcome, and a refused one as refused', () => {
    expect(answer(answered(504), 'POST')).toMatchObject({
      status: 504,
      extras: { writeOutcomeUnknown: true },
    })
    expect(answer(answered(503), 'POST')).toMatchObject({ status: 503 })
    expect((answer(answered(503), 'POST') as GatewayError).extras.writeOutcomeUnknown).toBeUndefined()
  })

  it("passes a 429's Retry-After on", () => {
    expect(answer(answered(429, { retryAfterMs: 60_000 }))).toMatchObject({
      status: 429,
      extras: { retryAfterSeconds: 60 },
    })
  })

  it('maps a failure without an answer, and throws what the credentials failed with', () => {
    const dropped: FinalAttempt = { kind: 'transport', failure: { reachedVendor: true, timedOut: false } }
    expect(answer(dropped, 'POST')).toMatchObject({ status: 502, extras: { writeOutcomeUnknown: true } })
    const failure = new Error('token endpoint down')
    expect(() => answer({ kind: 'no-credentials', error: failure })).toThrow(failure)
  })
})
