import { randomBytes } from 'node:crypto'
import { channel, subscribe, unsubscribe } from 'node:diagnostics_channel'
import { SpanKind, trace } from '@opentelemetry/api'
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTracing } from '../../app/tracing.js'
import { callbackPath, callbackToken } from '../../src/events/callback-token.js'
import { startSyncroEmulator, type SyncroEmulator } from '../../sandbox/syncro/index.js'
import { GENEROUS_LIMIT, startGateway, startSyncroGateway, type Gateway } from '../helpers/gateway.js'
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../helpers/vendors.js'

/**
 * Tracing as server.ts starts it (startTracing), with the spans kept in memory instead of sent: a request's trace
 * holds the gateway's span, the span of each vendor call under it, and undici's HTTP spans under those.
 */

const TRACING_CONFIG = { endpoint: 'http://127.0.0.1:4318/v1/traces', serviceName: 'psa-gateway-test' }
const hex = (bytes: number) => randomBytes(bytes).toString('hex')

function startTracingInMemory() {
  const exporter = new InMemorySpanExporter()
  const tracing = startTracing(TRACING_CONFIG, { logger: pino({ level: 'silent' }), exporter })
  /** Every span ended so far. */
  const spans = async () => {
    await tracing.flush()
    return exporter.getFinishedSpans()
  }
  return { tracing, exporter, spans }
}

const parentOf = (span: ReadableSpan, spans: ReadableSpan[]) =>
  spans.find((candidate) => candidate.spanContext().spanId === span.parentSpanContext?.spanId)

function isUnder(span: ReadableSpan, ancestor: ReadableSpan, spans: ReadableSpan[]): boolean {
  for (let parent = parentOf(span, spans); parent; parent = parentOf(parent, spans))
    if (parent === ancestor) return true
  return false
}

/** What an exporter sends of the spans. */
const exported = (spans: ReadableSpan[]) =>
  JSON.stringify(
    spans.map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
      links: span.links,
      status: span.status,
      resource: span.resource.attributes,
    })),
  )

const vendorSpans = (spans: ReadableSpan[]) => spans.filter((span) => 'psa.vendor' in span.attributes)
const httpSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.kind === SpanKind.CLIENT)

describe('tracing off (no OTLP endpoint)', () => {
  it('registers nothing: no tracer, no listener on undici, no trace id in a log line', async () => {
    const gateway = await startSyncroGateway()
    try {
      const traceparent = `00-${hex(16)}-${hex(8)}-01`
      const response = await gateway.app.inject({
        url: '/v1/connections/syncro-test/tickets?pageSize=2',
        headers: { traceparent },
      })
      expect(response.statusCode).toBe(200)
      expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false)
      expect(channel('undici:request:create').hasSubscribers).toBe(false)
      expect(gateway.logs.some((line) => line.includes('"vendor call"'))).toBe(true)
      expect(gateway.logs.filter((line) => line.includes('trace_id'))).toEqual([])
    } finally {
      await gateway.close()
    }
  })
})

describe('tracing on', () => {
  let traces: ReturnType<typeof startTracingInMemory>
  let emulator: SyncroEmulator
  let proxy: RecordingProxy
  let gateway: Gateway
  beforeAll(async () => {
    traces = startTracingInMemory()
    emulator = await startSyncroEmulator({ rateLimit: GENEROUS_LIMIT })
    const emulatorOrigin = new URL(emulator.baseUrl).origin
    proxy = await startRecordingProxy(emulatorOrigin)
    const connection = {
      id: 'syncro-test',
      vendor: 'syncro' as const,
      apiKey: emulator.apiKeys[0]!,
      // The vendor behind a proxy that keeps what it received: the traceparent among the headers.
      baseUrl: emulator.baseUrl.replace(emulatorOrigin, proxy.origin),
      rateLimit: { ...GENEROUS_LIMIT, scope: 'connection' as const },
    }
    gateway = await startGateway([connection], {}, { tracing: traces.tracing })
  })
  afterAll(async () => {
    await gateway?.close()
    await proxy?.close()
    await emulator?.close()
    await traces?.tracing.shutdown()
  })

  /** A request carrying a traceparent, and the spans of its trace. */
  async function tracedRequest(url: string) {
    const traceId = hex(16)
    const callerSpanId = hex(8)
    traces.exporter.reset()
    const sentBefore = proxy.requests.length
    const response = await gateway.app.inject({
      url,
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
    })
    const spans = await traces.spans()
    return { response, traceId, callerSpanId, spans, received: proxy.requests.slice(sentBefore) }
  }

  it("keeps a vendor callback URL's token out of every span", async () => {
    const token = callbackToken('a-callback-secret-of-at-least-32-characters', 'syncro-test')
    await gateway.app.inject({
      method: 'POST',
      url: callbackPath('syncro-test', token),
      payload: { text: 'A Ticket was created', attributes: { id: 1 } },
    })
    const spans = await traces.spans()
    expect(spans.map((span) => span.attributes['url.path'])).toContain(
      '/v1/connections/syncro-test/callbacks/[token]',
    )
    expect(exported(spans)).not.toContain(token)
  })

  it("shows a request's trace: the gateway's span, its vendor calls' spans under it, undici's under those", async () => {
    const ticketId = String([...emulator.db.tickets.keys()][0])
    const { response, traceId, callerSpanId, spans } = await tracedRequest(
      `/v1/connections/syncro-test/tickets/${ticketId}`,
    )
    expect(response.statusCode).toBe(200)
    expect(spans.map((span) => span.spanContext().traceId)).toEqual(spans.map(() => traceId))

    const requestSpan = spans.find((span) => span.kind === SpanKind.SERVER)!
    expect(requestSpan.name).toBe('GET /v1/connections/:connection/tickets/:id')
    expect(requestSpan.parentSpanContext?.spanId).toBe(callerSpanId)
    expect(requestSpan.attributes).toMatchObject({
      'http.request.method': 'GET',
      'http.route': '/v1/connections/:connection/tickets/:id',
      'url.path': `/v1/connections/syncro-test/tickets/${ticketId}`,
      'http.response.status_code': 200,
    })

    const ticketCall = vendorSpans(spans).find(
      (span) => span.attributes['url.path'] === `/api/v1/tickets/${ticketId}`,
    )!
    expect(ticketCall.name).toBe('syncro GET')
    expect(ticketCall.kind).toBe(SpanKind.INTERNAL)
    expect(ticketCall.attributes).toMatchObject({
      'psa.vendor': 'syncro',
      'psa.connection': 'syncro-test',
      'http.request.method': 'GET',
      'server.address': '127.0.0.1',
      'psa.attempts': 1,
      'psa.limiter.wait_ms': expect.any(Number),
      'http.response.status_code': 200,
    })
    for (const call of vendorSpans(spans)) expect(isUnder(call, requestSpan, spans)).toBe(true)

    const [ticketHttp, ...more] = httpSpans(spans).filter((span) => parentOf(span, spans) === ticketCall)
    expect(more).toEqual([])
    expect(ticketHttp!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.path': `/api/v1/tickets/${ticketId}`,
      'http.response.status_code': 200,
    })
    for (const http of httpSpans(spans)) expect(vendorSpans(spans)).toContain(parentOf(http, spans))
  })

  it('hands the trace on to the vendor: each call carries a traceparent naming its HTTP span', async () => {
    const { traceId, spans, received } = await tracedRequest('/v1/connections/syncro-test/tickets?pageSize=2')
    expect(received.length).toBeGreaterThan(0)
    for (const request of received) {
      const http = httpSpans(spans).find((span) =>
        request.url.startsWith(String(span.attributes['url.path'])),
      )!
      expect(request.headers.traceparent).toBe(`00-${traceId}-${http.spanContext().spanId}-01`)
    }
  })

  it("keeps the values of the vendor's query string out of undici's span, and its names in", async () => {
    const { spans, received } = await tracedRequest(
      '/v1/connections/syncro-test/tickets?pageSize=2&q=printer',
    )
    const list = received.find((request) => request.url.includes('printer'))!
    const listHttp = httpSpans(spans).find((span) =>
      list.url.startsWith(String(span.attributes['url.path'])),
    )!
    const names = [...new URLSearchParams(list.url.split('?')[1]).keys()]
    expect(listHttp.attributes['url.query']).toBe(names.map((name) => `${name}=REDACTED`).join('&'))
    expect(listHttp.attributes['url.full']).toBe(
      `${proxy.origin}${list.url.split('?')[0]}?${listHttp.attributes['url.query']}`,
    )
    expect(exported(spans)).not.toContain('printer')
  })

  it('shows each attempt of a retried call as its own HTTP span under the one call, with the reason', async () => {
    const ticketId = String([...emulator.db.tickets.keys()][1])
    emulator.faults.respond({
      status: 503,
      headers: { 'retry-after': '0' },
      pathPrefix: `/tickets/${ticketId}`,
    })
    const { response, spans } = await tracedRequest(`/v1/connections/syncro-test/tickets/${ticketId}`)
    expect(response.statusCode).toBe(200)
    const call = vendorSpans(spans).find(
      (span) => span.attributes['url.path'] === `/api/v1/tickets/${ticketId}`,
    )!
    expect(call.attributes).toMatchObject({
      'psa.attempts': 2,
      'psa.retry.reasons': ['status 503'],
      'http.response.status_code': 200,
    })
    const attempts = httpSpans(spans).filter((span) => parentOf(span, spans) === call)
    expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 200])
  })

  it("writes the trace id and the request's span id on the request's log lines", async () => {
    const { response, traceId, spans } = await tracedRequest('/v1/connections/syncro-test/tickets?pageSize=2')
    const requestSpan = spans.find((span) => span.kind === SpanKind.SERVER)!
    const lines = gateway.logs
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.requestId === response.headers['x-request-id'])
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['vendor call', 'request completed']),
    )
    for (const line of lines)
      expect(line).toMatchObject({ trace_id: traceId, span_id: requestSpan.spanContext().spanId })
  })

  it('starts no span for probes and scrapes', async () => {
    traces.exporter.reset()
    for (const url of ['/healthz', '/readyz', '/metrics'])
      expect((await gateway.app.inject(url)).statusCode).toBe(200)
    expect(await traces.spans()).toEqual([])
  })
})

/**
 * The credentials each vendor call carried, read off the wire as undici sends them (the Halo token included,
 * which no configuration holds): none may show in a span, in any form.
 */
function sentCredentials() {
  const values = new Set<string>()
  const listener = (message: unknown) => {
    const { headers } = message as { headers: string }
    // Autotask's credentials are headers of their own: Secret and ApiIntegrationCode (its UserName is no secret).
    const credential = /^(authorization|clientid|secret|apiintegrationcode): *(.+?)\r?$/gim
    for (const [, name, value] of headers.matchAll(credential)) {
      values.add(value!)
      if (name!.toLowerCase() === 'authorization') values.add(value!.replace(/^\S+ /, ''))
    }
  }
  subscribe('undici:client:sendHeaders', listener)
  return { values, stop: () => unsubscribe('undici:client:sendHeaders', listener) }
}

describe.each(VENDOR_FIXTURES)('$vendor connection, traced', (fixture) => {
  let traces: ReturnType<typeof startTracingInMemory>
  let vendor: VendorUnderTest
  let wrong: Gateway
  let sent: ReturnType<typeof sentCredentials>
  beforeAll(async () => {
    traces = startTracingInMemory()
    sent = sentCredentials()
    vendor = await fixture.start({ tracing: traces.tracing })
    wrong = await startGateway(
      [{ ...vendor.connection, id: 'wrong', ...vendor.wrongCredentials } as typeof vendor.connection],
      {},
      { tracing: traces.tracing },
    )
  })
  afterAll(async () => {
    sent?.stop()
    await wrong?.close()
    await vendor?.close()
    await traces?.tracing.shutdown()
  })

  it('nests every HTTP request under its vendor call, and puts no credential in any span, in no encoding', async () => {
    const { ticketId, customerId } = vendor.sample()
    const base = vendor.base
    for (const request of [
      { method: 'GET' as const, url: `${base}/tickets?pageSize=3&q=printer` },
      { method: 'GET' as const, url: `${base}/tickets/${ticketId}?include=remote` },
      { method: 'POST' as const, url: `${base}/tickets`, payload: { subject: 'traced', customerId } },
      { method: 'GET' as const, url: `${base}/customers/${customerId}` },
    ])
      await vendor.app.inject(request)
    expect((await wrong.app.inject('/v1/connections/wrong/tickets?pageSize=3')).statusCode).toBe(502)

    const spans = await traces.spans()
    expect(vendorSpans(spans).map((span) => span.attributes['psa.connection'])).toEqual(
      expect.arrayContaining([vendor.connection.id, 'wrong']),
    )
    expect(sent.values.size).toBeGreaterThan(1)
    // Every HTTP request (HaloPSA's token requests too) is seen under the vendor call it was made for.
    for (const http of httpSpans(spans)) expect(vendorSpans(spans)).toContain(parentOf(http, spans))
    const secrets = [...vendor.secrets, ...Object.values(vendor.wrongCredentials), ...sent.values]
    for (const secret of secrets)
      for (const form of [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ s: secret }).toString().slice(2),
      ])
        expect(exported(spans)).not.toContain(form)
  })
})
