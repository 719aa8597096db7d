import type { EventType } from '../canonical/event.js'
import type { RedisConnection } from '../state/redis/connection.js'
import { changeEvent, MAX_ENTRIES_SCANNED } from './change-event.js'
import { EventCursorExpired } from './cursor-expired.js'
import type { DetectedChange, EventLog, LoggedEvent, LogPosition } from './types.js'
import type { ChangeEvent } from '../canonical/event.js'

/**
 * The event log every replica shares: a Redis Stream per connection, appended and read by Lua scripts
 * (src/state/redis/scripts.ts), so that checking a change's id and logging it cannot interleave with another
 * replica's append. No in-process fallback: a replica that logged alone would hand out positions no other one
 * knows; its errors reach the caller. Needs Redis 6.2 (XADD and XTRIM with MINID, exclusive XRANGE).
 */
export class RedisEventLog implements EventLog {
  constructor(
    private readonly redis: RedisConnection,
    private readonly retentionMs: number,
  ) {}

  async append(changes: readonly DetectedChange[], detectedAt: Date): Promise<LoggedEvent[]> {
    const byConnection = new Map<string, ChangeEvent[]>()
    for (const change of changes) {
      const events = byConnection.get(change.connection) ?? []
      events.push(changeEvent(change, detectedAt))
      byConnection.set(change.connection, events)
    }
    const logged: LoggedEvent[] = []
    for (const [connection, events] of byConnection) {
      const keys = this.redis.keys
      const positions = await this.redis.client.psagwEventsAppend(
        2 + events.length,
        keys.events(connection),
        keys.eventsTrimmed(connection),
        ...events.map((event) => keys.eventLogged(connection, event.id)),
        detectedAt.getTime(),
        this.retentionMs,
        ...events.flatMap((event) => [event.type, JSON.stringify(event)]),
      )
      events.forEach((event, index) => {
        const position = positions[index]
        if (position) logged.push({ position, event })
      })
    }
    return logged
  }

  async read(
    connection: string,
    after: LogPosition | null,
    options: { limit: number; types?: readonly EventType[] },
  ): Promise<{ events: LoggedEvent[]; next: LogPosition | null }> {
    const [status, next, ...entries] = await this.redis.client.psagwEventsRead(
      this.redis.keys.events(connection),
      this.redis.keys.eventsTrimmed(connection),
      after ?? '',
      options.limit,
      MAX_ENTRIES_SCANNED,
      ...(options.types ?? []),
    )
    if (status === 'expired') throw new EventCursorExpired()
    const events: LoggedEvent[] = []
    for (let index = 0; index < entries.length; index += 2) {
      events.push({ position: entries[index]!, event: JSON.parse(entries[index + 1]!) as ChangeEvent })
    }
    return { events, next: next || null }
  }

  async close(): Promise<void> {}
}
