import { pino } from 'pino'
import { Webhook } from 'standardwebhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  BullMqEventDelivery,
  deliveryQueueConnection,
  deliveryQueuePrefix,
} from '../../src/events/delivery/bullmq-delivery.js'
import { deliveryAgent } from '../../src/events/delivery/send.js'
import { RedisConnection } from '../../src/state/redis/connection.js'
import { RedisSubscriptionStore } from '../../src/state/subscriptions/redis-subscription-store.js'
import { startReceiver, storedSubscription, testSecret, type Receiver } from '../helpers/event-receiver.js'
import { FakeEventLog, ticketChange } from '../helpers/fake-event-log.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

/** Delivery on BullMQ and Redis, several workers sharing the queue as replicas do. */

const SECRET = testSecret(9)
const policy = { allowPrivate: true }
const quiet = pino({ level: 'silent' })

let redis: TestRedis
let tests = 0
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

const opened: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close()
})

async function setup(answer?: Parameters<typeof startReceiver>[0]) {
  tests += 1
  const receiver = await startReceiver(answer)
  const connectionOfStore = new RedisConnection({ redisUrl: redis.url, keyPrefix: `t${tests}:` }, quiet)
  await connectionOfStore.waitUntilReady(5_000)
  const store = new RedisSubscriptionStore(connectionOfStore)
  const log = new FakeEventLog()
  const agent = deliveryAgent(policy)
  opened.push(connectionOfStore, agent, receiver)
  const errors: unknown[] = []
  const worker = (options: { lockDurationMs?: number; stalledIntervalMs?: number } = {}) => {
    const delivery = new BullMqEventDelivery({
      log,
      store,
      dispatcher: agent,
      policy,
      connections: ['cw-main'],
      connection: deliveryQueueConnection({ redisUrl: redis.url }).options,
      prefix: deliveryQueuePrefix(`t${tests}:`),
      schedule: [10, 10, 10],
      onError: (error) => errors.push(error),
      ...options,
    })
    opened.push(delivery)
    return delivery
  }
  const subscription = storedSubscription(receiver.url, SECRET)
  await store.create(subscription)
  const append = async (delivery: BullMqEventDelivery, ...ids: string[]) => {
    const logged = await log.append(
      ids.map((id) => ticketChange('cw-main', id)),
      new Date('2026-12-03T10:05:00.000Z'),
    )
    await delivery.notifyAppended(logged.map(({ event }) => event))
    return logged.map(({ event }) => event.id)
  }
  return { receiver, store, worker, append }
}

const eventIdsOf = (receiver: Receiver) => receiver.received.map(({ headers }) => headers['webhook-id'])

describe('event delivery on BullMQ', () => {
  it('two workers deliver each event once between them, in order, signed', async () => {
    const { receiver, store, worker, append } = await setup()
    const first = worker()
    const second = worker()
    const ids = [...(await append(first, '1', '2', '3')), ...(await append(second, '4', '5'))]
    await receiver.waitFor(ids.length)
    // Each event's position is stored once it is taken: the last one's means nothing is left to send.
    await expect.poll(() => store.position('sub_1', 'cw-main')).toBe('4')
    expect(eventIdsOf(receiver)).toEqual(ids)
    for (const { body, headers } of receiver.received)
      expect(() => new Webhook(SECRET).verify(body, headers as Record<string, string>)).not.toThrow()
  })

  it('retries a failed event on the custom backoff, then goes on', async () => {
    const { receiver, worker, append } = await setup((index) => (index === 0 ? 500 : 204))
    const ids = await append(worker(), '1', '2')
    await receiver.waitFor(3)
    expect(eventIdsOf(receiver)).toEqual([ids[0], ids[0], ids[1]])
  })

  it('disables the subscription on a 410, and enable resumes from that event', async () => {
    let gone = true
    const { receiver, store, worker, append } = await setup(() => (gone ? 410 : 204))
    const delivery = worker()
    const ids = await append(delivery, '1', '2')
    await receiver.waitFor(1)
    await expect.poll(async () => (await store.get('sub_1'))?.enabled).toBe(false)
    gone = false
    await delivery.resume((await store.setEnabled('sub_1', true, null))!)
    await receiver.waitFor(3)
    expect(eventIdsOf(receiver)).toEqual([ids[0], ids[0], ids[1]])
  })

  it('disables the subscription once the schedule is spent', async () => {
    const { receiver, store, worker, append } = await setup(() => 500)
    await append(worker(), '1')
    await receiver.waitFor(4) // the first attempt and the schedule's three retries
    await expect
      .poll(async () => (await store.get('sub_1'))?.disabledReason)
      .toBe('every retry of the schedule failed')
  })

  it('a worker that dies mid-delivery loses the job to another, which delivers the event again', async () => {
    const { receiver, store, worker, append } = await setup((index) => (index === 0 ? 'hold' : 204))
    const short = { lockDurationMs: 1_000, stalledIntervalMs: 500 }
    const dying = worker(short)
    const ids = await append(dying, '1', '2')
    await receiver.waitFor(1) // the first worker is inside the delivery, its receiver holding the answer
    await dying.close(true)
    worker(short)
    await receiver.waitFor(3)
    expect(eventIdsOf(receiver)).toEqual([ids[0], ids[0], ids[1]])
    await expect.poll(() => store.position('sub_1', 'cw-main')).toBe('1')
  })
})
