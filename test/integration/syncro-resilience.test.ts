import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

const base = '/v1/connections/syncro-test'
let gateway: SyncroGateway | undefined
afterEach(async () => {
  await gateway?.close()
  gateway = undefined
})

const firstTicketId = (g: SyncroGateway) => [...g.emulator.db.tickets.keys()][0]!

describe('vendor 429', () => {
  it('is waited out within the retry budget, honouring Retry-After', async () => {
    gateway = await startSyncroGateway()
    gateway.emulator.faults.respond({ status: 429, headers: { 'retry-after': '1' }, pathPrefix: '/tickets/' })
    const started = Date.now()
    const response = await gateway.app.inject(`${base}/tickets/${firstTicketId(gateway)}`)
    expect(response.statusCode).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
    expect(gateway.emulator.stats.byRoute['GET /tickets/:id']).toBe(2)
  })

  it('past the budget answers 429 rate_limited with the vendor Retry-After, without retrying', async () => {
    gateway = await startSyncroGateway()
    gateway.emulator.faults.respond({ status: 429, pathPrefix: '/tickets/' })
    const response = await gateway.app.inject(`${base}/tickets/${firstTicketId(gateway)}`)
    expect(response.statusCode).toBe(429)
    expect(response.headers['retry-after']).toBe('30')
    expect(json(response)).toMatchObject({ code: 'rate_limited', vendor: { status: 429 } })
    expect(gateway.emulator.stats.requests).toBe(1)
  })
})

describe('the shared limiter', () => {
  const limit = { limit: 12, windowMs: 1_000 }

  it('never lets the emulator answer 429 while callers hammer it through the gateway', async () => {
    gateway = await startSyncroGateway({ emulator: { rateLimit: limit } })
    const id = firstTicketId(gateway)
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => gateway!.app.inject(`${base}/tickets/${id}`)),
    )
    expect(gateway.emulator.stats.rateLimited).toBe(0)
    expect(responses.map((r) => r.statusCode)).toEqual(Array(40).fill(200))
  })

  it('answers 429 rate_limited with Retry-After when the queue is longer than the caller may wait', async () => {
    gateway = await startSyncroGateway({
      emulator: { rateLimit: limit },
      config: { vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, rateLimitMaxWaitMs: 300 } },
    })
    const id = firstTicketId(gateway)
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => gateway!.app.inject(`${base}/tickets/${id}`)),
    )
    const limited = responses.filter((r) => r.statusCode === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(responses.filter((r) => r.statusCode === 200).length).toBeGreaterThan(0)
    for (const response of limited) {
      expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      expect(json(response).code).toBe('rate_limited')
    }
    expect(gateway.emulator.stats.requests).toBe(responses.length - limited.length)
    expect(gateway.emulator.stats.rateLimited).toBe(0)
  })
})

describe('vendor failures', () => {
  it('retries an idempotent call after a 503', async () => {
    gateway = await startSyncroGateway()
    gateway.emulator.faults.respond({ status: 503, body: { error: 'maintenance' }, pathPrefix: '/tickets/' })
    expect((await gateway.app.inject(`${base}/tickets/${firstTicketId(gateway)}`)).statusCode).toBe(200)
    expect(gateway.emulator.stats.requests).toBe(2)
  })

  it('does not repeat a POST the vendor may have acted on', async () => {
    gateway = await startSyncroGateway()
    const customerId = String([...gateway.emulator.db.customers.keys()][0])
    gateway.emulator.faults.respond({ status: 503, body: { error: 'maintenance' }, method: 'POST' })
    const response = await gateway.app.inject({
      method: 'POST',
      url: `${base}/tickets`,
      payload: { subject: 'x', customerId },
    })
    expect(response.statusCode).toBe(503)
    expect(json(response).code).toBe('vendor_unavailable')
    expect(gateway.emulator.stats.requests).toBe(1)
  })

  it('retries a GET whose connection dropped, but not a POST', async () => {
    gateway = await startSyncroGateway()
    gateway.emulator.faults.drop({ method: 'GET' })
    expect((await gateway.app.inject(`${base}/tickets/${firstTicketId(gateway)}`)).statusCode).toBe(200)
    gateway.emulator.faults.drop({ method: 'POST' })
    const customerId = String([...gateway.emulator.db.customers.keys()][0])
    const before = gateway.emulator.db.tickets.size
    const response = await gateway.app.inject({
      method: 'POST',
      url: `${base}/tickets`,
      payload: { subject: 'x', customerId },
    })
    expect(response.statusCode).toBe(502)
    expect(gateway.emulator.db.tickets.size).toBe(before)
  })

  it('answers 504 when the vendor does not answer in time', async () => {
    gateway = await startSyncroGateway({
      config: { vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, requestTimeoutMs: 200, maxAttempts: 1 } },
    })
    gateway.emulator.faults.delay({ ms: 2_000 })
    const response = await gateway.app.inject(`${base}/tickets/${firstTicketId(gateway)}`)
    expect(response.statusCode).toBe(504)
    expect(json(response).code).toBe('vendor_unavailable')
  })
})
