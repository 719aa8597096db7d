import type { Random } from '../../shared/random.js'
import type { Timestamp } from '../records.js'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

export function utc(iso: string): number {
  return Date.parse(iso)
}

export function timestamp(ms: number): Timestamp {
  return new Date(ms).toISOString()
}

/** A millisecond instant in [startMs, endMs]. */
export function instantBetween(random: Random, startMs: number, endMs: number): number {
  return startMs + Math.floor(random.next() * (endMs - startMs + 1))
}
