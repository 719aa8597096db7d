import type { Random } from '../../shared/random.js'

/** "Now" for the seed: every seeded date lies before it, so the data never depends on the current time. */
export const REFERENCE_MS = Date.parse('2025-09-30T17:00:00Z')
/** Tickets go back about 18 months from the reference date. */
export const HISTORY_START_MS = Date.parse('2024-03-31T08:00:00Z')
/** The site was set up before any ticket; reference data dates from then. */
export const SITE_CREATED_MS = Date.parse('2023-11-06T09:00:00Z')

/** A whole-second instant in [startMs, endMs]: the vendor keeps no milliseconds. */
export function instantBetween(random: Random, startMs: number, endMs: number): number {
  return Math.floor((startMs + random.next() * (endMs - startMs)) / 1000) * 1000
}
