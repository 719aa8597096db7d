import type { ChangeEvent, EventType } from '../../src/canonical/event.js'
import type { DetectedChange, EventLog, LoggedEvent } from '../../src/events/types.js'

/**
 * A small EventLog honouring the interface (src/events/types.ts), for the delivery tests: positions are indexes in
 * one array per connection. The real logs and their contract are elsewhere.
 */
export class FakeEventLog implements EventLog {
  readonly #events = new Map<string, ChangeEvent[]>()
  #sequence = 0

  async append(changes: readonly DetectedChange[], detectedAt: Date): Promise<LoggedEvent[]> {
    return changes.map((change) => {
      const event: ChangeEvent = {
        ...change,
        id: `evt_${String((this.#sequence += 1)).padStart(6, '0')}`,
        detectedAt: detectedAt.toISOString(),
      }
      const events = this.#events.get(change.connection) ?? []
      this.#events.set(change.connection, [...events, event])
      return { position: String(events.length), event }
    })
  }

  async read(
    connection: string,
    after: string | null,
    options: { limit: number; types?: readonly EventType[] },
  ): Promise<{ events: LoggedEvent[]; next: string | null }> {
    const all = this.#events.get(connection) ?? []
    const events: LoggedEvent[] = []
    let index = after === null ? 0 : Number(after) + 1
    for (; index < all.length && events.length < options.limit; index += 1) {
      const event = all[index]!
      if (!options.types || options.types.includes(event.type))
        events.push({ position: String(index), event })
    }
    return { events, next: index > 0 ? String(index - 1) : after }
  }

  async close(): Promise<void> {}
}

/** A ticket change of `connection`, as a poller would report it. */
export const ticketChange = (
  connection: string,
  id: string,
  type: EventType = 'ticket.updated',
): DetectedChange => ({
  connection,
  type,
  resource: { type: 'ticket', id },
  occurredAt: '2026-12-03T10:00:00.000Z',
  data: null,
  source: 'poll',
})
