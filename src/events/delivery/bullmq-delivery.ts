import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq'
import { Cluster } from 'ioredis'
import type { ChangeEvent } from '../../canonical/event.js'
import type { Subscription } from '../../canonical/subscription.js'
import { addressOf, clusterSeeds, credentialsOf } from '../../state/redis/addresses.js'
import type { RedisSettings } from '../../state/redis/connection.js'
import { deliverNext, disableAfterRetries, type DeliveryDeps } from './deliver-next.js'
import { lanesFor } from './memory-delivery.js'
import { RETRY_SCHEDULE_MS, retryDelay } from './schedule.js'
import type { EventDelivery } from './types.js'

const QUEUE = 'event-delivery'

interface LaneData {
  subscription: string
  connection: string
}

/** What a job's run ended with: `more` asks for the job again at once (see `#process`). */
type RunResult = 'idle' | 'gone' | 'more' | 'disabled'

export interface BullMqDeliveryOptions extends DeliveryDeps {
  /** Every configured connection: a subscription naming none wants them all. */
  connections: readonly string[]
  /**
   * BullMQ's own Redis connection: a blocking worker needs `maxRetriesPerRequest: null` and no command timeout,
   * so never the store's client (deliveryQueueConnection builds it, `.options`).
   */
  connection: ConnectionOptions
  /** BullMQ's key prefix, a hash tag so a Redis Cluster keeps a queue's keys in one slot (deliveryQueuePrefix). */
  prefix: string
  schedule?: readonly number[]
  /** BullMQ's job lock and stalled-job check: a replica that dies loses its job to another after about this long. */
  lockDurationMs?: number
  stalledIntervalMs?: number
  onError?: (error: unknown) => void
}

/** BullMQ's Redis connection (a single Redis or a Cluster), and how to close what BullMQ leaves open. */
export interface DeliveryQueueConnection {
  /** What every BullMQ queue and worker of the gateway is given. */
  options: ConnectionOptions
  /** After the queues and workers are closed. */
  close(): Promise<void>
}

/**
 * BullMQ's connection to the store's Redis. For a single Redis, options: BullMQ opens and closes its connections.
 * For a Cluster, one `Cluster` client the queues and workers share (BullMQ never closes a client it is given, so
 * `close` does); each worker duplicates it for its blocking reads and closes that copy itself. A blocking read must
 * not fail for want of retries: `maxRetriesPerRequest: null` (BullMQ refuses a copy without it), no command timeout.
 */
export function deliveryQueueConnection(
  store: Pick<RedisSettings, 'redisUrl' | 'clusterNodes'>,
): DeliveryQueueConnection {
  if (store.clusterNodes?.length) {
    const { startupNodes, nodeOptions } = clusterSeeds(store.clusterNodes)
    const cluster = new Cluster(startupNodes, {
      redisOptions: { ...nodeOptions, maxRetriesPerRequest: null },
    })
    // The queues report its errors while they run; without a listener ioredis would print those after.
    cluster.on('error', () => {})
    return {
      options: cluster,
      close: async () => {
        try {
          await cluster.quit()
        } catch {
          cluster.disconnect()
        }
      },
    }
  }
  const url = new URL(store.redisUrl ?? 'redis://127.0.0.1:6379')
  return {
    options: {
      ...addressOf(url),
      ...credentialsOf(url),
      db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
      maxRetriesPerRequest: null,
    },
    close: async () => {},
  }
}

/** `psagw:` becomes `{psagw}`: BullMQ adds its own colons, and the braces are a Redis Cluster hash tag. */
export const deliveryQueuePrefix = (keyPrefix: string) => `{${keyPrefix.replace(/:+$/, '')}}`

/**
 * Delivery across replicas: one BullMQ job per subscription and connection (its id says which, so at most one is
 * queued), given to one worker at a time; it delivers that connection's events in order and is retried on the
 * Standard Webhooks schedule (a custom backoff). A replica that dies mid-delivery loses the job's lock, and another
 * delivers the event again: at least once.
 */
export class BullMqEventDelivery implements EventDelivery {
  readonly #queue: Queue<LaneData>
  readonly #worker: Worker<LaneData, RunResult>
  readonly #schedule: readonly number[]

  constructor(private readonly options: BullMqDeliveryOptions) {
    this.#schedule = options.schedule ?? RETRY_SCHEDULE_MS
    const { connection, prefix } = options
    this.#queue = new Queue<LaneData>(QUEUE, { connection, prefix })
    this.#worker = new Worker<LaneData, RunResult>(QUEUE, (job) => this.#process(job), {
      connection,
      prefix,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
      // A job of a replica that died is handed on; failing it instead would stop its lane until the next event.
      maxStalledCount: 10,
      settings: { backoffStrategy: (attemptsMade) => retryDelay(this.#schedule, attemptsMade) ?? -1 },
    })
    this.#worker.on(
      'completed',
      (job, result) => void this.#afterRun(job.data, result).catch(options.onError),
    )
    const reportError = (error: Error) => options.onError?.(error)
    this.#queue.on('error', reportError)
    this.#worker.on('error', reportError)
  }

  async notifyAppended(events: readonly ChangeEvent[]): Promise<void> {
    await Promise.all(lanesFor(await this.options.store.list(), events).map((lane) => this.#queueLane(lane)))
  }

  async resume(subscription: Subscription): Promise<void> {
    await Promise.all(
      (subscription.connections ?? this.options.connections).map((connection) =>
        this.#queueLane({ subscription: subscription.id, connection }),
      ),
    )
  }

  /**
   * Stops taking jobs and waits for the one running (a replica shutting down); `force` does not wait (the grace
   * period is over): the job's lock runs out and another replica delivers its event again.
   */
  async close(force = false): Promise<void> {
    await this.#worker.close(force)
    await this.#queue.close()
  }

  /** While a job of the lane exists (queued, delayed for a retry, running), BullMQ ignores another with its id. */
  #queueLane(lane: LaneData) {
    return this.#queue.add('deliver', lane, {
      jobId: `${lane.subscription}.${lane.connection}`,
      attempts: this.#schedule.length + 1,
      backoff: { type: 'custom' },
      removeOnComplete: true,
      removeOnFail: true,
    })
  }

  async #process(job: Job<LaneData, RunResult>): Promise<RunResult> {
    const { subscription, connection } = job.data
    for (;;) {
      const result = await deliverNext(this.options, subscription, connection)
      if (result === 'delivered') {
        // After retries the job's attempt count is spent in part: a fresh job starts the schedule over.
        if (job.attemptsMade > 0) return 'more'
        continue
      }
      if (result === 'failed') {
        if (job.attemptsMade + 1 < (job.opts.attempts ?? 1))
          throw new Error('the receiver did not take the event')
        await disableAfterRetries(this.options.store, subscription)
        return 'disabled'
      }
      return result
    }
  }

  /**
   * An event appended while the job was running was not queued (its id was taken): the job is gone now, so a look
   * at the log finds it. `more` queues the job again anyway.
   */
  async #afterRun(lane: LaneData, result: RunResult): Promise<void> {
    if (result === 'more' || (result === 'idle' && (await this.#pending(lane)))) await this.#queueLane(lane)
  }

  async #pending({ subscription, connection }: LaneData): Promise<boolean> {
    const kept = await this.options.store.get(subscription)
    if (!kept?.enabled) return false
    const after = (await this.options.store.position(subscription, connection)) ?? null
    const { events, next } = await this.options.log.read(connection, after, {
      limit: 1,
      types: kept.types ?? undefined,
    })
    // None it wants among the entries one read scans, but entries past its position: the job looks further.
    return events.length > 0 || (next !== null && next !== after)
  }
}
