import type { ChangeEvent } from '../../canonical/event.js'
import type { Subscription } from '../../canonical/subscription.js'

/** Push delivery of change events to subscriptions (docs/events.md), on BullMQ (Redis) or in this process. */
export interface EventDelivery {
  /** Called by whatever appended `events` to the log: queues the delivery of each enabled subscription wanting them. */
  notifyAppended(events: readonly ChangeEvent[]): Promise<void>
  /** A subscription enabled again: its deliveries start from where they stopped. */
  resume(subscription: Subscription): Promise<void>
  /** Stops delivering; `force` does not wait for the attempt in flight (it is made again later: at least once). */
  close(force?: boolean): Promise<void>
}
