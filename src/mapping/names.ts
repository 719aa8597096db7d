import type { PriorityLevel, StatusCategory } from '../canonical/common.js'

/**
 * Name-based fallbacks shared by the adapters. Vendors' own flags (a closed flag, a sort order) win over
 * these, and a connection's statusMap / priorityMap wins over both.
 */

const categoryRules: Array<[RegExp, StatusCategory]> = [
  [/\b(closed?|cancell?ed|completed?|archived)\b/i, 'closed'],
  [/\b(resolved|fixed|done|solved)\b/i, 'resolved'],
  [/\b(waiting|awaiting|pending|on hold|hold|deferred)\b/i, 'pending'],
  [/^\s*new\b/i, 'new'],
]

export function categoryFromName(name: string): StatusCategory {
  for (const [pattern, category] of categoryRules) if (pattern.test(name)) return category
  return 'open'
}

// Words first ("1 High" is high), then a leading number, bare or as "Priority 2" (1 is the most urgent).
const levelRules: Array<[RegExp, PriorityLevel]> = [
  [/\b(critical|urgent|emergency|highest|p1)\b/i, 'critical'],
  [/\b(high|p2)\b/i, 'high'],
  [/\b(low|lowest|p4|p5)\b/i, 'low'],
  [/\b(normal|medium|moderate|standard|p3)\b/i, 'medium'],
  [/^\s*(?:priority\s*)?[01]\b/i, 'critical'],
  [/^\s*(?:priority\s*)?2\b/i, 'high'],
  [/^\s*(?:priority\s*)?3\b/i, 'medium'],
  [/^\s*(?:priority\s*)?[4-9]\b/i, 'low'],
]

/** The level a priority's name states, if it states one. */
export function matchLevel(name: string): PriorityLevel | undefined {
  return levelRules.find(([pattern]) => pattern.test(name))?.[1]
}

export const levelFromName = (name: string): PriorityLevel => matchLevel(name) ?? 'medium'

/** A vendor timestamp as canonical ISO 8601 UTC; null when absent or unreadable. */
export function isoOrNull(value: string | null | undefined): string | null {
  if (!value) return null
  const canonical = writtenAsUtc(value)
  if (canonical !== undefined) return canonical
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

const UTC_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/**
 * A UTC timestamp with every field in its range, written as `toISOString` writes it but without a Date: most
 * vendor timestamps are such, and a Date round trip costs ~8 times as much (4 per ticket, 5-10% of a list's CPU).
 * Anything else (an offset, 24:00, a leap second, more digits) is undefined, for the Date round trip.
 */
function writtenAsUtc(value: string): string | undefined {
  const match = UTC_TIMESTAMP.exec(value)
  if (!match) return undefined
  const [, year, month, day, hour, minute, second, fraction = ''] = match as unknown as string[]
  const monthNumber = Number(month)
  const yearNumber = Number(year)
  const leapDay =
    monthNumber === 2 && yearNumber % 4 === 0 && (yearNumber % 100 !== 0 || yearNumber % 400 === 0) ? 1 : 0
  const inRange =
    monthNumber >= 1 &&
    monthNumber <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= DAYS_IN_MONTH[monthNumber - 1]! + leapDay &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59
  return inRange
    ? `${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.padEnd(3, '0')}Z`
    : undefined
}

/** For required timestamps: an unreadable one becomes the epoch rather than failing the whole page. */
export const isoOrEpoch = (value: string | null | undefined): string =>
  isoOrNull(value) ?? new Date(0).toISOString()

export function textOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

export const idOrNull = (value: number | string | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : String(value)
