import { parseIsoDate } from '../shared/dates.js'
import type { Timestamp } from './records.js'

/**
 * Halo emits UTC date-times without a zone suffix (`2025-03-14T09:26:53.123`), the way .NET serialises a
 * DateTime of unspecified kind: the fraction loses its trailing zeros and disappears when it is zero.
 */
export function haloDateTime(timestamp: Timestamp | null): string | null {
  if (timestamp === null) return null
  const [seconds = '', fraction = ''] = timestamp.replace(/Z$/, '').split('.')
  const digits = fraction.replace(/0+$/, '')
  return digits === '' ? seconds : `${seconds}.${digits}`
}

/**
 * Epoch milliseconds from `2025-03-14`, `2025-03-14T09:26:53[.123]` (no zone: UTC, as Halo means its own
 * zone-less dates) or the same with `Z` or an offset. Impossible calendar values (2025-02-30) are rejected.
 */
export function parseHaloDate(text: string): number | undefined {
  return parseIsoDate(text.trim())
}
