import { Webhook } from 'standardwebhooks'
import { afterEach, describe, expect, it } from 'vitest'
import { deliveryAgent } from '../../../src/events/delivery/send.js'
import { InProcessEventDelivery, type Timers } from '../../../src/events/delivery/memory-delivery.js'
import { RETRY_SCHEDULE_MS } from '../../../src/events/delivery/schedule.js'
import {
  MemorySubscriptionStore,
  type StoredSubscription,
} from '../../../src/state/subscriptions/subscription-store.js'
import { startReceiver, storedSubscription, testSecret, type Receiver } from '../../helpers/event-receiver.js'
import { FakeEventLog, ticketChange } from '../../helpers/fake-event-log.js'

const SECRET = testSecret(7)
const policy = { allowPrivate: true }

/** Timers that fire only when the test says: the retry schedule without waiting for it. */
function fakeTimers() {
  const pending = new Map<number, { callback: () => void; ms: number }>()
  let next = 0
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      pending.set((next += 1), { callback, ms })
      return next
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  }
  return {
    timers,
    delays: () => [...pending.values()].map(({ ms }) => ms),
    fireAll() {
      const due = [...pending.values()]
      pending.clear()
      for (const { callback } of due) callback()
    },
  }
}

const opened: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close()
})

async function setup(
  answer?: Parameters<typeof startReceiver>[0],
  overrides: Partial<StoredSubscription> = {},
) {
  const receiver = await startReceiver(answer)
  const log = new FakeEventLog()
  const store = new MemorySubscriptionStore()
  const clock = fakeTimers()
  const agent = deliveryAgent(policy)
  const outcomes: string[] = []
  const delivery = new InProcessEventDelivery({
    log,
    store,
    dispatcher: agent,
    policy,
    connections: ['cw-main', 'halo-eu'],
    timers: clock.timers,
    onAttempt: (outcome) => outcomes.push(outcome),
  })
  opened.push(receiver, agent, delivery)
  const subscription = storedSubscription(receiver.url, SECRET, overrides)
  await store.create(subscription)
  const append = async (...ids: string[]) => {
    const logged = await log.append(
      ids.map((id) => ticketChange('cw-main', id)),
      new Date('2026-12-03T10:05:00.000Z'),
    )
    await delivery.notifyAppended(logged.map(({ event }) => event))
    return logged
  }
  return { receiver, log, store, clock, delivery, subscription, append, outcomes }
}

const eventIdsOf = (receiver: Receiver) => receiver.received.map(({ headers }) => headers['webhook-id'])

describe('in-process event delivery', () => {
  it('POSTs each wanted event in order, signed over the bytes sent, and advances the position', async () => {
    const { receiver, log, store, delivery, append } = await setup()
    await log.append([ticketChange('cw-main', 'old')], new Date('2026-12-03T09:00:00.000Z')) // before the subscription
    const halo = await log.append([ticketChange('halo-eu', '9')], new Date('2026-12-03T10:05:00.000Z'))
    await delivery.notifyAppended(halo.map(({ event }) => event)) // a connection it does not want
    const logged = await append('1', '2', '3')
    await receiver.waitFor(3)

    expect(eventIdsOf(receiver)).toEqual(logged.map(({ event }) => event.id))
    for (const [index, { body, headers }] of receiver.received.entries()) {
      const verified = new Webhook(SECRET).verify(body, headers as Record<string, string>)
      expect(verified).toEqual({
        type: 'ticket.updated',
        timestamp: '2026-12-03T10:00:00.000Z',
        data: logged[index]!.event,
      })
    }
    await expect.poll(() => store.position('sub_1', 'cw-main')).toBe(logged[2]!.position)
    expect((await store.attempts('sub_1')).map(({ outcome, status }) => [outcome, status])).toEqual([
      ['delivered', 204],
      ['delivered', 204],
      ['delivered', 204],
    ])
  })

  it('sends only the types asked for', async () => {
    const { receiver, log, delivery } = await setup(undefined, { types: ['ticket.created'] })
    const logged = await log.append(
      [ticketChange('cw-main', '1'), ticketChange('cw-main', '2', 'ticket.created')],
      new Date('2026-12-03T10:05:00.000Z'),
    )
    await delivery.notifyAppended(logged.map(({ event }) => event))
    await receiver.waitFor(1)
    expect(eventIdsOf(receiver)).toEqual([logged[1]!.event.id])
  })

  it('retries a failed event on the schedule, and holds the later ones back until it is taken', async () => {
    const { receiver, clock, append } = await setup((index) => (index === 0 ? 500 : 204))
    const logged = await append('1', '2')
    await receiver.waitFor(1)
    await expect.poll(() => clock.delays()).toHaveLength(1)
    expect(clock.delays()[0]).toBeGreaterThanOrEqual(RETRY_SCHEDULE_MS[0] * 0.9)
    expect(clock.delays()[0]).toBeLessThanOrEqual(RETRY_SCHEDULE_MS[0] * 1.1)
    const [later] = await append('3') // arrives while the first waits: must not overtake it

    clock.fireAll()
    await receiver.waitFor(4)
    const [first, second] = logged.map(({ event }) => event.id)
    expect(eventIdsOf(receiver)).toEqual([first, first, second, later!.event.id])
  })

  it('disables the subscription on a 410, and enabling resumes from the event refused', async () => {
    let gone = true
    const { receiver, store, delivery, append, outcomes } = await setup(() => (gone ? 410 : 204))
    const logged = await append('1', '2')
    await receiver.waitFor(1)
    await expect
      .poll(async () => (await store.get('sub_1'))?.disabledReason)
      .toBe('the receiver answered 410 Gone')
    await append('3') // disabled: nothing sent
    expect(outcomes).toEqual(['gone'])

    gone = false
    await delivery.resume((await store.setEnabled('sub_1', true, null))!)
    await receiver.waitFor(4)
    expect(eventIdsOf(receiver).slice(1)).toEqual([
      logged[0]!.event.id,
      logged[1]!.event.id,
      expect.any(String),
    ])
  })

  it('disables the subscription once every retry of the schedule has failed', async () => {
    const { receiver, store, clock, append } = await setup(() => 503)
    await append('1')
    for (let attempt = 1; attempt <= RETRY_SCHEDULE_MS.length; attempt += 1) {
      await receiver.waitFor(attempt)
      await expect.poll(() => clock.delays()).toHaveLength(1)
      clock.fireAll()
    }
    await receiver.waitFor(RETRY_SCHEDULE_MS.length + 1)
    await expect
      .poll(async () => (await store.get('sub_1'))?.disabledReason)
      .toBe('every retry of the schedule failed')
    expect(clock.delays()).toEqual([])
  })
})
