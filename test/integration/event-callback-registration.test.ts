import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { WEBHOOK_KINDS } from '../../adapters/autotask/webhook-kinds.js'
import type { CallbackEndpoint } from '../../adapters/types.js'
import { loadConfig } from '../../app/config.js'
import type { EventSources } from '../../event-sources/event-sources.js'
import { BullMqWatchSchedule } from '../../event-sources/schedule/bullmq-schedule.js'
import { InProcessWatchSchedule } from '../../event-sources/schedule/in-process-schedule.js'
import type { WatchSchedule } from '../../event-sources/schedule/types.js'
import { deliveryQueueConnection, deliveryQueuePrefix } from '../../src/events/delivery/bullmq-delivery.js'
import type { ChangeEvent } from '../../src/canonical/event.js'
import {
  json,
  startAutotaskGateway,
  startConnectWiseGateway,
  type AutotaskGateway,
  type ConnectWiseGateway,
  type Gateway,
} from '../helpers/gateway.js'
import { CALLBACK_SECRET, callbackEndpointsAt } from '../helpers/callbacks.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { call as connectWiseCall } from '../sandbox/connectwise/helpers.js'
import { callJson } from '../sandbox/http.js'

/**
 * A vendor callback registration that fails (the vendor, or the events' share of its limit) is tried again by the
 * schedule until it succeeds, and a registration cut short is completed: with timers in one process, and with
 * BullMQ on Redis. The retries come at once here (the backoff itself: test/unit/events/in-process-watch-schedule);
 * each step waits for a registration's outcome, an event.
 */

const SECRET = CALLBACK_SECRET

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis?.stop())

/** Each registration's outcome, and a promise of the first that succeeds. */
function watchRegistrations(sources: EventSources) {
  const outcomes: string[] = []
  let succeeded!: () => void
  const registered = new Promise<void>((resolve) => (succeeded = resolve))
  const register = sources.registerCallbacks.bind(sources)
  vi.spyOn(sources, 'registerCallbacks').mockImplementation(async (connection, endpoint) => {
    try {
      await register(connection, endpoint)
    } catch (error) {
      outcomes.push('failed')
      throw error
    }
    outcomes.push('registered')
    succeeded()
  })
  return { outcomes, registered }
}

type Scheduled = { schedule: WatchSchedule; close(): Promise<void> }
const inProcess = (
  sources: EventSources,
  endpointOf: (connection: string) => CallbackEndpoint,
): Scheduled => ({
  schedule: new InProcessWatchSchedule(sources, {
    pollMs: 0,
    onError: () => {},
    callbackEndpointOf: endpointOf,
    registrationRetryMs: () => 0,
  }),
  close: async () => {},
})
const onBullMq = (sources: EventSources, endpointOf: (connection: string) => CallbackEndpoint): Scheduled => {
  const connection = deliveryQueueConnection({ redisUrl: redis.url })
  return {
    schedule: new BullMqWatchSchedule(sources, {
      pollMs: 0,
      connection: connection.options,
      prefix: deliveryQueuePrefix(`registration-${Math.random().toString(36).slice(2)}:`),
      callbackEndpointOf: endpointOf,
      registrationRetryMs: () => 10,
    }),
    close: () => connection.close(),
  }
}

describe.each([
  ['timers in one process', inProcess, false],
  ['BullMQ on Redis', onBullMq, true],
] as const)('callback registration retried by the schedule: %s', (_name, scheduleFor, onRedis) => {
  const config = () => ({
    eventCallbackSecret: SECRET,
    ...(onRedis
      ? {
          store: {
            ...loadConfig({ NODE_ENV: 'test' }).store,
            redisUrl: redis.url,
            keyPrefix: `registration-${Math.random().toString(36).slice(2)}:`,
          },
        }
      : {}),
  })
  let gateway: Gateway | undefined
  let scheduled: Scheduled | undefined
  afterEach(async () => {
    await scheduled?.schedule.close()
    await scheduled?.close()
    await gateway?.close()
  })

  /** Listens, and starts the schedule with the gateway's sources: what the server does. */
  async function startSchedule(started: Gateway) {
    gateway = started
    await started.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = started.app.server.address() as { port: number }
    const { sources } = started.app.events
    const registrations = watchRegistrations(sources)
    scheduled = scheduleFor(sources, callbackEndpointsAt(port))
    await scheduled.schedule.start()
    await registrations.registered
    return { ...registrations, endpointOf: callbackEndpointsAt(port) }
  }

  it('registers all three ConnectWise callbacks after a first try the vendor refused', async () => {
    const cw: ConnectWiseGateway = await startConnectWiseGateway({ config: config() })
    cw.emulator.faults.respond({ method: 'POST', pathPrefix: '/system/callbacks', status: 503 })
    const { outcomes, endpointOf } = await startSchedule(cw)

    expect(outcomes).toEqual(['failed', 'registered'])
    const entries = (await connectWiseCall(cw.emulator, '/system/callbacks')).json as Array<{
      url: string
      type: string
      inactiveFlag: boolean
    }>
    const url = `${endpointOf('connectwise-test').url}?recordId=`
    expect(
      entries
        .filter((entry) => entry.url === url && !entry.inactiveFlag)
        .map(({ type }) => type)
        .sort(),
    ).toEqual(['company', 'configuration', 'ticket'])
    expect(cw.logs.join('\n')).toContain('vendor callbacks not registered yet: tried again later')
  })

  it('completes an Autotask registration cut short: one active callout per kind, ready (watching fields)', async () => {
    const at: AutotaskGateway = await startAutotaskGateway({ config: config() })
    // The ticket callout is made, then the vendor fails the company callouts' query (a 500: not retried).
    at.emulator.faults.respond({ method: 'POST', pathPrefix: '/CompanyWebhooks', status: 500 })
    const { outcomes, endpointOf } = await startSchedule(at)

    expect(outcomes).toEqual(['failed', 'registered'])
    const user = at.emulator.apiUsers[0]!
    const headers = { UserName: user.userName, Secret: user.secret, ApiIntegrationCode: user.integrationCode }
    const autotask = async (path: string, method = 'GET', body?: unknown) =>
      (await callJson(`${at.emulator.baseUrl}${path}`, { method, headers, body })).json
    const url = endpointOf('autotask-test').url
    for (const kind of WEBHOOK_KINDS) {
      const callouts = (
        (await autotask(`/${kind.name}Webhooks/query`, 'POST', {
          filter: [{ op: 'gte', field: 'id', value: 0 }],
        })) as { items: Array<{ id: number; webhookUrl: string; isActive: boolean; isReady: boolean }> }
      ).items.filter((callout) => callout.webhookUrl === url)
      expect(callouts, kind.name).toHaveLength(1)
      expect(callouts[0], kind.name).toMatchObject({ isActive: true, isReady: true })
    }
  })
})

describe('the callbacks at a share with a turn a little less often than a call may wait for one', () => {
  // ConnectWise's 60 calls a minute at the default share, ten times faster: the callbacks' half has a turn every
  // 2.08 s (3 a window, less its burst, over the window and its margin), and a call may reserve one 2 s ahead. A full
  // bucket's first turn comes within that; each later call must wait for the share to come back to it.
  let gateway: ConnectWiseGateway
  beforeAll(async () => {
    const defaults = loadConfig({ NODE_ENV: 'test' })
    gateway = await startConnectWiseGateway({
      connection: { rateLimit: { limit: 60, windowMs: 6_000, scope: 'connection' } },
      config: {
        eventCallbackSecret: SECRET,
        eventVendorShare: 0.1,
        vendorHttp: { ...defaults.vendorHttp, rateLimitMaxWaitMs: 2_000, retryBudgetMs: 2_000 },
      },
    })
  })
  afterAll(() => gateway?.close())

  it('registers in one try, each call waiting for its turn', async () => {
    await gateway.app.events.sources.registerCallbacks(
      'connectwise-test',
      callbackEndpointsAt(1)('connectwise-test'),
    )
    const entries = (await connectWiseCall(gateway.emulator, '/system/callbacks')).json as unknown[]
    expect(entries).toHaveLength(3)
  }, 60_000)

  it("logs a callback's re-read of a ticket, two calls at ConnectWise (the ticket and its description)", async () => {
    const [ticket] = gateway.emulator.db.tickets.values()
    const patched = await connectWiseCall(gateway.emulator, `/service/tickets/${ticket!.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'Changed at the vendor' }],
    })
    expect(patched.status).toBe(200)
    await gateway.app.events.sources.hint('connectwise-test', 'ticket', String(ticket!.id))
    const feed = await gateway.app.inject({ method: 'GET', url: '/v1/connections/connectwise-test/events' })
    expect(json<{ data: ChangeEvent[] }>(feed).data).toMatchObject([
      { type: 'ticket.updated', source: 'callback', data: { subject: 'Changed at the vendor' } },
    ])
  }, 60_000)
})
