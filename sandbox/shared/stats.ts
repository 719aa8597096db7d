/** A request the rate limit let through (it counts toward the vendor quota), with its arrival time. */
export interface AcceptedRequest {
  at: number
  method: string
  path: string
  /** The raw query string, the part after `?` (`''` when there is none). */
  query?: string
  /** The raw body, where the vendor takes a list's query in it (Autotask's `POST /{Entity}/query`). */
  body?: string
}

/** The accepted log keeps the latest entries only, so a long-running sandbox does not grow without bound. */
const ACCEPTED_LOG_SIZE = 10_000

export interface EmulatorStats {
  requests: number
  rateLimited: number
  /** The latest requests the rate limit let through, oldest first (path after the API prefix). */
  accepted: AcceptedRequest[]
  /** Requests per route, keyed like `GET /tickets/:id`; requests matching no route count as `GET (no route)`. */
  byRoute: Record<string, number>
  /** Callback (webhook) POSTs the emulator made, and how many of them got no 2xx answer. */
  callbacks: { sent: number; failed: number }
}

export function createStats(): EmulatorStats {
  return { requests: 0, rateLimited: 0, accepted: [], byRoute: {}, callbacks: { sent: 0, failed: 0 } }
}

export function countRequest(stats: EmulatorStats, routeKey: string): void {
  stats.requests++
  stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1
}

/** Resets in place, so a reference a test holds stays live. */
export function resetStats(stats: EmulatorStats): void {
  stats.requests = 0
  stats.rateLimited = 0
  stats.accepted.length = 0
  for (const key of Object.keys(stats.byRoute)) delete stats.byRoute[key]
  stats.callbacks.sent = 0
  stats.callbacks.failed = 0
}

export function recordAccepted(stats: EmulatorStats, request: AcceptedRequest): void {
  stats.accepted.push(request)
  if (stats.accepted.length > ACCEPTED_LOG_SIZE)
    stats.accepted.splice(0, stats.accepted.length - ACCEPTED_LOG_SIZE)
}
