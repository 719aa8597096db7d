import type { Timestamp } from './records.js'

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
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
  const date = DATE_ONLY.exec(text)
  if (date) return utcMs(date.slice(1, 4).map(Number), [0, 0, 0])
  const dateTime = DATE_TIME.exec(text)
  if (!dateTime) return undefined
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = dateTime
  const ms = utcMs([year, month, day].map(Number), [hour, minute, second].map(Number))
  if (ms === undefined) return undefined
  return ms + Math.floor(Number(`0${fraction || '.0'}`) * 1000) - zoneOffsetMs(zone)
}

function utcMs([year = 0, month = 0, day = 0]: number[], [hour = 0, minute = 0, second = 0]: number[]) {
  const value = Date.UTC(year, month - 1, day, hour, minute, second)
  const check = new Date(value)
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second
  return valid ? value : undefined
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000
}
