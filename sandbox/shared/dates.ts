// Date parsing and formatting every emulator needs. What a vendor writes or accepts its own way (Halo's
// zone-less date-times, ConnectWise's whole seconds) stays in that vendor's `dates.ts`.

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** `2025-03-14`: a calendar date, read as midnight UTC. */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * An ISO 8601 date-time read leniently: `T` or a space before the time, seconds and a fraction optional, the zone
 * `Z`, `+01:00`, `+0100` or none (UTC), white space allowed before it.
 */
export const LENIENT_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/** ISO 8601 in UTC with milliseconds, `2025-03-14T09:26:53.123Z`: how the emulators store an instant. */
export function toTimestamp(ms: number): string {
  return new Date(ms).toISOString()
}

/**
 * Epoch milliseconds of `2025-03-14` (midnight UTC) or of a date-time that `dateTime` matches. Its groups are,
 * in order: year, month, day, hour, minute, then optionally the second, the fraction (with its dot) and the
 * zone; no zone means UTC. The fraction counts to the millisecond. Impossible calendar values (2025-02-30,
 * 25:00) are rejected rather than rolled over. The text is taken as it is: a caller that allows white space
 * around it trims it first.
 */
export function parseIsoDate(text: string, dateTime: RegExp = LENIENT_DATE_TIME): number | undefined {
  const date = DATE_ONLY.exec(text)
  if (date) return utcMs(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, 0, 0)
  const match = dateTime.exec(text)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone = 'Z'] = match
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

/** `Z`, `+01:00` or `-0130`. */
function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
}
