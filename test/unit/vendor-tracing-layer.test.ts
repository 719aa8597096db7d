import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { describe, expect, it } from 'vitest'
import { rateLimited } from '../../src/errors.js'
import type { Exchange, FinalAttempt } from '../../src/vendor-http/layers/exchange.js'
import { tracingLayer } from '../../src/vendor-http/layers/tracing.js'
import { answered, exchangeOf as exchangeWithoutBase } from '../helpers/vendor-layers.js'

/** The exchange of a call below the connection's API base, which the client finds when the call starts. */
const exchangeOf = (...args: Parameters<typeof exchangeWithoutBase>) =>
  Object.assign(exchangeWithoutBase(...args), { baseUrl: 'https://psa.example:8443/api/v1/' })

/** The layer over `below`, which plays the layers under it (setting what they set on the exchange). */
function traced(below: (exchange: Exchange) => Promise<FinalAttempt>) {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const send = tracingLayer({
    tracer: provider.getTracer('test'),
    vendor: 'testvendor',
    connectionId: 'conn',
  })(below)
  return { send, spans: () => exporter.getFinishedSpans() }
}

describe('the tracing layer', () => {
  it('makes one span per call: what was called, how the layers handled it, how it ended', async () => {
    const { send, spans } = traced(async (exchange) => {
      exchange.limiterWaitMs = 120
      return answered(200)
    })
    expect(await send(exchangeOf({ method: 'GET', path: '/tickets/42', query: { page: 2 } }))).toMatchObject({
      status: 200,
    })
    const [span] = spans()
    expect(spans()).toHaveLength(1)
    expect(span!.name).toBe('testvendor GET')
    expect(span!.kind).toBe(SpanKind.INTERNAL)
    expect(span!.status.code).toBe(SpanStatusCode.UNSET)
    expect(span!.attributes).toEqual({
      'psa.vendor': 'testvendor',
      'psa.connection': 'conn',
      'http.request.method': 'GET',
      'server.address': 'psa.example',
      'server.port': 8443,
      'url.path': '/api/v1/tickets/42',
      'psa.attempts': 1,
      'psa.limiter.wait_ms': 120,
      'http.response.status_code': 200,
    })
  })

  it('tells the attempts, why each was repeated, the wait for a slot, and the status the call ended with', async () => {
    const { send, spans } = traced(async (exchange) => {
      exchange.attempt = 3
      exchange.retryReasons.push('status 503', 'transport error')
      exchange.probe = true
      exchange.slotWaitMs = 40
      return answered(503)
    })
    await send(exchangeOf())
    const [span] = spans()
    expect(span!.attributes).toMatchObject({
      'psa.attempts': 3,
      'psa.retry.reasons': ['status 503', 'transport error'],
      'psa.breaker.probe': true,
      'psa.concurrency.wait_ms': 40,
      'http.response.status_code': 503,
      'error.type': '503',
    })
    expect(span!.status.code).toBe(SpanStatusCode.ERROR)
  })

  it.each<[string, FinalAttempt, string]>([
    ['a timeout', { kind: 'transport', failure: { reachedVendor: true, timedOut: true } }, 'timeout'],
    [
      'a dropped connection',
      { kind: 'transport', failure: { reachedVendor: true, timedOut: false } },
      'network',
    ],
    ['no credentials', { kind: 'no-credentials', error: new Error('token endpoint down') }, 'no_credentials'],
  ])('types %s as its kind, never its message', async (_, final, type) => {
    const { send, spans } = traced(async () => final)
    await send(exchangeOf())
    expect(spans()[0]!.attributes['error.type']).toBe(type)
    expect(spans()[0]!.status).toEqual({ code: SpanStatusCode.ERROR })
  })

  it('ends the span of a call the layers stopped, with the error code, and passes the error on', async () => {
    const refusal = rateLimited(3, 'the testvendor rate limit is reached')
    const { send, spans } = traced(async () => {
      throw refusal
    })
    await expect(send(exchangeOf())).rejects.toBe(refusal)
    expect(spans()[0]!.attributes).toMatchObject({ 'error.type': 'rate_limited', 'psa.attempts': 1 })
    expect(spans()[0]!.status).toEqual({ code: SpanStatusCode.ERROR })
  })
})
