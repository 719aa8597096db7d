import { parseIsoDate } from '../shared/dates.js'

/**
 * Parses `2019-02-25` (midnight UTC) or an ISO 8601 date-time (no zone means UTC), read as leniently as Rails
 * reads it: `T` or a space, seconds optional, white space around ignored. Impossible calendar values
 * (2025-02-30, 25:00) are rejected rather than rolled over.
 */
export function parseVendorDate(text: string): number | undefined {
  return parseIsoDate(text.trim())
}
