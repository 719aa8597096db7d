import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newApiKey } from '../../../src/security/api-keys.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../../src/vendor-http/settings.js'
import { startGateway, type Gateway } from '../../helpers/gateway.js'
import { VENDOR_FIXTURES, type VendorUnderTest } from '../../helpers/vendors.js'

/**
 * Every route, with right and wrong vendor credentials and right and wrong gateway keys: no credential ever
 * shows in a log line (debug level, so vendor calls are logged), a response (headers and body) or a metric.
 */

describe.each(VENDOR_FIXTURES)('$vendor connection: secrets', (fixture) => {
  const gatewayKey = newApiKey()
  let vendor: VendorUnderTest
  let gateway: Gateway
  beforeAll(async () => {
    vendor = await fixture.start()
    gateway = await startGateway(
      [
        { ...vendor.connection, id: 'right' },
        { ...vendor.connection, id: 'wrong', ...vendor.wrongCredentials } as typeof vendor.connection,
      ],
      { apiKeys: [{ name: 'tests', keyHash: gatewayKey.keyHash }] },
    )
  })
  afterAll(async () => {
    await gateway.close()
    await vendor.close()
  })

  const callsFor = (connection: string): InjectOptions[] => {
    const { ticketId, customerId, assetTypeId } = vendor.sample()
    const base = `/v1/connections/${connection}`
    return [
      { method: 'GET', url: base },
      { method: 'GET', url: `${base}/tickets?pageSize=5&include=remote&status=open` },
      { method: 'GET', url: `${base}/tickets/${ticketId}?include=remote` },
      { method: 'GET', url: `${base}/tickets/999999` },
      { method: 'POST', url: `${base}/tickets`, payload: { subject: 'secret test', customerId } },
      { method: 'POST', url: `${base}/tickets`, payload: { subject: 'x', customerId: '987654' } },
      { method: 'PATCH', url: `${base}/tickets/${ticketId}`, payload: { subject: 'renamed in secret test' } },
      { method: 'GET', url: `${base}/tickets/${ticketId}/comments?include=remote` },
      { method: 'POST', url: `${base}/tickets/${ticketId}/comments`, payload: { body: 'note' } },
      { method: 'GET', url: `${base}/customers?pageSize=3&include=remote` },
      { method: 'GET', url: `${base}/customers/${customerId}` },
      {
        method: 'POST',
        url: `${base}/customers`,
        payload: { name: 'Secret Test Co', ...vendor.customerFields.create },
      },
      { method: 'PATCH', url: `${base}/customers/${customerId}`, payload: { name: 'Renamed Co' } },
      { method: 'GET', url: `${base}/assets?pageSize=3` },
      {
        method: 'POST',
        url: `${base}/assets`,
        payload: { name: 'PC', customerId, typeId: assetTypeId, model: vendor.assetModels[0] },
      },
      { method: 'GET', url: `${base}/statuses` },
      { method: 'GET', url: `${base}/priorities` },
      { method: 'GET', url: `${base}/ticket-types` },
    ]
  }

  it('keeps every credential out of logs, responses and metrics', async () => {
    const authorization = { authorization: `Bearer ${gatewayKey.key}` }
    const calls: InjectOptions[] = [
      { method: 'GET', url: '/v1/connections' },
      ...callsFor('right'),
      ...callsFor('wrong'),
      { method: 'GET', url: '/v1/connections/right/tickets', headers: {} },
      {
        method: 'GET',
        url: '/v1/connections/right/tickets',
        headers: { authorization: `Bearer ${vendor.secrets[0]}` },
      },
      { method: 'GET', url: '/v1/connections/right/tickets', headers: { 'x-api-key': gatewayKey.keyHash } },
      { method: 'GET', url: '/readyz' },
      { method: 'GET', url: '/metrics' },
    ]
    const statuses: number[] = []
    const answers: string[] = []
    for (const call of calls) {
      const response = await gateway.app.inject({ ...call, headers: call.headers ?? authorization })
      statuses.push(response.statusCode)
      answers.push(JSON.stringify(response.headers), response.body)
    }
    // The calls reached the vendor on both connections; the wrong one's were refused (502), then failed fast
    // once its circuit breaker opened (503) — but for what needs no vendor call.
    const perConnection = callsFor('right').length
    const wrong = statuses.slice(2 + perConnection, 1 + 2 * perConnection)
    expect(wrong.filter((status) => ![200, 502, 503].includes(status))).toEqual([])
    expect(wrong).toContain(502)
    expect(statuses.filter((status) => status === 401)).toHaveLength(3)
    expect(gateway.logs.some((line) => line.includes('"vendor call"'))).toBe(true)

    const secrets = [...vendor.secrets, ...Object.values(vendor.wrongCredentials), gatewayKey.key]
    for (const secret of secrets) {
      expect(gateway.logs.filter((line) => line.includes(secret))).toEqual([])
      expect(answers.filter((text) => text.includes(secret))).toEqual([])
    }
    const bearer = /Bearer\s+[\w.~+/-]{16,}/
    expect(gateway.logs.filter((line) => bearer.test(line))).toEqual([])
    expect(answers.filter((text) => bearer.test(text))).toEqual([])
  })
})

/** Every form a request carries a credential in: as it is, URL- and form-encoded, and ConnectWise's Basic pair. */
function credentialForms(vendor: VendorUnderTest): string[] {
  const raw = [...vendor.secrets]
  const connection = vendor.connection
  if (connection.vendor === 'connectwise') {
    const pair = `${connection.companyId}+${connection.publicKey}:${connection.privateKey}`
    raw.push(connection.publicKey, Buffer.from(pair).toString('base64'))
  }
  return raw.flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ])
}

describe.each(VENDOR_FIXTURES)('$vendor connection: a vendor that echoes the request', (fixture) => {
  let vendor: VendorUnderTest
  beforeAll(async () => {
    vendor = await fixture.start({
      // Every echo reaches the vendor: no breaker opens, and a retry is quick.
      config: {
        vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, breakerFailureThreshold: 1_000, retryBudgetMs: 500 },
      },
    })
  })
  afterAll(async () => {
    await vendor.close()
  })

  // Each field an adapter reads from an error body repeats the request: credentials first where a field is clipped.
  const echoed = '{{body}} {{headers}} {{request}}'
  const errorBody = {
    error: echoed,
    error_description: echoed,
    code: echoed,
    message: echoed,
    Message: echoed,
    errors: [{ field: echoed, message: echoed }],
    details: [{ field: echoed, message: echoed }],
  }

  it('never repeats a credential, in any form, in a response, a log line or a metric', async () => {
    const { ticketId, customerId } = vendor.sample()
    const calls: InjectOptions[] = [
      { method: 'GET', url: `${vendor.base}/tickets?pageSize=5&q=printer` },
      { method: 'GET', url: `${vendor.base}/tickets/${ticketId}` },
      { method: 'POST', url: `${vendor.base}/tickets`, payload: { subject: 'Echo', customerId } },
      { method: 'PATCH', url: `${vendor.base}/customers/${customerId}`, payload: { name: 'Echo Co' } },
      // The passthrough answers the vendor's body and headers as they are: scrubbed all the same.
      { method: 'GET', url: `${vendor.base}/passthrough${vendor.paths.tickets.replace(/^\/api/, '')}` },
    ]
    // 401 last but one: it sends HaloPSA back to its token endpoint, which the statuses after it then answer.
    const statuses = [400, 403, 404, 409, 422, 429, 500, 503, 401, 400, 500]
    const answers: string[] = []
    // A first call without a fault: HaloPSA's token is fetched, so the echoes below reach its API first.
    expect((await vendor.app.inject(calls[1]!)).statusCode).toBe(200)
    for (const status of statuses) {
      for (const body of [errorBody, echoed]) {
        vendor.faults.echo({ status, body, times: Infinity, headers: { 'retry-after': '0' } })
        for (const call of calls) {
          const response = await vendor.app.inject(call)
          answers.push(JSON.stringify(response.headers), response.body)
        }
        vendor.faults.clear()
      }
    }
    answers.push((await vendor.app.inject({ method: 'GET', url: '/metrics' })).body)

    // The echoes did reach the caller, scrubbed: otherwise this test could not fail.
    expect(answers.some((text) => text.includes('HTTP/1.1') && text.includes('[redacted]'))).toBe(true)
    if (vendor.vendor === 'halopsa')
      expect(answers.some((text) => text.includes('token request (') && text.includes('[redacted]'))).toBe(
        true,
      )
    for (const form of credentialForms(vendor)) {
      expect(answers.filter((text) => text.includes(form))).toEqual([])
      expect(vendor.logs.filter((line) => line.includes(form))).toEqual([])
    }
    const bearer = /Bearer\s+[\w.~+/-]{16,}/
    expect(answers.filter((text) => bearer.test(text))).toEqual([])
    expect(vendor.logs.filter((line) => bearer.test(line))).toEqual([])
  })
})
