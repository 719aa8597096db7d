/**
 * A rolling-window limit per key (Syncro: per client IP; ConnectWise: per API member): at most `limit` accepted requests in any `windowMs`.
 * Rejected requests are not recorded, so they do not extend the wait.
 */
export class RollingWindowLimiter {
  private readonly acceptedAt = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  tryAcquire(key: string): boolean {
    const now = this.clock()
    const recent = (this.acceptedAt.get(key) ?? []).filter((at) => now - at < this.windowMs)
    if (recent.length >= this.limit) {
      this.acceptedAt.set(key, recent)
      return false
    }
    recent.push(now)
    this.acceptedAt.set(key, recent)
    return true
  }
}
