import { Queue, Worker, type ConnectionOptions } from 'bullmq'
import type { EventSources, Look } from '../event-sources.js'
import type { TopLevelResource } from '../watched-resources.js'
import type { WatchSchedule } from './types.js'

const QUEUE = 'event-watch'

interface WatchData {
  connection: string
  resource: TopLevelResource
}

const schedulerIdOf = (watch: WatchData) => `${watch.connection}.${watch.resource}`

export interface BullMqWatchScheduleOptions {
  pollMs: number
  /** BullMQ's own Redis connection (src/events/delivery/bullmq-delivery.ts, deliveryQueueConnection). */
  connection: ConnectionOptions
  prefix: string
  /** Looks one replica runs at once. */
  concurrency?: number
  onError?: (error: unknown) => void
}

/**
 * The schedule across replicas: one BullMQ job scheduler per connection and resource (its id names them), which
 * every replica upserts at start and BullMQ runs on one worker at a time. A look still running when the next
 * comes due finds its lease held and skips (BullMQ queues the next run as a run starts).
 */
export class BullMqWatchSchedule implements WatchSchedule {
  readonly #queue: Queue<WatchData>
  readonly #worker: Worker<WatchData, Look>

  constructor(
    private readonly sources: EventSources,
    private readonly options: BullMqWatchScheduleOptions,
  ) {
    const { connection, prefix } = options
    this.#queue = new Queue<WatchData>(QUEUE, { connection, prefix })
    this.#worker = new Worker<WatchData, Look>(
      QUEUE,
      (job) => this.sources.look(job.data.connection, job.data.resource),
      { connection, prefix, concurrency: options.concurrency ?? 4, autorun: false },
    )
    const reportError = (error: Error) => options.onError?.(error)
    this.#queue.on('error', reportError)
    this.#worker.on('error', reportError)
    this.#worker.on('failed', (_job, error) => options.onError?.(error))
  }

  /**
   * Schedules every watch, and removes the schedulers of watches no longer configured (a connection removed): they
   * would go on running looks that find nothing to look at.
   */
  async start(): Promise<void> {
    const watches = this.sources.watches()
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
    void this.#worker.run().catch((error: unknown) => this.options.onError?.(error))
  }

  async close(force = false): Promise<void> {
    if (force) this.sources.stop()
    await this.#worker.close(force)
    await this.#queue.close()
  }
}
