import { Queue } from 'bullmq'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../app/config.js'
import { deliveryQueueConnection, deliveryQueuePrefix } from '../../src/events/delivery/bullmq-delivery.js'
import { startSyncroGateway } from '../helpers/gateway.js'
import type { EventSources } from '../../event-sources/event-sources.js'
import { BullMqWatchSchedule } from '../../event-sources/schedule/bullmq-schedule.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

/** The pollers' BullMQ job schedulers: one per connection and resource configured, and none for any other. */

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

it('schedules each watch of the connections configured, and removes the schedulers of a connection removed', async () => {
  const keyPrefix = 'watch-schedule:'
  const connection = deliveryQueueConnection({ redisUrl: redis.url })
  const queue = new Queue('event-watch', {
    connection: connection.options,
    prefix: deliveryQueuePrefix(keyPrefix),
  })
  // What an earlier configuration, with a connection since removed, left behind.
  await queue.upsertJobScheduler('syncro-removed.ticket', { every: 60_000 }, { name: 'look' })
  const defaults = loadConfig({ NODE_ENV: 'test' })
  const gateway = await startSyncroGateway({
    config: { store: { ...defaults.store, redisUrl: redis.url, keyPrefix }, eventPollSeconds: 60 },
  })
  try {
    await gateway.app.events.schedule!.start()
    const ids = (await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()
    expect(ids).toEqual(['syncro-test.asset', 'syncro-test.customer', 'syncro-test.ticket'])
  } finally {
    await gateway.close()
    await queue.close()
    await connection.close()
  }
})

it('removes every watch scheduler once polling is turned off, the schedule running for the callback registrations', async () => {
  const keyPrefix = 'watch-schedule-off:'
  const connection = deliveryQueueConnection({ redisUrl: redis.url })
  const queue = new Queue('event-watch', {
    connection: connection.options,
    prefix: deliveryQueuePrefix(keyPrefix),
  })
  await queue.upsertJobScheduler('syncro-test.ticket', { every: 60_000 }, { name: 'look' })
  const defaults = loadConfig({ NODE_ENV: 'test' })
  const gateway = await startSyncroGateway({
    config: {
      store: { ...defaults.store, redisUrl: redis.url, keyPrefix },
      eventPollSeconds: 0,
      eventCallbackSecret: 'a-callback-secret-of-at-least-32-characters',
      publicUrl: 'https://gateway.example.com',
    },
  })
  try {
    await gateway.app.events.schedule!.start()
    expect(await queue.getJobSchedulers()).toEqual([])
  } finally {
    await gateway.close()
    await queue.close()
    await connection.close()
  }
})

it("runs looks while a callback registration waits for its vendor: registrations hold none of the looks' slots", async () => {
  const connection = deliveryQueueConnection({ redisUrl: redis.url })
  let registering!: () => void
  const registrationStarted = new Promise<void>((resolve) => (registering = resolve))
  let lookedAfter!: () => void
  const lookedWhileRegistering = new Promise<void>((resolve) => (lookedAfter = resolve))
  let registrationRunning = false
  const sources = {
    watches: () => [{ connection: 'cw', resource: 'ticket' }],
    registrations: () => ['cw'],
    look: async () => {
      if (registrationRunning) lookedAfter()
      return undefined
    },
    // A registration whose calls wait for the events' share: it never ends while the test runs.
    registerCallbacks: () => {
      registrationRunning = true
      registering()
      return new Promise<void>(() => {})
    },
    stop: () => {},
  } as unknown as EventSources
  const schedule = new BullMqWatchSchedule(sources, {
    pollMs: 50,
    connection: connection.options,
    prefix: deliveryQueuePrefix('watch-slots:'),
    concurrency: 1,
    callbackEndpointOf: () => ({ url: 'https://gateway.example.com/callbacks/x', signingKey: 'k' }),
  })
  try {
    await schedule.start()
    await registrationStarted
    await lookedWhileRegistering
  } finally {
    await schedule.close(true)
    await connection.close()
  }
})
