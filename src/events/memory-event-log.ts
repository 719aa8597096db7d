import type { EventType } from '../canonical/event.js'
import { changeEvent, MAX_ENTRIES_SCANNED } from './change-event.js'
import { EventCursorExpired } from './cursor-expired.js'
import { comparePositions, nextPosition, positionMs } from './log-position.js'
import type { DetectedChange, EventLog, LoggedEvent, LogPosition } from './types.js'

interface ConnectionLog {
  entries: LoggedEvent[]
  last: LogPosition | null
  /** The newest position the retention dropped: a reader before it has missed events. */
  maxDropped: LogPosition | null
}

/** The event log of one process: an array per connection, trimmed like the Redis Stream (redis-event-log.ts). */
export class MemoryEventLog implements EventLog {
  readonly #logs = new Map<string, ConnectionLog>()
  /** Event ids logged, with when (log time) each may be logged again; in the order logged. */
  readonly #seen = new Map<string, number>()

  constructor(private readonly retentionMs: number) {}

  async append(changes: readonly DetectedChange[], detectedAt: Date): Promise<LoggedEvent[]> {
    const logged: LoggedEvent[] = []
    const touched = new Set<ConnectionLog>()
    this.#forget(detectedAt.getTime())
    for (const change of changes) {
      const log = this.#logOf(change.connection)
      touched.add(log)
      const event = changeEvent(change, detectedAt)
      if (this.#seen.has(event.id)) continue
      const position = nextPosition(log.last, detectedAt.getTime())
      this.#seen.set(event.id, positionMs(position) + this.retentionMs)
      log.last = position
      log.entries.push({ position, event })
      logged.push({ position, event })
    }
    for (const log of touched) this.#trim(log, detectedAt.getTime())
    return logged
  }

  async read(
    connection: string,
    after: LogPosition | null,
    options: { limit: number; types?: readonly EventType[] },
  ): Promise<{ events: LoggedEvent[]; next: LogPosition | null }> {
    const log = this.#logs.get(connection)
    if (!log) {
      // A position in a log that is gone (expired whole, or lost with its store): what followed it is lost too.
      if (after !== null) throw new EventCursorExpired()
      return { events: [], next: null }
    }
    if (after !== null && log.maxDropped !== null && comparePositions(after, log.maxDropped) < 0) {
      throw new EventCursorExpired()
    }
    const events: LoggedEvent[] = []
    let next = after
    let index = after === null ? 0 : this.#firstAfter(log.entries, after)
    const end = Math.min(log.entries.length, index + MAX_ENTRIES_SCANNED)
    for (; index < end && events.length < options.limit; index++) {
      const entry = log.entries[index]!
      next = entry.position
      if (!options.types?.length || options.types.includes(entry.event.type)) events.push(entry)
    }
    return { events, next }
  }

  async close(): Promise<void> {}

  #logOf(connection: string): ConnectionLog {
    let log = this.#logs.get(connection)
    if (!log) {
      log = { entries: [], last: null, maxDropped: null }
      this.#logs.set(connection, log)
    }
    return log
  }

  /** Drops what is older than the retention before now (or the newest entry, if later), as XTRIM MINID does. */
  #trim(log: ConnectionLog, now: number): void {
    if (log.last === null) return
    const keepFrom = `${Math.max(now, positionMs(log.last)) - this.retentionMs}-0`
    const dropped = this.#firstAfter(log.entries, keepFrom, true)
    if (dropped === 0) return
    log.maxDropped = log.entries[dropped - 1]!.position
    log.entries.splice(0, dropped)
  }

  /** Ids whose time to be forgotten has come (the Redis keys' expiry): the oldest are first. */
  #forget(now: number): void {
    for (const [id, until] of this.#seen) {
      if (until > now) break
      this.#seen.delete(id)
    }
  }

  /** The index of the first entry after `position` (at or after it when `inclusive`): a binary search. */
  #firstAfter(entries: LoggedEvent[], position: LogPosition, inclusive = false): number {
    let low = 0
    let high = entries.length
    while (low < high) {
      const middle = (low + high) >>> 1
      const order = comparePositions(entries[middle]!.position, position)
      if (order < 0 || (order === 0 && !inclusive)) low = middle + 1
      else high = middle
    }
    return low
  }
}
