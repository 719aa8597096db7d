import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq'
import type { CallbackEndpoint } from '../../adapters/types.js'
import type { EventSources, Look } from '../event-sources.js'
import type { TopLevelResource } from '../watched-resources.js'
import { registrationRetryMs } from './registration-retry.js'
import type { WatchSchedule } from './types.js'

const QUEUE = 'event-watch'

interface WatchData {
  connection: string
  resource: TopLevelResource
}

/** A connection's callback registration: its name only (the endpoint holds a key: job data is clear text). */
interface RegistrationData {
  connection: string
}

const schedulerIdOf = (watch: WatchData) => `${watch.connection}.${watch.resource}`
const registrationIdOf = (connection: string) => `register.${connection}`

/** Tries of a registration at most: at the longest backoff (half an hour), years, so until it succeeds. */
const REGISTRATION_ATTEMPTS = 100_000

export interface BullMqWatchScheduleOptions {
  /** The time between a watch's looks; 0: no looks. */
  pollMs: number
  /** BullMQ's own Redis connection (src/events/delivery/bullmq-delivery.ts, deliveryQueueConnection). */
  connection: ConnectionOptions
  prefix: string
  /** Looks one replica runs at once. */
  concurrency?: number
  onError?: (error: unknown) => void
  /** Each connection's callback endpoint, when the gateway registers its callbacks at the vendors. */
  callbackEndpointOf?: (connection: string) => CallbackEndpoint
  /** How long after its nth failure a registration is tried again. */
  registrationRetryMs?: (failures: number, error: unknown) => number
}

/**
 * The schedule across replicas: one BullMQ job scheduler per connection and resource (its id names them), which
 * every replica upserts at start and BullMQ runs on one worker at a time. A look still running when the next
 * comes due finds its lease held and skips (BullMQ queues the next run as a run starts). Each connection's callback
 * registration is a job (its id names the connection, so the replicas starting together add one) that BullMQ
 * retries with backoff until it succeeds.
 */
export class BullMqWatchSchedule implements WatchSchedule {
  readonly #queue: Queue<WatchData | RegistrationData>
  readonly #worker: Worker<WatchData | RegistrationData, Look | undefined>

  constructor(
    private readonly sources: EventSources,
    private readonly options: BullMqWatchScheduleOptions,
  ) {
    const { connection, prefix } = options
    const retryMs = options.registrationRetryMs ?? registrationRetryMs
    this.#queue = new Queue(QUEUE, { connection, prefix })
    this.#worker = new Worker(QUEUE, (job) => this.#run(job), {
      connection,
      prefix,
      concurrency: options.concurrency ?? 4,
      autorun: false,
      settings: { backoffStrategy: (failures, _type, error) => retryMs(failures, error) },
    })
    const reportError = (error: Error) => options.onError?.(error)
    this.#queue.on('error', reportError)
    this.#worker.on('error', reportError)
    // The sources log a registration's failures themselves.
    this.#worker.on('failed', (job, error) => {
      if (job?.name !== 'register') options.onError?.(error)
    })
  }

  /**
   * Schedules every watch, and removes the schedulers of watches no longer configured (a connection removed, or
   * polling turned off): they would go on running looks. Adds each connection's callback registration.
   */
  async start(): Promise<void> {
    await this.#scheduleWatches()
    if (this.options.callbackEndpointOf)
      await Promise.all(
        this.sources.registrations().map((connection) =>
          this.#queue.add(
            'register',
            { connection },
            {
              jobId: registrationIdOf(connection),
              attempts: REGISTRATION_ATTEMPTS,
              backoff: { type: 'registration' },
              removeOnComplete: true,
              removeOnFail: true,
            },
          ),
        ),
      )
    void this.#worker.run().catch((error: unknown) => this.options.onError?.(error))
  }

  async close(force = false): Promise<void> {
    if (force) this.sources.stop()
    await this.#worker.close(force)
    await this.#queue.close()
  }

  async #scheduleWatches() {
    const watches = this.options.pollMs > 0 ? this.sources.watches() : []
    const ids = new Set(watches.map((watch) => schedulerIdOf(watch)))
    const stale = (await this.#queue.getJobSchedulers()).filter((scheduler) => !ids.has(scheduler.key))
    await Promise.all(stale.map((scheduler) => this.#queue.removeJobScheduler(scheduler.key)))
    await Promise.all(
      watches.map((watch) =>
        this.#queue.upsertJobScheduler(
          schedulerIdOf(watch),
          { every: this.options.pollMs },
          { name: 'look', data: watch, opts: { removeOnComplete: true, removeOnFail: true } },
        ),
      ),
    )
  }

  async #run(job: Job<WatchData | RegistrationData>): Promise<Look | undefined> {
    const { connection } = job.data
    if (job.name !== 'register') return this.sources.look(connection, (job.data as WatchData).resource)
    const endpointOf = this.options.callbackEndpointOf
    if (endpointOf) await this.sources.registerCallbacks(connection, endpointOf(connection))
    return undefined
  }
}
