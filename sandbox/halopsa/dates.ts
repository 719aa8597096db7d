import type { Timestamp } from './records.js'

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

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
  const trimmed = text.trim()
  const date = DATE_ONLY.exec(trimmed)
  if (date) return utcMs(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0)
  const dateTime = DATE_TIME.exec(trimmed)
  if (!dateTime) return undefined
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = dateTime
  const ms = Math.floor(Number(`0${fraction || '.0'}`) * 1000)
  const local = utcMs(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
  )
  return local === undefined ? undefined : local - zoneOffsetMs(zone)
}

export function toTimestamp(ms: number): Timestamp {
  return new Date(ms).toISOString()
}

function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): number | undefined {
  const value = Date.UTC(year, month - 1, day, hour, minute, second, ms)
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
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
}
