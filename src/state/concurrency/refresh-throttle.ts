/**
 * At most one background refresh per key per interval in this process: while the source fails (a vendor down),
 * stale data keeps being served without every request trying the source again.
 */
export class RefreshThrottle {
  readonly #lastTry = new Map<string, number>()

  constructor(
    private readonly now: () => number,
    private readonly intervalMs = 2_000,
  ) {}

  allows(key: string): boolean {
    const now = this.now()
    const last = this.#lastTry.get(key)
    if (last !== undefined && now - last < this.intervalMs) return false
    this.#lastTry.set(key, now)
    return true
  }
}
