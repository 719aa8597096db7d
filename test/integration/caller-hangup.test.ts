import { request } from 'undici'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

/**
 * A caller that hangs up while its create is at the vendor does not cancel the create (the vendor may act on
 * it): the create finishes, and a repeat with the same Idempotency-Key gets its answer instead of a second one.
 */

let gateway: SyncroGateway
let url: string

beforeAll(async () => {
  gateway = await startSyncroGateway()
  url = await gateway.app.listen({ host: '127.0.0.1', port: 0 })
})
afterAll(() => gateway.close())

it('finishes a create whose caller left, and replays it to the keyed repeat', async () => {
  const customerId = String([...gateway.emulator.db.customers.keys()][0])
  const before = gateway.emulator.db.tickets.size
  gateway.emulator.faults.delay({ ms: 600, method: 'POST', pathPrefix: '/tickets' })
  const payload = JSON.stringify({ subject: 'Caller hung up', customerId })
  const headers = { 'content-type': 'application/json', 'idempotency-key': 'hang-up-1' }
  const hangUp = new AbortController()
  const abandoned = request(`${url}/v1/connections/syncro-test/tickets`, {
    method: 'POST',
    headers,
    body: payload,
    signal: hangUp.signal,
  })
  await vi.waitFor(() => expect(gateway.emulator.stats.byRoute['POST /tickets']).toBe(1), { interval: 10 })
  hangUp.abort()
  await expect(abandoned).rejects.toThrow()

  await vi.waitFor(() => expect(gateway.emulator.db.tickets.size).toBe(before + 1), {
    timeout: 3_000,
    interval: 25,
  })
  const repeat = await gateway.app.inject({
    method: 'POST',
    url: '/v1/connections/syncro-test/tickets',
    headers,
    payload,
  })
  expect([repeat.statusCode, repeat.headers['idempotent-replayed']]).toEqual([201, 'true'])
  expect(json(repeat).subject).toBe('Caller hung up')
  expect(gateway.emulator.db.tickets.size).toBe(before + 1)
})
