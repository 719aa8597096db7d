import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncroConnectionConfig } from '../../adapters/syncro/config.js'
import { loadConfig, type StoreConfig } from '../../app/config.js'
import { startSyncroEmulator, type SyncroEmulator } from '../../sandbox/syncro/index.js'
import type { ChangeEvent } from '../../src/canonical/event.js'
import { startReceiver, type Receiver } from '../helpers/event-receiver.js'
import { GENEROUS_LIMIT, json, startGateway, type Gateway } from '../helpers/gateway.js'

const CONNECTION = 'syncro-test'

/**
 * Two replicas on one shared store, each running the schedule (BullMQ job schedulers) and delivery (BullMQ jobs):
 * the changes made at the vendor reach the receiver once between them. `store` names the Redis (a URL or cluster
 * nodes), read once the suites around have started it.
 */
export function replicatedEventsContract(
  name: string,
  store: () => Pick<StoreConfig, 'redisUrl' | 'clusterNodes'>,
): void {
  describe(`events across replicas: ${name}`, () => {
    let emulator: SyncroEmulator
    let receiver: Receiver
    const replicas: Gateway[] = []

    beforeAll(async () => {
      emulator = await startSyncroEmulator({ rateLimit: GENEROUS_LIMIT })
      // The first event's delivery is held unanswered until the test releases it.
      receiver = await startReceiver((index) => (index === 0 ? 'hold' : 204))
      const connection: SyncroConnectionConfig = {
        id: CONNECTION,
        vendor: 'syncro',
        apiKey: emulator.apiKeys[0]!,
        baseUrl: emulator.baseUrl,
        rateLimit: { ...GENEROUS_LIMIT, scope: 'connection' },
      }
      const defaults = loadConfig({ NODE_ENV: 'test' })
      const config = {
        store: { ...defaults.store, ...store(), keyPrefix: 'replicated-events:' },
        eventPollSeconds: 1,
      }
      for (let replica = 0; replica < 2; replica++) replicas.push(await startGateway([connection], config))
    })
    afterAll(async () => {
      for (const replica of replicas) await replica.close()
      await emulator?.close()
      await receiver?.close()
    })

    async function changeTicketAtVendor(id: number, subject: string) {
      const response = await fetch(`${emulator.baseUrl}/tickets/${id}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${emulator.apiKeys[0]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ subject }),
      })
      expect(response.status).toBe(200)
    }

    it('delivers each change made at the vendor once between two replicas', async () => {
      const [first] = replicas
      const created = await first!.app.inject({
        method: 'POST',
        url: '/v1/subscriptions',
        payload: { url: receiver.url, connections: [CONNECTION], types: ['ticket.updated'] },
      })
      expect(created.statusCode).toBe(201)
      for (const replica of replicas) await replica.app.events.schedule!.start()
      // The first look of the tickets' poller makes the baseline: changes after it are events.
      await expect
        .poll(async () => (await first!.app.sharedState.eventWatch.mark(CONNECTION, 'ticket')).startedAt, {
          timeout: 60_000,
        })
        .toBeDefined()

      const updates = async () => {
        const feed = await first!.app.inject({ method: 'GET', url: `/v1/connections/${CONNECTION}/events` })
        return json<{ data: ChangeEvent[] }>(feed).data.filter(({ type }) => type === 'ticket.updated')
      }
      const [a, b] = [...emulator.db.tickets.values()].slice(0, 2)
      await changeTicketAtVendor(a!.id, 'First change at the vendor')
      await receiver.waitFor(1)
      // The second change is logged, and its delivery queued, while the first is still being delivered.
      await changeTicketAtVendor(b!.id, 'Second change at the vendor')
      await expect.poll(async () => (await updates()).length, { timeout: 60_000 }).toBe(2)
      receiver.release()
      await receiver.waitFor(2)

      // One lane per subscription and connection, in order: a repeat of the first would have come before the second.
      const delivered = receiver.received.map(({ body }) => (JSON.parse(body) as { data: ChangeEvent }).data)
      expect(delivered.map(({ resource }) => resource.id)).toEqual([String(a!.id), String(b!.id)])
      expect(delivered.map(({ id }) => id)).toEqual((await updates()).map(({ id }) => id))
    }, 180_000)
  })
}
