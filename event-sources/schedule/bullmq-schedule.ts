import { Queue, Worker, type ConnectionOptions } from 'bullmq'
import type { CallbackEndpoint } from '../../adapters/types.js'
import type { EventSources, Look } from '../event-sources.js'
import type { TopLevelResource } from '../watched-resources.js'
import { registrationRetryMs } from './registration-retry.js'
import type { WatchSchedule } from './types.js'

const LOOK_QUEUE = 'event-watch'
/**
 * Registrations have a queue and a worker of their own, one at a time: a registration's calls may wait minutes for
 * the events' share, and would otherwise hold the looks' slots (and a replica of an older version, working the look
 * queue, would take them for looks).
 */
const REGISTRATION_QUEUE = 'event-callback-registration'

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
  readonly #queue: Queue<WatchData>
  readonly #worker: Worker<WatchData, Look>
  readonly #registrations?: { queue: Queue<RegistrationData>; worker: Worker<RegistrationData> }

  constructor(
    private readonly sources: EventSources,
    private readonly options: BullMqWatchScheduleOptions,
  ) {
    const { connection, prefix } = options
    const reportError = (error: Error) => options.onError?.(error)
    this.#queue = new Queue(LOOK_QUEUE, { connection, prefix })
    this.#worker = new Worker(LOOK_QUEUE, (job) => sources.look(job.data.connection, job.data.resource), {
      connection,
      prefix,
      concurrency: options.concurrency ?? 4,
      autorun: false,
    })
    this.#queue.on('error', reportError)
    this.#worker.on('error', reportError)
    this.#worker.on('failed', (_job, error) => options.onError?.(error))
    const endpointOf = options.callbackEndpointOf
    if (endpointOf) {
      const retryMs = options.registrationRetryMs ?? registrationRetryMs
      const queue = new Queue<RegistrationData>(REGISTRATION_QUEUE, { connection, prefix })
      // The sources log a registration's failures themselves.
      const worker = new Worker<RegistrationData>(
        REGISTRATION_QUEUE,
        (job) => sources.registerCallbacks(job.data.connection, endpointOf(job.data.connection)),
        {
          connection,
          prefix,
          concurrency: 1,
          autorun: false,
          settings: { backoffStrategy: (failures, _type, error) => retryMs(failures, error) },
        },
      )
      queue.on('error', reportError)
      worker.on('error', reportError)
      this.#registrations = { queue, worker }
    }
  }

  /**
   * Schedules every watch, and removes the schedulers of watches no longer configured (a connection removed, or
   * polling turned off): they would go on running looks. Adds each connection's callback registration.
   */
  async start(): Promise<void> {
    await this.#scheduleWatches()
    const registrations = this.#registrations
    if (registrations) {
      await Promise.all(
        this.sources.registrations().map((connection) =>
          registrations.queue.add(
            'register',
            { connection },
            {
              jobId: registrationIdOf(connection),
              attempts: REGISTRATION_ATTEMPTS,
              backoff: { type: 'registration' },
              // A registration failing for good (a permission missing) is tried for years: keep one stack, not all.
              stackTraceLimit: 1,
              removeOnComplete: true,
              removeOnFail: true,
            },
          ),
        ),
      )
      void registrations.worker.run().catch((error: unknown) => this.options.onError?.(error))
    }
    void this.#worker.run().catch((error: unknown) => this.options.onError?.(error))
  }

  async close(force = false): Promise<void> {
    if (force) this.sources.stop()
    await Promise.all([this.#worker.close(force), this.#registrations?.worker.close(force)])
    await Promise.all([this.#queue.close(), this.#registrations?.queue.close()])
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
}
