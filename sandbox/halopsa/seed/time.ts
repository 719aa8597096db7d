import type { Random } from '../../shared/random.js'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** The seed's "now": every seeded timestamp lies before it, whatever the real date. */
export const REFERENCE_MS = Date.parse('2025-10-31T17:00:00.000Z')

export function utc(iso: string): number {
  return Date.parse(iso)
}

/** A millisecond instant in [startMs, endMs]. */
export function instantBetween(random: Random, startMs: number, endMs: number): number {
  return startMs + Math.floor(random.next() * (endMs - startMs + 1))
}
