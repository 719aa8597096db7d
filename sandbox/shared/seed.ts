// Helpers the vendors' seed data share. Names, catalogues and formats stay in each vendor's `seed/`.
import type { Random } from './random.js'

/** Epoch milliseconds of an ISO 8601 literal, for the seed's fixed dates. */
export function utc(iso: string): number {
  return Date.parse(iso)
}

/** A millisecond instant in [startMs, endMs]. */
export function instantBetween(random: Random, startMs: number, endMs: number): number {
  return startMs + Math.floor(random.next() * (endMs - startMs + 1))
}

/** `email`, or `local2@domain`, `local3@domain`… when it is taken; records the one returned as taken. */
export function uniqueEmail(taken: Set<string>, email: string): string {
  const [local, domain] = email.split('@') as [string, string]
  let candidate = email
  for (let n = 2; taken.has(candidate); n++) candidate = `${local}${n}@${domain}`
  taken.add(candidate)
  return candidate
}
