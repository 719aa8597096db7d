import { createHash } from 'node:crypto'
import type { ChangeEvent } from '../canonical/event.js'
import type { DetectedChange } from './types.js'

/** 80 bits of the hash: 16 base32 characters. */
const ID_BITS = 80

/**
 * The id of a change: the same for every source that saw the same version of the same record (docs/events.md),
 * so the log keeps one event per change. A delete's version is `deleted`: when each source found it gone differs.
 */
export function eventIdOf(change: DetectedChange): string {
  const version = change.type.endsWith('.deleted') ? 'deleted' : change.occurredAt
  const digest = createHash('sha256')
    .update(JSON.stringify([change.connection, change.resource.type, change.resource.id, version]))
    .digest('hex')
  // BigInt's radix 32 is base32hex (RFC 4648, lower case): 0-9 then a-v.
  const bits = BigInt(`0x${digest}`) >> BigInt(256 - ID_BITS)
  return `evt_${bits.toString(32).padStart(ID_BITS / 5, '0')}`
}

export function changeEvent(change: DetectedChange, detectedAt: Date): ChangeEvent {
  return {
    id: eventIdOf(change),
    type: change.type,
    connection: change.connection,
    occurredAt: change.occurredAt,
    detectedAt: detectedAt.toISOString(),
    resource: { type: change.resource.type, id: change.resource.id },
    data: change.data,
    source: change.source,
  }
}

/** The retention when EVENT_RETENTION_HOURS does not say: a week. */
export const DEFAULT_EVENT_RETENTION_HOURS = 168

/** The most entries one read looks at, matching or not: a read skipping a long run of other types stays short. */
export const MAX_ENTRIES_SCANNED = 10_000
