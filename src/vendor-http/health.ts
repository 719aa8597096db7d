/** What the gateway has seen of a connection's vendor lately; reported by GET /v1/connections. */
export interface ConnectionHealthReport {
  status: 'unknown' | 'ok' | 'failing'
  lastSuccessAt: string | null
  lastFailureAt: string | null
  consecutiveFailures: number
}

export class ConnectionHealth {
  #lastSuccessAt: number | null = null
  #lastFailureAt: number | null = null
  #consecutiveFailures = 0

  recordSuccess(at: number): void {
    this.#lastSuccessAt = at
    this.#consecutiveFailures = 0
  }

  recordFailure(at: number): void {
    this.#lastFailureAt = at
    this.#consecutiveFailures += 1
  }

  report(): ConnectionHealthReport {
    const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString())
    const status =
      this.#lastSuccessAt === null && this.#lastFailureAt === null
        ? 'unknown'
        : this.#consecutiveFailures > 0
          ? 'failing'
          : 'ok'
    return {
      status,
      lastSuccessAt: iso(this.#lastSuccessAt),
      lastFailureAt: iso(this.#lastFailureAt),
      consecutiveFailures: this.#consecutiveFailures,
    }
  }
}
