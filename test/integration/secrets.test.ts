import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

const VENDOR_KEY = 'syncro-key-7f3a9c1e5b2d4f6a8c0e'
const WRONG_VENDOR_KEY = 'syncro-key-revoked-0a1b2c3d4e5f'
const GATEWAY_KEY = 'gateway-key-5e6f7a8b9c0d1e2f3a4b'

let gateway: SyncroGateway

beforeAll(async () => {
  gateway = await startSyncroGateway({
    emulator: { apiKeys: [VENDOR_KEY] },
    config: { apiKeys: [{ name: 'tests', key: GATEWAY_KEY }] },
    moreConnections: (emulator) => [
      { id: 'syncro-revoked', vendor: 'syncro', apiKey: WRONG_VENDOR_KEY, baseUrl: emulator.baseUrl },
    ],
  })
})
afterAll(() => gateway.close())

it('keeps vendor and gateway keys out of every log line and every response', async () => {
  const headers = { authorization: `Bearer ${GATEWAY_KEY}` }
  const customerId = String([...gateway.emulator.db.customers.keys()][0])
  const calls: InjectOptions[] = [
    { method: 'GET', url: '/v1/connections' },
    { method: 'GET', url: '/v1/connections/syncro-test/tickets?pageSize=30&include=remote' },
    { method: 'GET', url: '/v1/connections/syncro-test/tickets?status=open' },
    { method: 'GET', url: '/v1/connections/syncro-test/customers/1?include=remote' },
    { method: 'GET', url: '/v1/connections/syncro-test/tickets/999999' },
    {
      method: 'POST',
      url: '/v1/connections/syncro-test/tickets',
      payload: { subject: 'x', customerId: '987654' },
    },
    { method: 'POST', url: '/v1/connections/syncro-test/tickets', payload: { subject: 'x', customerId } },
    { method: 'GET', url: '/v1/connections/syncro-revoked/tickets' },
    { method: 'GET', url: '/v1/connections/syncro-test/statuses', headers: { 'x-api-key': GATEWAY_KEY } },
    {
      method: 'GET',
      url: '/v1/connections/syncro-test/tickets',
      headers: { authorization: `Bearer ${VENDOR_KEY}` },
    },
  ]
  const statuses: number[] = []
  const answers: string[] = []
  for (const call of calls) {
    const response = await gateway.app.inject({ headers, ...call })
    statuses.push(response.statusCode)
    answers.push(JSON.stringify(response.headers), response.body)
  }
  // The calls did reach the vendor, errors included: a vendor 422, a vendor 404 and a vendor 401 (revoked key).
  expect(statuses).toEqual([200, 200, 200, 200, 404, 422, 201, 502, 200, 401])
  expect(gateway.logs.some((line) => line.includes('"vendor call"'))).toBe(true)

  for (const secret of [VENDOR_KEY, WRONG_VENDOR_KEY, GATEWAY_KEY]) {
    expect(gateway.logs.filter((line) => line.includes(secret))).toEqual([])
    expect(answers.filter((text) => text.includes(secret))).toEqual([])
  }
})
