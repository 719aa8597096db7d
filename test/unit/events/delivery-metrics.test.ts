import { afterEach, expect, it } from 'vitest'
import { deliverNext } from '../../../src/events/delivery/deliver-next.js'
import { deliveryAgent } from '../../../src/events/delivery/send.js'
import { GatewayMetrics } from '../../../src/metrics.js'
import { MemorySubscriptionStore } from '../../../src/state/subscriptions/subscription-store.js'
import { startReceiver, storedSubscription, testSecret } from '../../helpers/event-receiver.js'
import { FakeEventLog, ticketChange } from '../../helpers/fake-event-log.js'

const opened: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close()
})

it('counts delivery attempts by outcome and times them', async () => {
  const receiver = await startReceiver((index) => [500, 204, 410][index]!)
  const agent = deliveryAgent({ allowPrivate: true })
  opened.push(receiver, agent)
  const log = new FakeEventLog()
  const store = new MemorySubscriptionStore()
  const metrics = new GatewayMetrics(() => [])
  await store.create(storedSubscription(receiver.url, testSecret(1), { connections: null }))
  await log.append(
    [ticketChange('cw-main', '1'), ticketChange('cw-main', '2')],
    new Date('2026-12-03T10:05:00.000Z'),
  )
  const deps = {
    log,
    store,
    dispatcher: agent,
    policy: { allowPrivate: true },
    onAttempt: metrics.countEventDelivery,
  }

  expect([
    await deliverNext(deps, 'sub_1', 'cw-main'),
    await deliverNext(deps, 'sub_1', 'cw-main'),
    await deliverNext(deps, 'sub_1', 'cw-main'),
  ]).toEqual(['failed', 'delivered', 'gone'])
  const text = await metrics.text()
  for (const outcome of ['failed', 'delivered', 'gone'])
    expect(text).toContain(`psagw_event_deliveries_total{outcome="${outcome}"} 1`)
  expect(text).toContain('psagw_event_delivery_seconds_count 3')
})
