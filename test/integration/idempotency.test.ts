import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MemoryIdempotencyStore } from '../../src/state/idempotency/idempotency.js'
import { memoryState } from '../../src/state/index.js'
import { DEFAULT_VENDOR_HTTP_SETTINGS } from '../../src/vendor-http/settings.js'
import { fakeClock } from '../contracts/caches.js'
import { json, startSyncroGateway, type SyncroGateway } from '../helpers/gateway.js'

let gateway: SyncroGateway
const base = '/v1/connections/syncro-test'

beforeAll(async () => {
  gateway = await startSyncroGateway()
})
afterAll(() => gateway.close())

const customerId = () => String([...gateway.emulator.db.customers.keys()][0])
const post = (key: string | undefined, payload: object, url = `${base}/tickets`) =>
  gateway.app.inject({
    method: 'POST',
    url,
    payload,
    headers: key === undefined ? {} : { 'idempotency-key': key },
  })

describe('Idempotency-Key', () => {
  it('replays the first answer to a repeat, without a second vendor write', async () => {
    const before = gateway.emulator.db.tickets.size
    const body = { subject: 'Replay me', customerId: customerId() }
    const first = await post('key-1', body)
    const second = await post('key-1', body)
    expect([first.statusCode, second.statusCode]).toEqual([201, 201])
    expect(second.body).toBe(first.body)
    expect(second.headers.location).toBe(first.headers.location)
    expect(second.headers['idempotent-replayed']).toBe('true')
    expect(gateway.emulator.db.tickets.size).toBe(before + 1)
  })

  it('answers 422 when the key comes back with another body, and changes nothing', async () => {
    await post('key-2', { subject: 'First', customerId: customerId() })
    const before = gateway.emulator.db.tickets.size
    const other = await post('key-2', { subject: 'Second', customerId: customerId() })
    expect([other.statusCode, json(other).code]).toEqual([422, 'validation_failed'])
    expect(gateway.emulator.db.tickets.size).toBe(before)
  })

  it('replays a vendor refusal too, but not a failure on our side or the vendor’s', async () => {
    const refused = { subject: 'x', customerId: '987654' }
    expect((await post('key-3', refused)).statusCode).toBe(422)
    gateway.emulator.resetStats()
    expect((await post('key-3', refused)).statusCode).toBe(422)
    expect(gateway.emulator.stats.requests).toBe(0)

    gateway.emulator.faults.respond({ status: 503, body: { error: 'maintenance' }, method: 'POST' })
    const body = { subject: 'After a 503', customerId: customerId() }
    expect((await post('key-4', body)).statusCode).toBe(503)
    const retried = await post('key-4', body)
    expect(retried.statusCode).toBe(201)
    expect(retried.headers['idempotent-replayed']).toBeUndefined()
  })

  it('keeps keys apart per route', async () => {
    const ticket = await post('key-5', { subject: 'A ticket', customerId: customerId() })
    const comment = await post('key-5', { body: 'A comment' }, `${base}/tickets/${json(ticket).id}/comments`)
    expect([ticket.statusCode, comment.statusCode]).toEqual([201, 201])
  })

  it('scopes a key by the route, not by how its URL is spelled', async () => {
    const before = gateway.emulator.db.tickets.size
    const body = { subject: 'One ticket, four spellings', customerId: customerId() }
    const spellings = [`${base}/tickets`, `${base}/tickets?`, '/v1/connections/%73yncro-test/tickets']
    const answers = await Promise.all(spellings.map((url) => post('key-spelling', body, url)))
    expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201])
    expect(new Set(answers.map((answer) => json(answer).id)).size).toBe(1)
    const withQuery = await post('key-spelling', body, `${base}/tickets?x=1`)
    expect([withQuery.statusCode, json(withQuery).code]).toEqual([400, 'validation_failed'])
    expect(gateway.emulator.db.tickets.size).toBe(before + 1)
  })

  it('refuses a key that is not 1 to 255 visible characters', async () => {
    const response = await post('x'.repeat(256), { subject: 'x', customerId: customerId() })
    expect([response.statusCode, json(response).code]).toEqual([400, 'validation_failed'])
  })
})

describe('a request taken for gone', () => {
  it('never writes once a repeat has taken its key over: the repeat writes, the first answers 409', async () => {
    const clock = fakeClock()
    const lease = { leaseMs: 10_000, settleMs: 15_000 }
    const state = { ...memoryState(), idempotency: new MemoryIdempotencyStore(lease, clock.now) }
    const stalled = await startSyncroGateway({ state })
    try {
      const { emulator } = stalled
      const body = {
        subject: 'Taken over',
        customerId: String([...emulator.db.customers.keys()][0]),
        status: 'open',
      }
      const send = () =>
        stalled.app.inject({
          method: 'POST',
          url: '/v1/connections/syncro-test/tickets',
          payload: body,
          headers: { 'idempotency-key': 'taken-over' },
        })
      // The first request hangs before its write (its status lookup is slow), long enough to be taken for gone.
      emulator.faults.delay({ ms: 400, method: 'GET', pathPrefix: '/tickets/settings' })
      const first = send()
      while ((emulator.stats.byRoute['GET /tickets/settings'] ?? 0) < 1)
        await new Promise((r) => setTimeout(r, 5))
      clock.advance(lease.leaseMs + 1)
      const repeat = await send()
      expect(repeat.statusCode).toBe(201)
      const late = await first
      expect([late.statusCode, json(late).code]).toEqual([409, 'conflict'])
      expect(emulator.stats.byRoute['POST /tickets']).toBe(1)
    } finally {
      await stalled.close()
    }
  })
})

describe('a keyed create the vendor made but answered unreadably', () => {
  it('is not written again by the repeat: the repeat finds the ticket at the vendor', async () => {
    // A short call timeout: a write sent may land within it, and the repeat waits that out before it looks.
    const unreadable = await startSyncroGateway({
      config: { vendorHttp: { ...DEFAULT_VENDOR_HTTP_SETTINGS, requestTimeoutMs: 500 } },
    })
    try {
      const { emulator, app } = unreadable
      const body = {
        subject: 'Made, then answered unreadably',
        customerId: String([...emulator.db.customers.keys()][0]),
      }
      const send = () =>
        app.inject({
          method: 'POST',
          url: '/v1/connections/syncro-test/tickets',
          payload: body,
          headers: { 'idempotency-key': 'unreadable-answer' },
        })
      const before = emulator.db.tickets.size
      emulator.faults.replaceAnswer({
        status: 201,
        body: { note: 'no ticket here' },
        method: 'POST',
        pathPrefix: '/tickets',
      })
      const first = await send()
      expect(first.statusCode).toBe(502)
      expect(emulator.db.tickets.size).toBe(before + 1)
      const repeat = await send()
      expect([repeat.statusCode, repeat.headers['idempotent-replayed']]).toEqual([201, 'true'])
      expect(emulator.db.tickets.size).toBe(before + 1)
    } finally {
      await unreadable.close()
    }
  })
})
