import { afterEach, expect, it } from 'vitest'
import type { EventType } from '../../../src/canonical/event.js'
import { EventCursorExpired } from '../../../src/events/cursor-expired.js'
import { deliverNext } from '../../../src/events/delivery/deliver-next.js'
import { deliveryAgent } from '../../../src/events/delivery/send.js'
import {
  MemorySubscriptionStore,
  type StoredSubscription,
} from '../../../src/state/subscriptions/subscription-store.js'
import { startReceiver, storedSubscription, testSecret } from '../../helpers/event-receiver.js'
import { FakeEventLog, ticketChange } from '../../helpers/fake-event-log.js'

const opened: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close()
})

const subscription = (url: string, overrides: Partial<StoredSubscription> = {}) =>
  storedSubscription(url, testSecret(1), { connections: null, ...overrides })

/** A log whose retention has dropped the events before index `oldestKept`: reading after one before them is a 410. */
class TrimmedLog extends FakeEventLog {
  constructor(private readonly oldestKept: number) {
    super()
  }

  override async read(
    connection: string,
    after: string | null,
    options: { limit: number; types?: readonly EventType[] },
  ) {
    if (after !== null && Number(after) < this.oldestKept - 1) throw new EventCursorExpired()
    return super.read(connection, after ?? String(this.oldestKept - 1), options)
  }
}

/** A log that looks at one entry per read, as a real log scans a bounded number: a read may find none but go on. */
class OneEntryPerRead extends FakeEventLog {
  override async read(connection: string, after: string | null, options: { types?: readonly EventType[] }) {
    return super
      .read(connection, after, { ...options, limit: 1, types: undefined })
      .then(({ events, next }) => ({
        events: events.filter(({ event }) => !options.types || options.types.includes(event.type)),
        next,
      }))
  }
}

it('reads on past the events of other types, however many reads that takes', async () => {
  const receiver = await startReceiver()
  const agent = deliveryAgent({ allowPrivate: true })
  opened.push(receiver, agent)
  const log = new OneEntryPerRead()
  const store = new MemorySubscriptionStore()
  await store.create(subscription(receiver.url, { types: ['ticket.created'] }))
  const logged = await log.append(
    [
      ticketChange('cw-main', '1'),
      ticketChange('cw-main', '2'),
      ticketChange('cw-main', '3', 'ticket.created'),
    ],
    new Date('2026-12-03T10:05:00.000Z'),
  )
  const deps = { log, store, dispatcher: agent, policy: { allowPrivate: true } }

  expect(await deliverNext(deps, 'sub_1', 'cw-main')).toBe('delivered')
  expect(receiver.received.map(({ headers }) => headers['webhook-id'])).toEqual([logged[2]!.event.id])
})

it('goes on from the oldest event kept when the retention dropped the ones after its position', async () => {
  const receiver = await startReceiver()
  const agent = deliveryAgent({ allowPrivate: true })
  opened.push(receiver, agent)
  const log = new TrimmedLog(2)
  const store = new MemorySubscriptionStore()
  await store.create(subscription(receiver.url))
  const logged = await log.append(
    ['1', '2', '3', '4'].map((id) => ticketChange('cw-main', id)),
    new Date('2026-12-03T10:05:00.000Z'),
  )
  await store.advance('sub_1', 'cw-main', '0') // delivered the first, then disabled past the retention
  const deps = { log, store, dispatcher: agent, policy: { allowPrivate: true } }

  expect(await deliverNext(deps, 'sub_1', 'cw-main')).toBe('delivered')
  expect(receiver.received[0]!.headers['webhook-id']).toBe(logged[2]!.event.id)
  expect(await store.position('sub_1', 'cw-main')).toBe('2')
})
