import type { GatewayMetrics } from '../metrics.js'
import type { EventDelivery } from './delivery/types.js'
import { changeEvent } from './change-event.js'
import type { DetectedChange, EventLog, LoggedEvent } from './types.js'

/**
 * Where every source hands what it found: the log keeps the changes not logged before, the subscriptions wanting
 * them are told, and the events detected are counted by source.
 */
export class ChangeRecorder {
  constructor(
    private readonly deps: {
      log: EventLog
      delivery?: EventDelivery
      metrics?: GatewayMetrics
      now?: () => Date
    },
  ) {}

  async record(changes: readonly DetectedChange[]): Promise<LoggedEvent[]> {
    if (changes.length === 0) return []
    const detectedAt = this.deps.now?.() ?? new Date()
    const logged = await this.deps.log.append(changes, detectedAt)
    for (const { event } of logged)
      this.deps.metrics?.eventsDetected.inc({
        connection: event.connection,
        resource: event.resource.type,
        source: event.source,
      })
    // Told of every change, not only those logged now: a change logged by a look whose notice then failed is found
    // again by the next look, and its subscriptions' deliveries must still be queued (queuing is idempotent).
    await this.deps.delivery?.notifyAppended(changes.map((change) => changeEvent(change, detectedAt)))
    return logged
  }
}
