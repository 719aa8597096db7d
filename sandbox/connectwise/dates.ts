import { parseIsoDate } from '../shared/dates.js'
import type { Timestamp } from './records.js'

/** Stricter than ISO 8601 allows: a `T`, whole seconds, at most 7 fraction digits, a zone only as `+hh:mm`. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})?$/i

/** The vendor's format: `2025-03-04T09:15:00Z` (milliseconds dropped). */
export function formatTimestamp(ms: number): Timestamp {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Epoch milliseconds of `2024-01-01` (midnight UTC) or `2024-01-01T10:00:00` with optional fraction and
 * zone (none means UTC). Impossible calendar values (2025-02-30, 25:00:00) are rejected, not rolled over.
 */
export function parseTimestamp(text: string): number | undefined {
  return parseIsoDate(text, DATE_TIME)
}
