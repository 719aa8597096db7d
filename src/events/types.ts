import type { ChangeEvent, EventResource, EventSource, EventType } from '../canonical/event.js'

/** A change a source found: one record, one version of it. */
export interface DetectedChange {
  connection: string
  type: EventType
  resource: { type: EventResource; id: string }
  /** Vendor time (ISO 8601): the record's updatedAt (a comment's createdAt); for a delete, when it was found. */
  occurredAt: string
  /** The canonical record as re-read; null for a delete. */
  data: ChangeEvent['data']
  source: EventSource
}

/** Where a reader is in a connection's log: opaque outside the log (a Redis Stream entry id, or an index). */
export type LogPosition = string

export interface LoggedEvent {
  position: LogPosition
  event: ChangeEvent
}

/**
 * The events of every connection, each connection's in the order they were appended, kept for the retention
 * (docs/events.md). A Redis Stream per connection, or memory in one process; the same contract tests for both.
 */
export interface EventLog {
  /**
   * Logs the changes not logged before (a change is identified by connection, resource type and id, and the
   * version: `occurredAt` and whether it is a delete), with `detectedAt`; answers those logged now, in order.
   * Calls for one connection may come from several replicas at once: a change is logged once whatever the race.
   */
  append(changes: readonly DetectedChange[], detectedAt: Date): Promise<LoggedEvent[]>
  /**
   * Up to `limit` events of `connection` after `after` (null: from the oldest kept), of `types` only when given;
   * `next` is where to read from next (past the events skipped by `types` too). Throws `EventCursorExpired`
   * (410 `cursor_expired`) when events after `after` were trimmed by the retention.
   */
  read(
    connection: string,
    after: LogPosition | null,
    options: { limit: number; types?: readonly EventType[] },
  ): Promise<{ events: LoggedEvent[]; next: LogPosition | null }>
  close(): Promise<void>
}
