const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * Parses `2019-02-25` (midnight UTC) or an ISO 8601 date-time (no zone means UTC) to epoch milliseconds.
 * Impossible calendar values (2025-02-30, 25:00) are rejected rather than rolled over.
 */
export function parseVendorDate(text: string): number | undefined {
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
