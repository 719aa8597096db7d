import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

let gateway: SyncroGateway
beforeAll(async () => {
  gateway = await startSyncroGateway({ config: { logLevel: 'info' } })
})
afterAll(() => gateway.close())

const accessLines = () =>
  gateway.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === 'request completed' || line.msg === 'incoming request')

it("writes one access line per request, when it completes, with what both of fastify's lines carried", async () => {
  const ticket = [...gateway.emulator.db.tickets.keys()][0]
  const before = accessLines().length
  const found = await gateway.app.inject(`/v1/connections/syncro-test/tickets/${ticket}`)
  const missing = await gateway.app.inject('/v1/nowhere')
  expect([found.statusCode, missing.statusCode]).toEqual([200, 404])
  const lines = accessLines().slice(before)
  expect(lines).toEqual([
    expect.objectContaining({
      msg: 'request completed',
      requestId: found.headers['x-request-id'],
      req: expect.objectContaining({
        method: 'GET',
        url: `/v1/connections/syncro-test/tickets/${ticket}`,
      }),
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    }),
    expect.objectContaining({
      msg: 'request completed',
      requestId: missing.headers['x-request-id'],
      req: expect.objectContaining({ method: 'GET', url: '/v1/nowhere' }),
      res: { statusCode: 404 },
    }),
  ])
})
