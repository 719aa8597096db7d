import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Adapter } from '../../adapters/types.js'
import { loadConfig, type Config } from '../../app/config.js'
import type { ChangeEvent } from '../../src/canonical/event.js'
import {
  json,
  startAutotaskGateway,
  startConnectWiseGateway,
  type AutotaskGateway,
  type ConnectWiseGateway,
} from '../helpers/gateway.js'
import { CALLBACK_SECRET, callbackEndpointsAt } from '../helpers/callbacks.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { call as connectWiseCall } from '../sandbox/connectwise/helpers.js'

/**
 * What docs/events.md promises of each record's events, whichever source saw its versions and in whatever order
 * their reads ended: one `created`, then `updated`, in the order of the record's versions. Each vendor that calls
 * back for every change (ConnectWise callbacks, Autotask callouts), on the memory store and on Redis. The vendor's
 * clock is a faked Date moved between writes (ConnectWise stamps seconds); what each step waits for is an event.
 */

const SECRET = CALLBACK_SECRET

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

const STORES = ['memory', 'redis'] as const
const storeConfig = (store: (typeof STORES)[number], keyPrefix: string): Partial<Config> =>
  store === 'redis'
    ? { store: { ...loadConfig({ NODE_ENV: 'test' }).store, redisUrl: redis.url, keyPrefix } }
    : {}

type VendorGateway = ConnectWiseGateway | AutotaskGateway
const VENDORS = [
  {
    vendor: 'ConnectWise',
    connection: 'connectwise-test',
    start: (config: Partial<Config>) => startConnectWiseGateway({ config }),
    calledBack: (gateway: VendorGateway) => (gateway as ConnectWiseGateway).emulator.callbacks.settled(),
  },
  {
    vendor: 'Autotask',
    connection: 'autotask-test',
    start: (config: Partial<Config>) => startAutotaskGateway({ config }),
    calledBack: (gateway: VendorGateway) => (gateway as AutotaskGateway).emulator.webhooks.settled(),
  },
]

let clock = Date.parse('2026-12-04T01:50:00.000Z')
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: clock })
})
afterEach(() => {
  clock = Date.now()
  vi.useRealTimers()
})
/** The vendor's next change comes ten seconds later: a version of its own. */
const tenSecondsLater = () => vi.setSystemTime(Date.now() + 10_000)

describe.each(STORES)('each record in order, on the %s store', (store) => {
  describe.each(VENDORS)('$vendor', ({ vendor, connection, start, calledBack }) => {
    let gateway: VendorGateway
    const sources = () => gateway.app.events.sources

    beforeEach(async () => {
      gateway = await start({
        eventCallbackSecret: SECRET,
        ...storeConfig(store, `record-order-${vendor}-${Math.random().toString(36).slice(2)}:`),
      })
      // The first look is the baseline: the changes after it are events.
      expect(await sources().look(connection, 'ticket')).toBe('poll')
    })
    afterEach(() => gateway?.close())

    async function eventsOf(id: string): Promise<ChangeEvent[]> {
      const feed = await gateway.app.inject({
        method: 'GET',
        url: `/v1/connections/${connection}/events?limit=100`,
      })
      return json<{ data: ChangeEvent[] }>(feed).data.filter(({ resource }) => resource.id === id)
    }

    async function throughGateway(method: 'POST' | 'PATCH', path: string, payload: unknown) {
      const answer = await gateway.app.inject({
        method,
        url: `/v1/connections/${connection}${path}`,
        payload: payload as Record<string, unknown>,
      })
      expect(answer.statusCode, answer.body).toBeLessThan(300)
      return json<{ id: string }>(answer)
    }

    it('logs one created for a record, then updated, however many callbacks came before the pollers looked', async () => {
      await gateway.app.listen({ port: 0, host: '127.0.0.1' })
      const { port } = gateway.app.server.address() as { port: number }
      await sources().registerCallbacks(connection, callbackEndpointsAt(port)(connection))
      const customers = await gateway.app.inject({
        method: 'GET',
        url: `/v1/connections/${connection}/customers?pageSize=1`,
      })
      const customerId = json<{ data: Array<{ id: string }> }>(customers).data[0]!.id

      /** The vendor's callbacks for the change sent, and the re-reads they started ended (a hint joins them). */
      const calledBackAndReread = async (id: string) => {
        await calledBack(gateway)
        await sources().hint(connection, 'ticket', id)
      }
      tenSecondsLater()
      const { id } = await throughGateway('POST', '/tickets', { subject: 'Made', customerId })
      await calledBackAndReread(id)
      for (const subject of ['Changed once', 'Changed twice']) {
        tenSecondsLater()
        await throughGateway('PATCH', `/tickets/${id}`, { subject })
        await calledBackAndReread(id)
      }
      // The pollers then find the latest version, already logged.
      expect(await sources().look(connection, 'ticket')).toBe('poll')

      const events = await eventsOf(id)
      expect(events.map(({ type, source }) => `${type} ${source}`)).toEqual([
        'ticket.created callback',
        'ticket.updated callback',
        'ticket.updated callback',
      ])
      expect(events.map(({ data }) => (data as { subject: string }).subject)).toEqual([
        'Made',
        'Changed once',
        'Changed twice',
      ])
    })

    it("logs nothing for a callback's re-read that ended after a poll logged a newer version", async () => {
      const { id } = json<{ data: Array<{ id: string }> }>(
        await gateway.app.inject({ method: 'GET', url: `/v1/connections/${connection}/tickets?pageSize=1` }),
      ).data[0]!
      tenSecondsLater()
      await throughGateway('PATCH', `/tickets/${id}`, { subject: 'Older' })

      // The callback's re-read reads the older version, then is held until the test lets it end.
      const adapter = gateway.app.registry.list().find((each) => each.connectionId === connection) as Adapter
      const read = adapter.tickets.get.bind(adapter.tickets)
      let readDone!: () => void
      const olderRead = new Promise<void>((resolve) => (readDone = resolve))
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      vi.spyOn(adapter.tickets, 'get').mockImplementationOnce(async (ticketId, ctx) => {
        const record = await read(ticketId, ctx)
        readDone()
        await released
        return record
      })
      const hinted = sources().hint(connection, 'ticket', id)
      await olderRead

      tenSecondsLater()
      await throughGateway('PATCH', `/tickets/${id}`, { subject: 'Newer' })
      expect(await sources().look(connection, 'ticket')).toBe('poll')
      release()
      await hinted

      const events = await eventsOf(id)
      expect(events.map(({ type, source }) => `${type} ${source}`)).toEqual(['ticket.updated poll'])
      expect((events.at(-1)!.data as { subject: string }).subject).toBe('Newer')
    })
  })
})

describe.each(STORES)('a record deleted, with polling off, on the %s store', (store) => {
  let gateway: ConnectWiseGateway
  afterEach(() => gateway?.close())

  it("logs the delete a callback's re-read finds, of a record whose change was logged (no poller knows it)", async () => {
    gateway = await startConnectWiseGateway({
      config: {
        eventCallbackSecret: SECRET,
        eventPollSeconds: 0,
        ...storeConfig(store, `deleted-${store}:`),
      },
    })
    const connection = 'connectwise-test'
    const { sources } = gateway.app.events
    const customers = await gateway.app.inject(`/v1/connections/${connection}/customers?pageSize=1`)
    const customerId = json<{ data: Array<{ id: string }> }>(customers).data[0]!.id
    const created = await gateway.app.inject({
      method: 'POST',
      url: `/v1/connections/${connection}/tickets`,
      payload: { subject: 'Short-lived', customerId },
    })
    const { id } = json<{ id: string }>(created)
    await sources.hint(connection, 'ticket', id)
    tenSecondsLater()
    expect(
      (await connectWiseCall(gateway.emulator, `/service/tickets/${id}`, { method: 'DELETE' })).status,
    ).toBe(204)
    await sources.hint(connection, 'ticket', id)
    // A record no change of which was logged is not taken as deleted: it may be of another kind, or out of sight.
    await sources.hint(connection, 'ticket', '987654321')

    const feed = await gateway.app.inject(`/v1/connections/${connection}/events?limit=100`)
    const events = json<{ data: ChangeEvent[] }>(feed).data
    expect(events.map(({ type, resource }) => `${type} ${resource.id}`)).toEqual([
      `ticket.created ${id}`,
      `ticket.deleted ${id}`,
    ])
  })
})
