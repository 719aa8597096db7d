import type { EventSources } from '../event-sources.js'
import type { WatchSchedule } from './types.js'

/**
 * The schedule of one process (no Redis): a timer per watch, the next look `pollMs` after the last one ended (a
 * look that fails is logged and the next comes as usual).
 */
export class InProcessWatchSchedule implements WatchSchedule {
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #running = new Set<Promise<unknown>>()
  #closed = false

  constructor(
    private readonly sources: EventSources,
    private readonly pollMs: number,
    private readonly onError: (error: unknown, watch: { connection: string; resource: string }) => void,
  ) {}

  async start(): Promise<void> {
    for (const watch of this.sources.watches()) this.#lookThenWait(watch)
  }

  async close(force = false): Promise<void> {
    this.#closed = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    if (force) this.sources.stop()
    await Promise.allSettled(this.#running)
  }

  #lookThenWait(watch: ReturnType<EventSources['watches']>[number]) {
    if (this.#closed) return
    const running = this.sources
      .look(watch.connection, watch.resource)
      .catch((error: unknown) => this.onError(error, watch))
      .finally(() => {
        this.#running.delete(running)
        if (this.#closed) return
        const timer = setTimeout(() => {
          this.#timers.delete(timer)
          this.#lookThenWait(watch)
        }, this.pollMs).unref()
        this.#timers.add(timer)
      })
    this.#running.add(running)
  }
}
