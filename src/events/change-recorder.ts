import type { GatewayMetrics } from '../metrics.js'
import type { EventDelivery } from './delivery/types.js'
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
    const logged = await this.deps.log.append(changes, this.deps.now?.() ?? new Date())
    for (const { event } of logged)
      this.deps.metrics?.eventsDetected.inc({
        connection: event.connection,
        resource: event.resource.type,
        source: event.source,
      })
    if (logged.length > 0) await this.deps.delivery?.notifyAppended(logged.map(({ event }) => event))
    return logged
  }
}
