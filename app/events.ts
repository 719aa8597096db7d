import type { FastifyBaseLogger } from 'fastify'
import type { AdapterRegistry } from '../adapters/registry.js'
import type { CallbackEndpoint } from '../adapters/types.js'
import { EventSources } from '../event-sources/event-sources.js'
import { InProcessWatchSchedule } from '../event-sources/schedule/in-process-schedule.js'
import type { WatchSchedule } from '../event-sources/schedule/types.js'
import { callbackPath, callbackSigningKey, callbackToken } from '../src/events/callback-token.js'
import { ChangeRecorder } from '../src/events/change-recorder.js'
import { InProcessEventDelivery } from '../src/events/delivery/memory-delivery.js'
import { deliveryAgent } from '../src/events/delivery/send.js'
import type { EventDelivery } from '../src/events/delivery/types.js'
import type { GatewayMetrics } from '../src/metrics.js'
import type { SharedState } from '../src/state/index.js'
import { usesRedis, type Config } from './config.js'

/** How far before its watermark a poll reads again (vendor clocks, writes that land late). */
const POLL_OVERLAP_MS = 60_000
/** Missing records a walk confirms as deleted at most (a read each); the rest wait for the next walk. */
const MAX_DELETE_CHECKS = 200

/** The change events' moving parts (docs/events.md): delivery, the sources, and the schedule of their looks. */
export interface EventMachinery {
  delivery: EventDelivery
  sources: EventSources
  /**
   * The pollers' looks and the callback registrations, started by the server (a test may start it); none when
   * EVENT_POLL_SECONDS is 0 and the gateway registers no callbacks.
   */
  schedule?: WatchSchedule
  close(force?: boolean): Promise<void>
}

/**
 * BullMQ (delivery jobs, job schedulers for the pollers, registration jobs) on Redis, a single one or a Cluster;
 * timers in this process without.
 */
export async function assembleEvents(
  config: Config,
  deps: {
    state: SharedState
    registry: () => AdapterRegistry
    metrics: GatewayMetrics
    log: FastifyBaseLogger
  },
): Promise<EventMachinery> {
  const { state, metrics, log } = deps
  const policy = { allowPrivate: config.webhookAllowPrivateUrls }
  const connections = config.connections.map((connection) => connection.id)
  const reportError = (what: string) => (error: unknown) => log.warn({ err: error }, what)
  const deliveryDeps = {
    log: state.events,
    store: state.subscriptions,
    dispatcher: deliveryAgent(policy),
    policy,
    connections,
    onAttempt: metrics.countEventDelivery,
    onError: reportError('event delivery failed'),
  }
  const queues = usesRedis(config.store) ? await bullMq(config.store) : undefined
  const delivery = queues
    ? new queues.BullMqEventDelivery({ ...deliveryDeps, ...queues.options })
    : new InProcessEventDelivery(deliveryDeps)
  const sources = new EventSources({
    adapters: () => deps.registry().list(),
    store: state.eventWatch,
    recorder: new ChangeRecorder({ log: state.events, watch: state.eventWatch, delivery, metrics }),
    settings: {
      overlapMs: POLL_OVERLAP_MS,
      maxDeleteChecks: MAX_DELETE_CHECKS,
      reconcileMs: config.eventReconcileMinutes * 60_000,
      pollMs: config.eventPollSeconds * 1000,
      callbacks: config.eventCallbackSecret !== undefined,
      // The limiter's horizon: how far ahead a turn may be reserved (app/build-app.ts, the Redis state's horizonMs).
      shareWaitMs: Math.max(config.vendorHttp.rateLimitMaxWaitMs, config.vendorHttp.retryBudgetMs),
      vendorShare: config.eventVendorShare,
      now: () => new Date(),
    },
    log,
  })
  const pollMs = config.eventPollSeconds * 1000
  const onError = (error: unknown) =>
    log.warn({ err: error }, 'an event schedule job failed (a look or a callback registration)')
  const callbackEndpointOf = callbackEndpointsOf(config)
  const scheduled = { pollMs, onError, callbackEndpointOf }
  const schedule =
    pollMs === 0 && !callbackEndpointOf
      ? undefined
      : queues
        ? new queues.BullMqWatchSchedule(sources, { ...queues.options, ...scheduled })
        : new InProcessWatchSchedule(sources, scheduled)
  metrics.watchPollerLag(async () => {
    const now = Date.now()
    // A store that does not answer leaves the gauge empty rather than failing the whole scrape.
    const marks = await state.eventWatch.marks().catch(() => [])
    return marks
      .filter(({ mark }) => mark.polledAt !== undefined)
      .map(({ connection, resource, mark }) => ({
        connection,
        resource,
        seconds: (now - Date.parse(mark.polledAt!)) / 1000,
      }))
  })
  return {
    delivery,
    sources,
    schedule,
    async close(force = false) {
      // The vendor calls of looks and callback re-reads in flight stop: what they found is found again later.
      sources.stop()
      await schedule?.close(force)
      await delivery.close(force)
      await queues?.connection.close()
      await deliveryDeps.dispatcher.close()
    },
  }
}

/**
 * Each connection's callback endpoint (its URL, and the key a vendor that signs is given), when the gateway takes
 * callbacks (EVENT_CALLBACK_SECRET) and knows its address.
 */
export function callbackEndpointsOf(config: Pick<Config, 'eventCallbackSecret' | 'publicUrl'>) {
  const { eventCallbackSecret: secret, publicUrl } = config
  if (!secret || !publicUrl) return undefined
  return (connection: string): CallbackEndpoint => ({
    url: `${publicUrl}${callbackPath(connection, callbackToken(secret, connection))}`,
    signingKey: callbackSigningKey(secret, connection),
  })
}

/** Each connection's callback URL alone (the emulators that stand for an administrator's setup in a vendor's UI). */
export function callbackUrlsOf(config: Pick<Config, 'eventCallbackSecret' | 'publicUrl'>) {
  const endpointOf = callbackEndpointsOf(config)
  return endpointOf && ((connection: string) => endpointOf(connection).url)
}

/** BullMQ is loaded only with Redis: a process on the memory store never carries it. */
async function bullMq(store: Config['store']) {
  const [{ BullMqEventDelivery, deliveryQueueConnection, deliveryQueuePrefix }, { BullMqWatchSchedule }] =
    await Promise.all([
      import('../src/events/delivery/bullmq-delivery.js'),
      import('../event-sources/schedule/bullmq-schedule.js'),
    ])
  const connection = deliveryQueueConnection(store)
  return {
    BullMqEventDelivery,
    BullMqWatchSchedule,
    connection,
    options: { connection: connection.options, prefix: deliveryQueuePrefix(store.keyPrefix) },
  }
}
