import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../../src/vendor-http/settings.js'
import { json } from '../../helpers/gateway.js'
import { VENDOR_FIXTURES, type FixtureOptions, type VendorUnderTest } from '../../helpers/vendors.js'

describe.each(VENDOR_FIXTURES)('$vendor connection: resilience', (fixture) => {
  let vendor: VendorUnderTest | undefined
  afterEach(async () => {
    await vendor?.close()
    vendor = undefined
  })
  const start = async (options?: FixtureOptions) => {
    vendor = await fixture.start(options)
    return vendor
  }
  const getTicket = (v: VendorUnderTest) => v.app.inject(`${v.base}/tickets/${v.sample().ticketId}`)
  const createTicket = (v: VendorUnderTest) =>
    v.app.inject({
      method: 'POST',
      url: `${v.base}/tickets`,
      payload: { subject: 'x', customerId: v.sample().customerId },
    })
  const ticketPrefix = (v: VendorUnderTest) => `${v.paths.tickets}/`

  it('waits out a vendor 429 within the retry budget, honouring Retry-After', async () => {
    const v = await start()
    await getTicket(v) // reference data in the cache, so only the ticket calls count below
    v.resetStats()
    v.faults.respond({ status: 429, headers: { 'retry-after': '1' }, pathPrefix: ticketPrefix(v) })
    const started = Date.now()
    const response = await getTicket(v)
    expect(response.statusCode).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(v.stats.byRoute[v.ticketGetRoute]).toBe(2)
  })

  it("answers 429 rate_limited with the vendor's Retry-After when it is past the budget, without retrying", async () => {
    const v = await start()
    await getTicket(v)
    v.resetStats()
    v.faults.respond({ status: 429, headers: { 'retry-after': '60' }, pathPrefix: ticketPrefix(v) })
    const response = await getTicket(v)
    expect(response.statusCode).toBe(429)
    expect(response.headers['retry-after']).toBe('60')
    expect(json(response)).toMatchObject({ code: 'rate_limited', vendor: { status: 429 } })
    expect(v.stats.byRoute[v.ticketGetRoute]).toBe(1)
  })

  it('never lets the vendor answer 429 while callers hammer it through the gateway', async () => {
    const v = await start({ rateLimit: { limit: 12, windowMs: 1_000 } })
    const responses = await Promise.all(Array.from({ length: 40 }, () => getTicket(v)))
    expect(v.stats.rateLimited).toBe(0)
    expect(responses.map((response) => response.statusCode)).toEqual(Array(40).fill(200))
  })

  it('answers 429 rate_limited with Retry-After when the queue is longer than a caller may wait', async () => {
    const v = await start({
      rateLimit: { limit: 12, windowMs: 1_000 },
      config: { vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 1_000 } },
    })
    expect((await getTicket(v)).statusCode).toBe(200) // reference data cached: the queue holds ticket calls only
    const responses = await Promise.all(Array.from({ length: 30 }, () => getTicket(v)))
    const limited = responses.filter((response) => response.statusCode === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(responses.filter((response) => response.statusCode === 200).length).toBeGreaterThan(0)
    for (const response of limited) {
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      expect(json(response).code).toBe('rate_limited')
    }
    expect(v.stats.rateLimited).toBe(0)
  })

  it('retries an idempotent call after a 503', async () => {
    const v = await start()
    await getTicket(v)
    v.resetStats()
    v.faults.respond({ status: 503, body: { error: 'maintenance' }, pathPrefix: ticketPrefix(v) })
    expect((await getTicket(v)).statusCode).toBe(200)
    expect(v.stats.byRoute[v.ticketGetRoute]).toBe(2)
  })

  it('does not repeat a POST the vendor may have acted on', async () => {
    const v = await start()
    await getTicket(v) // credentials and reference data in place: the fault meets the create itself
    const before = v.counts().tickets
    v.resetStats()
    v.faults.respond({ status: 503, body: { error: 'maintenance' }, method: 'POST' })
    const response = await createTicket(v)
    expect([response.statusCode, json(response).code]).toEqual([503, 'vendor_unavailable'])
    expect(Object.entries(v.stats.byRoute).filter(([route]) => route.startsWith('POST'))).toHaveLength(1)
    expect(v.counts().tickets).toBe(before)
  })

  it('retries a GET whose connection dropped, but not a POST', async () => {
    const v = await start()
    await getTicket(v)
    v.faults.drop({ method: 'GET' })
    expect((await getTicket(v)).statusCode).toBe(200)
    v.faults.drop({ method: 'POST' })
    const before = v.counts().tickets
    const response = await createTicket(v)
    expect(response.statusCode).toBe(502)
    expect(v.counts().tickets).toBe(before)
  })

  it('opens its circuit breaker after repeated failures: fails fast with 503 and Retry-After, probes after the cool-down', async () => {
    const v = await start({
      config: {
        vendorHttp: {
          ...DEFAULT_VENDOR_HTTP_SETTINGS,
          maxAttempts: 1,
          breakerFailureThreshold: 3,
          breakerCooldownMs: 400,
        },
      },
    })
    expect((await getTicket(v)).statusCode).toBe(200) // credentials and reference data in place
    v.faults.respond({ status: 503, body: { error: 'down' }, pathPrefix: ticketPrefix(v), times: 3 })
    for (let i = 0; i < 3; i++) expect((await getTicket(v)).statusCode).toBeGreaterThanOrEqual(502)
    v.resetStats()
    const fast = await getTicket(v)
    expect([fast.statusCode, json(fast).code]).toEqual([503, 'vendor_unavailable'])
    expect(Number(fast.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(v.stats.requests).toBe(0)
    const ready = json<{ status: string; checks: { connections: Record<string, string> } }>(
      await v.app.inject('/readyz'),
    )
    expect(ready.status).toBe('degraded')
    expect(Object.values(ready.checks.connections)).toContain('open')

    const breaker = async () =>
      json<{ health: { breaker: string } }>(await v.app.inject(v.base)).health.breaker
    await vi.waitFor(async () => expect(await breaker()).toBe('half-open'), { timeout: 2_000, interval: 50 })
    expect((await getTicket(v)).statusCode).toBe(200)
    expect(await breaker()).toBe('closed')
  })

  it('opens its breaker again when the probe fails, retries and all', async () => {
    const v = await start({
      config: {
        vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, breakerFailureThreshold: 2, breakerCooldownMs: 300 },
      },
    })
    expect((await getTicket(v)).statusCode).toBe(200)
    v.faults.respond({ status: 503, body: { error: 'down' }, pathPrefix: ticketPrefix(v), times: 100 })
    // Two calls, each failing after its retries: two failures in a row open the breaker.
    for (let i = 0; i < 2; i++) expect((await getTicket(v)).statusCode).toBe(503)
    const breaker = async () =>
      json<{ health: { breaker: string } }>(await v.app.inject(v.base)).health.breaker
    expect(await breaker()).toBe('open')
    await vi.waitFor(async () => expect(await breaker()).toBe('half-open'), { timeout: 2_000, interval: 50 })
    expect((await getTicket(v)).statusCode).toBe(503) // the probe, with its retries, fails
    expect(await breaker()).toBe('open')
    v.faults.clear()
  })

  it('never follows a redirect the vendor answers with', async () => {
    const v = await start()
    await getTicket(v)
    v.resetStats()
    v.faults.respond({
      status: 302,
      headers: { location: 'http://127.0.0.1:1/elsewhere' },
      pathPrefix: ticketPrefix(v),
    })
    const response = await getTicket(v)
    expect([response.statusCode, json(response).code]).toEqual([502, 'vendor_unavailable'])
    expect(v.stats.requests).toBe(1)
  })

  it('answers 504 when the vendor does not answer in time', async () => {
    const v = await start({
      config: { vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, requestTimeoutMs: 200, maxAttempts: 1 } },
    })
    v.faults.delay({ ms: 2_000 })
    const response = await getTicket(v)
    expect([response.statusCode, json(response).code]).toEqual([504, 'vendor_unavailable'])
  })
})
