import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newApiKey } from '../../../src/security/api-keys.js'
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
      { method: 'POST', url: `${base}/customers`, payload: { name: 'Secret Test Co' } },
      { method: 'PATCH', url: `${base}/customers/${customerId}`, payload: { name: 'Renamed Co' } },
      { method: 'GET', url: `${base}/assets?pageSize=3` },
      { method: 'POST', url: `${base}/assets`, payload: { name: 'PC', customerId, typeId: assetTypeId } },
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
    // once its circuit breaker opened (503) — but for what needs no vendor call (Syncro's configured priorities).
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
