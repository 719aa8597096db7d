import type { CallbackEndpoint } from '../../adapters/types.js'
import type { EventSources } from '../event-sources.js'
import { registrationRetryMs } from './registration-retry.js'
import type { WatchSchedule } from './types.js'

export interface InProcessWatchScheduleOptions {
  /** The time between a watch's looks; 0: no looks. */
  pollMs: number
  /** A look that failed (it is logged, and the next comes as usual). */
  onError: (error: unknown, watch: { connection: string; resource: string }) => void
  /** Each connection's callback endpoint, when the gateway registers its callbacks at the vendors. */
  callbackEndpointOf?: (connection: string) => CallbackEndpoint
  /** How long after its nth failure a registration is tried again. */
  registrationRetryMs?: (failures: number, error: unknown) => number
}

/**
 * The schedule of one process (no Redis): a timer per watch, the next look `pollMs` after the last one ended (a
 * look that fails is logged and the next comes as usual); and each connection's callback registration, tried at
 * start and again after each failure, with backoff, until it succeeds.
 */
export class InProcessWatchSchedule implements WatchSchedule {
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #running = new Set<Promise<unknown>>()
  #closed = false

  constructor(
    private readonly sources: EventSources,
    private readonly options: InProcessWatchScheduleOptions,
  ) {}

  async start(): Promise<void> {
    if (this.options.pollMs > 0) for (const watch of this.sources.watches()) this.#lookThenWait(watch)
    const { callbackEndpointOf } = this.options
    if (callbackEndpointOf)
      for (const connection of this.sources.registrations())
        this.#registerUntilDone(connection, callbackEndpointOf, 1)
  }

  async close(force = false): Promise<void> {
    this.#closed = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    if (force) this.sources.stop()
    await Promise.allSettled(this.#running)
  }

  #lookThenWait(watch: ReturnType<EventSources['watches']>[number]) {
    this.#run(
      () => this.sources.look(watch.connection, watch.resource),
      (error) => this.options.onError(error, watch),
      () => this.#later(this.options.pollMs, () => this.#lookThenWait(watch)),
    )
  }

  /** The sources log a failed registration; it is tried again once the backoff has passed. */
  #registerUntilDone(
    connection: string,
    endpointOf: (connection: string) => CallbackEndpoint,
    attempt: number,
  ) {
    const retryMs = this.options.registrationRetryMs ?? registrationRetryMs
    this.#run(
      () => this.sources.registerCallbacks(connection, endpointOf(connection)),
      (error) =>
        this.#later(retryMs(attempt, error), () =>
          this.#registerUntilDone(connection, endpointOf, attempt + 1),
        ),
    )
  }

  #run(work: () => Promise<unknown>, onError: (error: unknown) => void, then?: () => void) {
    if (this.#closed) return
    const running = work()
      .catch(onError)
      .finally(() => {
        this.#running.delete(running)
        then?.()
      })
    this.#running.add(running)
  }

  #later(ms: number, next: () => void) {
    if (this.#closed) return
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      next()
    }, ms).unref()
    this.#timers.add(timer)
  }
}
