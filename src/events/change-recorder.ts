import type { GatewayMetrics } from '../metrics.js'
import type { EventWatchStore } from '../state/event-watch/event-watch-store.js'
import type { ChangeKind } from '../state/event-watch/version-order.js'
import type { EventType } from '../canonical/event.js'
import type { EventDelivery } from './delivery/types.js'
import { changeEvent } from './change-event.js'
import type { DetectedChange, EventLog, LoggedEvent } from './types.js'

/**
 * Where every source hands what it found: each record's changes are admitted in the order of its versions (a stale
 * read is dropped, a second `created` becomes `updated`), the log keeps those not logged before, the subscriptions
 * wanting them are told, and the events detected are counted by source.
 */
export class ChangeRecorder {
  /** Per connection, the admission and append running: the next waits for it (below). */
  readonly #lanes = new Map<string, Promise<unknown>>()

  constructor(
    private readonly deps: {
      log: EventLog
      watch: Pick<EventWatchStore, 'admit'>
      delivery?: EventDelivery
      metrics?: GatewayMetrics
      now?: () => Date
    },
  ) {}

  async record(changes: readonly DetectedChange[]): Promise<LoggedEvent[]> {
    if (changes.length === 0) return []
    const detectedAt = this.deps.now?.() ?? new Date()
    const byConnection = groupedBy(changes, (change) => change.connection)
    const results = await Promise.all(
      [...byConnection].map(([connection, theirs]) =>
        this.#inLane(connection, () => this.#admitAndAppend(theirs, detectedAt)),
      ),
    )
    const admitted = results.flatMap((result) => result.admitted)
    const logged = results.flatMap((result) => result.logged)
    for (const { event } of logged)
      this.deps.metrics?.eventsDetected.inc({
        connection: event.connection,
        resource: event.resource.type,
        source: event.source,
      })
    // Told of every change admitted, not only those logged now: a change logged by a look whose notice then failed
    // is found again by the next look, and its subscriptions' deliveries must still be queued (queuing is idempotent).
    await this.deps.delivery?.notifyAppended(admitted.map((change) => changeEvent(change, detectedAt)))
    return logged
  }

  async #admitAndAppend(changes: readonly DetectedChange[], detectedAt: Date) {
    const admitted = await this.#admitted(changes)
    return { admitted, logged: await this.deps.log.append(admitted, detectedAt) }
  }

  /**
   * The changes in their records' version order, as the watch admits them; comments pass as they are (a comment
   * has one change, its creation).
   */
  async #admitted(changes: readonly DetectedChange[]): Promise<DetectedChange[]> {
    const kinds = new Map<DetectedChange, ChangeKind | null>()
    const byResource = groupedBy(
      changes.filter((change) => change.resource.type !== 'comment'),
      (change) => change.resource.type,
    )
    for (const [resource, theirs] of byResource) {
      const answers = await this.deps.watch.admit(
        theirs[0]!.connection,
        resource,
        theirs.map((change) => ({
          id: change.resource.id,
          version: change.occurredAt,
          kind: change.type.slice(change.type.indexOf('.') + 1) as ChangeKind,
        })),
      )
      theirs.forEach((change, index) => kinds.set(change, answers[index]!))
    }
    return changes.flatMap((change) => {
      if (!kinds.has(change)) return [change]
      const kind = kinds.get(change)
      return kind ? [{ ...change, type: `${change.resource.type}.${kind}` as EventType }] : []
    })
  }

  /**
   * Runs one connection's admissions and appends one after another in this process, so that a change admitted
   * before another is appended before it too (across replicas, the two calls of one may still interleave with
   * another's: docs/events.md).
   */
  #inLane<T>(connection: string, work: () => Promise<T>): Promise<T> {
    const before = this.#lanes.get(connection) ?? Promise.resolve()
    const running = before.then(work)
    const settled = running.catch(() => {})
    this.#lanes.set(connection, settled)
    void settled.then(() => {
      if (this.#lanes.get(connection) === settled) this.#lanes.delete(connection)
    })
    return running
  }
}

function groupedBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>()
  for (const item of items) {
    const group = groups.get(keyOf(item))
    if (group) group.push(item)
    else groups.set(keyOf(item), [item])
  }
  return groups
}
