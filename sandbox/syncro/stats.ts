export interface SyncroStats {
  requests: number
  rateLimited: number
  /** Requests per route, keyed like `GET /tickets/:id`; requests matching no route count as `GET (no route)`. */
  byRoute: Record<string, number>
}

export function createStats(): SyncroStats {
  return { requests: 0, rateLimited: 0, byRoute: {} }
}

export function countRequest(stats: SyncroStats, routeKey: string): void {
  stats.requests++
  stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1
}

/** Resets in place, so a reference a test holds stays live. */
export function resetStats(stats: SyncroStats): void {
  stats.requests = 0
  stats.rateLimited = 0
  for (const key of Object.keys(stats.byRoute)) delete stats.byRoute[key]
}
