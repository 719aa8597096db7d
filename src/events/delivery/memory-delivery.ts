import type { ChangeEvent } from '../../canonical/event.js'
import type { Subscription } from '../../canonical/subscription.js'
import { deliverNext, disableAfterRetries, wants, type DeliveryDeps } from './deliver-next.js'
import { RETRY_SCHEDULE_MS, retryDelay } from './schedule.js'
import type { EventDelivery } from './types.js'

/** Timers the process uses, injectable so tests run the retry schedule on a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface InProcessDeliveryOptions extends DeliveryDeps {
  /** Every configured connection: a subscription naming none wants them all. */
  connections: readonly string[]
  schedule?: readonly number[]
  timers?: Timers
  onError?: (error: unknown) => void
}

interface Lane {
  running: boolean
  /** Asked again while running: look once more when done. */
  again: boolean
  failures: number
  retryTimer?: unknown
}

/** The subscriptions' deliveries of a connection's events, queued for delivery after `events` were appended. */
export function lanesFor(
  subscriptions: readonly Subscription[],
  events: readonly ChangeEvent[],
): Array<{ subscription: string; connection: string }> {
  const lanes = new Map<string, { subscription: string; connection: string }>()
  for (const event of events)
    for (const subscription of subscriptions)
      if (wants(subscription, event))
        lanes.set(`${subscription.id}\n${event.connection}`, {
          subscription: subscription.id,
          connection: event.connection,
        })
  return [...lanes.values()]
}

/**
 * Delivery without Redis (one process): one lane per subscription and connection, each delivering its events one
 * at a time, in order, and waiting out the retry schedule on a timer after a failure.
 */
export class InProcessEventDelivery implements EventDelivery {
  readonly #lanes = new Map<string, Lane>()
  readonly #timers: Timers
  readonly #schedule: readonly number[]
  #closed = false

  constructor(private readonly options: InProcessDeliveryOptions) {
    this.#timers = options.timers ?? {
      setTimeout,
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    }
    this.#schedule = options.schedule ?? RETRY_SCHEDULE_MS
  }

  async notifyAppended(events: readonly ChangeEvent[]): Promise<void> {
    for (const lane of lanesFor(await this.options.store.list(), events))
      this.#kick(lane.subscription, lane.connection)
  }

  async resume(subscription: Subscription): Promise<void> {
    for (const connection of subscription.connections ?? this.options.connections) {
      const lane = this.#lanes.get(`${subscription.id}\n${connection}`)
      if (lane?.retryTimer !== undefined) this.#timers.clearTimeout(lane.retryTimer)
      if (lane) Object.assign(lane, { retryTimer: undefined, failures: 0 })
      this.#kick(subscription.id, connection)
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const lane of this.#lanes.values())
      if (lane.retryTimer !== undefined) this.#timers.clearTimeout(lane.retryTimer)
  }

  #kick(subscription: string, connection: string): void {
    const key = `${subscription}\n${connection}`
    const lane = this.#lanes.get(key) ?? { running: false, again: false, failures: 0 }
    this.#lanes.set(key, lane)
    // A lane waiting out a failure keeps waiting: a later event must not overtake the one that failed.
    if (lane.retryTimer !== undefined || this.#closed) return
    if (lane.running) {
      lane.again = true
      return
    }
    void this.#run(lane, subscription, connection)
  }

  async #run(lane: Lane, subscription: string, connection: string): Promise<void> {
    lane.running = true
    try {
      for (;;) {
        lane.again = false
        const result = await deliverNext(this.options, subscription, connection)
        if (result === 'delivered') {
          lane.failures = 0
          continue
        }
        if (result === 'failed') this.#retryLater(lane, subscription, connection)
        if (result !== 'idle' || !lane.again || this.#closed) break
      }
    } catch (error) {
      this.options.onError?.(error)
      this.#retryLater(lane, subscription, connection)
    } finally {
      lane.running = false
    }
  }

  #retryLater(lane: Lane, subscription: string, connection: string): void {
    lane.failures += 1
    const delay = retryDelay(this.#schedule, lane.failures)
    if (delay === undefined) {
      lane.failures = 0
      void disableAfterRetries(this.options.store, subscription).catch(this.options.onError)
      return
    }
    lane.retryTimer = this.#timers.setTimeout(() => {
      lane.retryTimer = undefined
      this.#kick(subscription, connection)
    }, delay)
  }
}
